package dev.pginsertbench.load;

/**
 * Where records become protocol-ready row values (factor "conversion"; RQ5) — the Java
 * counterpart of the original loader converting its pydantic models to dicts.
 */
public enum Conversion {
    /** Every row converted once before chunking (JDBC values or encoded COPY rows held in memory). */
    UPFRONT,
    /** Each task converts its own rows while it sends them; nothing is held beyond the chunk. */
    PER_CHUNK
}
