package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a shot of the claims study or the scale study adds to {@link ShotCounters}: which arm (or
 * strategy) it ran and what that holds in memory. Assigned in the benchmark method; per-shot values
 * are in each metric's {@code rawData}, in shot order (results/README.md).
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class ClaimShot {

    /** The arm this shot ran, by its {@code Arm.code()} (the CRC-32 of its id). */
    public long arm;
    /**
     * Bytes the arm's load holds at its peak, probed once per fork in a warm-up shot: the JVM's
     * (see {@link RetainedHeapProbe}), or tracemalloc's peak in the Python port.
     */
    public double retainedHeapBytes;
    /**
     * The live size of the rows the loader is given, as this language holds them: the JVM's records
     * ({@link LiveHeap}), or tracemalloc's count of the Python worker's models; NaN where the claim
     * compares no memory.
     */
    public double datasetHeapBytes = Double.NaN;
    /** How far the Python port's resident memory rose above its level before the shot's load; NaN in Java. */
    public double peakRssGrowthBytes = Double.NaN;
    /**
     * CPU time generating one row from the seed and its id on one thread, measured once per fork of the
     * scale study, where a streamed load generates its rows as it reads them; NaN elsewhere.
     */
    public double generatorNsPerRow = Double.NaN;
}
