package dev.pginsertbench.load;

/** Where each chunk's connection comes from (factor "connections"; RQ2). */
public enum ConnectionMode {
    /** One connection, opened before the load and used by every chunk in turn (tasks must be 1). */
    SINGLE,
    /** A fresh {@code DriverManager} connection opened and closed for every chunk. */
    PER_CHUNK,
    /** A HikariCP pool sized to the task count, created and warmed before the load. */
    POOLED
}
