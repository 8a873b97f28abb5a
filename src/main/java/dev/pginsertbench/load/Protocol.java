package dev.pginsertbench.load;

/** How rows travel to the server (docs/design.md, factor "protocol"; RQ1). */
public enum Protocol {
    /** {@code PreparedStatement.addBatch/executeBatch}, one INSERT per row. */
    BATCH,
    /** Same as BATCH with pgjdbc's {@code reWriteBatchedInserts=true} (multi-row INSERTs on the wire). */
    BATCH_REWRITE,
    /** One INSERT with many {@code VALUES} tuples, split to stay under 65,535 bind parameters. */
    MULTI_VALUES,
    /** {@code INSERT ... SELECT * FROM unnest(?::bigint[], ?::text[], ...)}: one typed array per column. */
    UNNEST,
    /** {@code COPY ... FROM STDIN} in text format. */
    COPY_TEXT,
    /** {@code COPY ... FROM STDIN (FORMAT csv)}. */
    COPY_CSV,
    /** {@code COPY ... FROM STDIN (FORMAT binary)}: PostgreSQL's binary tuple format. */
    COPY_BINARY;

    public boolean isCopy() {
        return this == COPY_TEXT || this == COPY_CSV || this == COPY_BINARY;
    }
}
