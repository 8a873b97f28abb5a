package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary results of a shot, reported by JMH next to its time under these field names (the
 * keys in results/README.md). They are EVENTS counters because JMH drops OPERATIONS counters in
 * single-shot mode. Each field holds the shot's own value, assigned (never incremented) in the
 * iteration teardown, which JMH runs before it reads the counters. JMH then adds the shots up:
 * in the JSON, {@code rawData} holds the per-shot values and {@code score} their sum over every
 * measured shot of every fork, so a per-row value's mean is {@code score / (shots x forks)},
 * or the mean of {@code rawData}.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class ShotCounters {

    /** Rows in the table after the shot (the table is emptied before each shot). */
    public long rows;
    /** Chunks that failed and were rolled back (0 in any result that is reported at all). */
    public long failedChunks;
    /** Bytes of COPY data the client sent; 0 where the client sends no COPY data. */
    public long bytesSent;
    /** WAL bytes the server wrote during the shot, per row. */
    public double walBytesPerRow;
    /** Checkpoints started during the shot. */
    public long checkpoints;
    /** CPU time of the client during the shot, per row (see {@link ClientCpu}). */
    public double clientCpuNsPerRow;
    /**
     * CPU time of the server's processes during the shot, per row; NaN for a server elsewhere (see
     * {@link ServerCpu}).
     */
    public double serverCpuNsPerRow;
    /**
     * CPU per row the wait sampler itself used, in this JVM and in its backend: left out of
     * {@code clientCpuNsPerRow} and {@code serverCpuNsPerRow}, shown so that what was left out is known.
     */
    public double samplingClientCpuNsPerRow;
    public double samplingServerCpuNsPerRow;
    /** Bytes the heap rose above its level at the shot's start, at most (see {@link HeapPeak}). */
    public long peakHeapGrowth;
    /** Chunks the load planned; NaN without a loader (ceilings, psql). */
    public double chunks;
    /** Chunks the load committed; NaN without a loader. */
    public double successfulChunks;
    /** Mean time of the load's chunks in seconds, connection acquisition to commit; 0 without a loader. */
    public double meanChunkSeconds;
    /** Time of the load's slowest chunk in seconds; NaN without a loader. */
    public double maxChunkSeconds;
    /**
     * What the server's active client sessions were doing during the shot, as shares of
     * {@link WaitSampler}'s samples (each NaN without a sample): running on CPU, waiting for the
     * client, for relation extension, for WAL, for data-file I/O, for anything else.
     */
    public double waitCpuShare;
    public double waitClientShare;
    public double waitLockExtendShare;
    public double waitWalShare;
    public double waitDataIoShare;
    public double waitOtherShare;
    /**
     * Round trips the loader waited for during the shot: the turns of its conversations through the
     * latency relay (a client's send after the server's); NaN without a relay.
     */
    public double roundTrips;
    /** CPU the relay's own process used during the shot, per row; NaN without a relay. */
    public double relayCpuNsPerRow;
    /**
     * {@code SELECT 1}'s median round trip in milliseconds, measured at trial setup on the loader's path
     * (through the relay where there is one) and directly; NaN in a benchmark without an {@code rtt} parameter.
     */
    public double loaderRoundTripMs;
    public double directRoundTripMs;
    /**
     * The same through a relay in the relay's process that adds no delay: minus it, the loader's path gives the
     * delay the relay added; it minus the direct path gives the relay's own cost. NaN without a relay.
     */
    public double zeroDelayRoundTripMs;
}
