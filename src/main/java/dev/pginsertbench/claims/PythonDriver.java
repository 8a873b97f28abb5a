package dev.pginsertbench.claims;

/**
 * The driver the Python port sends an arm's chunks with. The original's is psycopg 3; the others are what a
 * Python user would pick instead, measured beside it: psycopg's executemany outside pipeline mode (each row's
 * INSERT waits for its reply, as psycopg does where libpq has no pipeline), and asyncpg's binary COPY
 * ({@code copy_records_to_table}). The Java port runs only the arms of the original's driver, whose
 * counterpart in Java is pgjdbc.
 */
public enum PythonDriver {
    PSYCOPG,
    PSYCOPG_NO_PIPELINE,
    ASYNCPG,
    /** An arm of the Java suite alone (its best pooled COPY), which the Python port does not run. */
    NONE;

    /** Whether the Java port has a counterpart of an arm sent with this driver. */
    public boolean inJava() {
        return this == PSYCOPG || this == NONE;
    }

    /** Whether the Python port runs an arm sent with this driver. */
    public boolean inPython() {
        return this != NONE;
    }
}
