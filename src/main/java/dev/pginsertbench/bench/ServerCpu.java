package dev.pginsertbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU time of a PostgreSQL server running on this machine, read from {@code /proc}: the
 * postmaster's own time, the time of its children that have exited (a backend of a closed
 * connection; the kernel adds it to the postmaster's {@code cutime}/{@code cstime}) and the time
 * of every child still running (backends, WAL writer, checkpointer, ...). With the client's CPU
 * it tells where a shot's time went. Unavailable for a server on another machine or in a
 * container whose processes this JVM cannot see; the counter is then NaN.
 */
final class ServerCpu {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCpu.class);
    private static final Path PROC = Path.of("/proc");
    private static final long SETTLE_NANOS = 1_000_000_000L;

    private final long postmaster;

    private ServerCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The process id of this connection's backend on the server. */
    static long backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Finds the postmaster as the parent of this connection's backend, if it runs here. */
    static ServerCpu locate(Connection connection) throws SQLException {
        long backend = backendPid(connection);
        Optional<Long> parent = ProcessStat.of(backend).map(ProcessStat::parent);
        if (parent.isEmpty() || !command(parent.get()).contains("postgres")) {
            LOG.info("server CPU is not measured: backend {} is not a process of this machine", backend);
            return new ServerCpu(-1);
        }
        return new ServerCpu(parent.get());
    }

    /** CPU nanoseconds the server has used so far, NaN when unavailable; only differences mean anything. */
    double nanos() {
        if (postmaster < 0) {
            return Double.NaN;
        }
        // A backend that is exiting (a closed connection, psql's session) shows no CPU for a few
        // milliseconds before the postmaster reaps it into its cutime: read until two readings
        // 20 ms apart agree. Only called outside the timed shot.
        long deadline = System.nanoTime() + SETTLE_NANOS;
        Reading reading = read();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Reading next = read();
            if (next.nanos() == reading.nanos() && !next.zombies()) {
                break;
            }
            reading = next;
        }
        return reading.nanos();
    }

    private Reading read() {
        ProcessStat own = ProcessStat.of(postmaster).orElse(null);
        if (own == null) {
            return new Reading(Double.NaN, false); // the server has stopped
        }
        long nanos = own.ownNanos() + own.childNanos();
        boolean zombies = false;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC,
                path -> isPid(path.getFileName().toString()))) {
            for (Path process : processes) {
                ProcessStat child = ProcessStat.of(process.getFileName().toString()).orElse(null);
                if (child != null && child.parent() == postmaster) {
                    nanos += child.ownNanos();
                    zombies |= child.state() == 'Z';
                }
            }
        } catch (IOException e) {
            return new Reading(Double.NaN, false);
        }
        return new Reading(nanos, zombies);
    }

    /** One pass over /proc: CPU so far, and whether an exited child still awaits reaping. */
    private record Reading(double nanos, boolean zombies) {
    }

    private static String command(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isPid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
