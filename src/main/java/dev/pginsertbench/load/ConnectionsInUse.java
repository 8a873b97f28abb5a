package dev.pginsertbench.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections chunks are using right now, so an interrupted load can ask the server to
 * cancel their statements (PostgreSQL's cancel request) instead of leaving them running.
 */
final class ConnectionsInUse {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsInUse.class);

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    void add(Connection connection) {
        connections.add(connection);
    }

    void remove(Connection connection) {
        connections.remove(connection);
    }

    /** Sends a cancel request for every statement in flight; their chunks then fail and roll back. */
    void cancelAll() {
        for (Connection connection : connections) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                LOG.warn("could not cancel a statement in flight: {}", e.getMessage());
            }
        }
    }
}
