package dev.pginsertbench.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server's sessions were doing during a shot: every {@value #SAMPLE_MILLIS} ms, on a
 * session of its own, it reads {@code pg_stat_activity} and counts the active client backends
 * other than its own and the benchmark's control session by what they wait for. The shares tell
 * where a load's server time goes: on CPU, waiting for the client to send (COPY's
 * {@code ClientRead}), for the relation to be extended ({@code Lock:extend}), for WAL, or for
 * data-file I/O. On a server the user names, other sessions' work is counted too. The sampling
 * costs the machine one small query per interval, inside every shot alike; what it costs in CPU,
 * its thread's and its backend's, is measured ({@link #cost()}) so that the shot's client and
 * server CPU can leave the instrument out.
 */
final class WaitSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WaitSampler.class);

    static final long SAMPLE_MILLIS = 20;

    /** What an active backend is doing at a sample. */
    enum Wait {
        /** Running: no wait event. */
        CPU,
        /** Waiting for the client (ClientRead during COPY FROM STDIN, or between statements of a batch). */
        CLIENT,
        /** Waiting to extend the table or an index ({@code Lock:extend}). */
        LOCK_EXTEND,
        /** Waiting for WAL: its I/O ({@code IO:Wal*}) or the locks around it ({@code LWLock:WAL*}). */
        WAL,
        /** Waiting for data-file I/O ({@code IO} other than WAL). */
        DATA_IO,
        /** Anything else. */
        OTHER
    }

    private static final String SQL = """
            SELECT CASE
                     WHEN wait_event_type IS NULL THEN 'CPU'
                     WHEN wait_event_type = 'Client' THEN 'CLIENT'
                     WHEN wait_event_type = 'Lock' AND wait_event = 'extend' THEN 'LOCK_EXTEND'
                     WHEN (wait_event_type = 'IO' AND wait_event LIKE 'Wal%')
                          OR (wait_event_type = 'LWLock' AND wait_event LIKE 'WAL%') THEN 'WAL'
                     WHEN wait_event_type = 'IO' THEN 'DATA_IO'
                     ELSE 'OTHER' END, count(*)
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid() AND pid <> ?::int
            GROUP BY 1""";

    private final Connection connection;
    private final long controlPid;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<Wait, Long> counts = new EnumMap<>(Wait.class);
    private Thread thread;
    private volatile SQLException failure;
    private final long backendPid;
    private volatile long threadCpuNanos;
    private long backendCpuAtStart;
    private Cost cost = new Cost(0, 0);

    /**
     * CPU the sampling itself used during a shot.
     *
     * @param clientNanos its thread in this JVM
     * @param serverNanos its backend on the server (0 where the server's processes cannot be read)
     */
    record Cost(long clientNanos, long serverNanos) {
    }

    /** @param controlPid the benchmark's control session, which is not the load's */
    WaitSampler(Connection connection, long controlPid) throws SQLException {
        this.connection = connection;
        this.controlPid = controlPid;
        this.backendPid = ServerCpu.backendPid(connection);
    }

    /** Starts sampling (outside the shot's timing; the samples run inside it). */
    void start() {
        synchronized (counts) {
            counts.clear();
        }
        failure = null;
        threadCpuNanos = 0;
        backendCpuAtStart = backendCpu();
        running.set(true);
        thread = Thread.ofPlatform().daemon().name("wait-sampler").start(this::sample);
    }

    /** Stops sampling and returns each wait's share of the samples (every share NaN without a sample). */
    Map<Wait, Double> stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join();
            thread = null;
        }
        cost = new Cost(threadCpuNanos, Math.max(0, backendCpu() - backendCpuAtStart));
        if (failure != null) {
            LOG.warn("sampling wait events failed, shares reported as NaN: {}", failure.getMessage());
        }
        Map<Wait, Double> shares = new EnumMap<>(Wait.class);
        synchronized (counts) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            for (Wait wait : Wait.values()) {
                shares.put(wait,
                        total == 0 || failure != null ? Double.NaN : counts.getOrDefault(wait, 0L) / (double) total);
            }
        }
        return shares;
    }

    /** What the last {@link #stop()}ped sampling cost in CPU. */
    Cost cost() {
        return cost;
    }

    /** The sampler's backend's CPU time so far, 0 where its process cannot be read (another host, a container). */
    private long backendCpu() {
        return ProcessStat.of(backendPid).map(ProcessStat::ownNanos).orElse(0L);
    }

    private void sample() {
        try {
            sampleUntilStopped();
        } finally {
            // a new thread per shot: all of its CPU time is this shot's sampling
            threadCpuNanos = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private void sampleUntilStopped() {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setLong(1, controlPid);
            while (running.get()) {
                try (ResultSet result = statement.executeQuery()) {
                    synchronized (counts) {
                        while (result.next()) {
                            counts.merge(Wait.valueOf(result.getString(1).toUpperCase(Locale.ROOT)), result.getLong(2),
                                    Long::sum);
                        }
                    }
                }
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws SQLException {
        running.set(false);
        connection.close();
    }
}
