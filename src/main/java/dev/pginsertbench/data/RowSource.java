package dev.pginsertbench.data;

/**
 * How a load's rows are given to it. Either way the loader reads a list of the same rows; what
 * differs is what the process holds before the first row is sent.
 */
public enum RowSource {
    /** Every row generated before the load and held (as the original loader's list of models was). */
    HELD,
    /** Each row generated when the loader reads it, none held: the load's size is not capped by the heap. */
    STREAMED
}
