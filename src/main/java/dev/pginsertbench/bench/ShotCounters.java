package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary results of a shot, reported by JMH next to its time under these field names (the
 * keys in results/README.md). They are EVENTS counters because JMH drops OPERATIONS counters in
 * single-shot mode. JMH adds up EVENTS counters over every measured shot of every fork, so
 * {@link TableFillBenchmark} writes the per-row averages already divided by the number of
 * measured shots: their sum is then the mean over the shots. Every field is assigned, never
 * incremented, at the end of each shot.
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
    /** WAL bytes per row, divided by the measured shots (see class comment). */
    public double walBytesPerRow;
    /** Checkpoints started during the shot. */
    public long checkpoints;
    /** CPU time of the client per row, divided by the measured shots (see class comment). */
    public double clientCpuNsPerRow;
}
