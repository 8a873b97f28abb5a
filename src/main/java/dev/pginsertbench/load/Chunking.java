package dev.pginsertbench.load;

/** How the chunk size is chosen (factor "chunking"; RQ6). */
public enum Chunking {
    /** Exactly the plan's chunk size. */
    FIXED,
    /** The original loader's rule: below 1,000 rows per chunk on more than 10,000 rows, use about 20 chunks. */
    ADAPTIVE
}
