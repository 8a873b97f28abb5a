package dev.pginsertbench.claims;

/** What a comparison takes from each shot of its two arms. */
public enum Measure {
    /** The load's wall time, conversion included: what a user waits for. */
    WALL_TIME,
    /** The mean time of the load's chunks, connection acquisition to commit: the author's "per chunk". */
    MEAN_CHUNK_TIME,
    /**
     * The memory the load holds at its fullest moment, measured once per fork (see the benchmarks):
     * the JVM's live heap in Java, tracemalloc's peak in Python.
     */
    RETAINED_HEAP,
    /** How far the process's resident memory rose above its level before the load (Python only, every shot). */
    PEAK_RSS;

    /** Whether the comparison is of memory, a difference in percent of the dataset, rather than of time. */
    public boolean memory() {
        return this == RETAINED_HEAP || this == PEAK_RSS;
    }
}
