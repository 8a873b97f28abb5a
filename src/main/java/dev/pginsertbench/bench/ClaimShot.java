package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a shot of the claims study adds to {@link ShotCounters}: which arm it ran and what that
 * arm holds on the heap. Assigned in the benchmark method; per-shot values are in each metric's
 * {@code rawData}, in shot order (results/README.md).
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class ClaimShot {

    /** Index of the arm this shot ran, in the order of {@code OriginalClaim.arms()}. */
    public long arm;
    /** Bytes the arm's load holds at its peak, probed once per fork in a warm-up shot (see {@link RetainedHeapProbe}). */
    public double retainedHeapBytes;
}
