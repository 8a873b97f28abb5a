package dev.pginsertbench.bench;

/**
 * The benchmarks' JMH parameters ({@code @Param} fields), by the field name JMH matches. Profiles
 * and the summary name parameters through these, so a renamed field breaks a test, not a run.
 */
public enum Parameter {
    ROWS("rows"),
    SERVER("server"),
    CHUNK_SIZE("chunkSize"),
    TASKS("tasks"),
    FORMAT("format"),
    VARIANT("variant"),
    PROTOCOL("protocol"),
    CONNECTIONS("connections"),
    EXECUTOR("executor"),
    CONVERSION("conversion"),
    CHUNKING("chunking"),
    TABLE_SHAPE("tableShape"),
    TRANSPORT("transport"),
    CLAIM("claim"),
    ROUND("round");

    private final String field;

    Parameter(String field) {
        this.field = field;
    }

    /** The {@code @Param} field's name, which is also the key in JMH's JSON and in summary.csv. */
    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return field;
    }
}
