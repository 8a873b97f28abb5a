package dev.pginsertbench.load;

import java.sql.Connection;
import java.sql.SQLException;

/** Gives each chunk a connection with autocommit off, the way the plan's connection mode says. */
interface ConnectionSource extends AutoCloseable {

    /** A connection for one chunk; closing the lease returns or closes it. */
    Lease acquire() throws SQLException;

    @Override
    void close();

    /**
     * A connection held by one chunk.
     *
     * @param connection the connection, autocommit off
     * @param owned      whether releasing closes it (per-chunk and pooled) or keeps it (single)
     */
    record Lease(Connection connection, boolean owned) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (owned) {
                connection.close();
            }
        }
    }
}
