package dev.pginsertbench.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a chunk that has not finished within its deadline. The driver's read timeout cannot: a
 * client blocked writing to a server that has stopped reading (a client/server write deadlock, a
 * stopped server) never reads. So a watchdog asks the server to cancel the chunk's statement and
 * then aborts the connection, which closes its socket: the blocked write or read fails, the
 * chunk rolls back and is reported, and the server's backend ends when it next touches the socket.
 */
final class ChunkDeadline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkDeadline.class);

    private final Duration deadline;
    private final ScheduledExecutorService watchdog;

    /** @param deadline how long one chunk may take, from its connection on; zero for none */
    ChunkDeadline(Duration deadline) {
        this.deadline = deadline;
        this.watchdog = deadline.isZero() ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-chunk-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }

    Duration deadline() {
        return deadline;
    }

    /** Starts the chunk's clock on its connection; close the watch when the chunk ends. */
    Watch watch(Connection connection) {
        return new Watch(connection);
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    /** One chunk's clock. */
    final class Watch implements AutoCloseable {

        private final AtomicBoolean expired = new AtomicBoolean();
        private final ScheduledFuture<?> expiry;

        private Watch(Connection connection) {
            this.expiry = watchdog == null ? null
                    : watchdog.schedule(() -> expire(connection), deadline.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Whether the deadline passed and the connection was aborted. */
        boolean expired() {
            return expired.get();
        }

        private void expire(Connection connection) {
            expired.set(true);
            PGConnection driver;
            try {
                // the driver's own connection: a pool's proxy would only mark itself closed
                driver = connection.unwrap(PGConnection.class);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not reach the driver's connection past its chunk deadline: {}", e.getMessage());
                return;
            }
            try {
                driver.cancelQuery();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("cancel request at the chunk deadline failed: {}", e.getMessage());
            }
            try {
                ((Connection) driver).abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not abort a connection past its chunk deadline: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            if (expiry != null) {
                expiry.cancel(false);
            }
        }
    }
}
