package dev.pginsertbench.load;

/** What runs the chunks (factor "executor"; RQ7, the original loader's "sync vs async"). */
public enum ExecutorKind {
    /** A fixed pool of {@code tasks} platform threads. */
    PLATFORM,
    /** A virtual thread per chunk, at most {@code tasks} in flight. */
    VIRTUAL
}
