package dev.pginsertbench.bench;

import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.data.RowSource;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.LatencyRelay;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.RelayProcess;
import dev.pginsertbench.postgres.RoundTrip;
import dev.pginsertbench.postgres.RoundTripDelay;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every benchmark here shares: one shot fills an empty target table with the whole dataset,
 * and nothing else is timed.
 *
 * <p>Per trial (outside any timing): a PostgreSQL server is provisioned (the run's server
 * settings, {@code -Dbench.*} or {@code bench.connectionFile}), the dataset of {@code rows}
 * articles is generated from {@code -Dbench.seed} (default 42), and the target table is
 * created in the subclass's {@link TableShape} (no index unless the subclass says otherwise). Per
 * shot (outside the timing): the table is truncated and a CHECKPOINT is forced, so every shot
 * starts from the same clean state. TRUNCATE gives the table and each of its indexes new, empty
 * files, so every shape starts each shot as created; an UNLOGGED table's pages, which a
 * checkpoint does not write, are dropped with its old files, so none carry over to the next shot; after the shot
 * {@code count(*)} must equal {@code rows}, and a loader's report must be complete, or the benchmark fails with a
 * message naming it, its parameters and both counts. Secondary results go to {@link ShotCounters}; during
 * every shot a {@link WaitSampler} on a session of its own samples what the server's sessions wait for.
 *
 * <p>A benchmark with an {@code rtt} parameter connects its loader through {@link #loaderAddress}: at
 * {@code loopback} directly, else through a {@link LatencyRelay} in a process of its own ({@link RelayProcess}),
 * so that the relay's CPU, allocation and garbage stay out of this JVM's measures; the setup and check
 * sessions always connect directly. Such a benchmark reports the round trips its shot waited for (the
 * relay's turns), the relay's CPU, and {@code SELECT 1}'s round trip on the loader's path, directly, and through
 * the relay's process without delay.
 *
 * <p>The heap is fixed by {@link ForkFlags}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.INITIAL_HEAP, ForkFlags.MAX_HEAP})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public abstract class TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TableFillBenchmark.class);

    /** The target table's name; a server pointed at by the user gets this table dropped and re-created. */
    static final String TARGET_TABLE = "bench_articles";

    private static final int CHECKPOINT_COUNT_WAIT_SECONDS = 2;

    @Param("100000")
    public int rows;

    /**
     * Which server the run measured this on, such as {@code 16.11 embedded}: a label the runner sets
     * and the fork only logs (the server itself comes from the settings). It is a parameter because
     * JMH's JSON keeps nothing else per entry, and a run over several servers must not mix their
     * rows: the summary compares each configuration only with references on the same server.
     */
    @Param("default")
    public String server;

    protected PostgresServer postgres;
    protected Dataset dataset;
    protected ArticleTable table;

    private BenchmarkParams params;
    private Connection control;
    private WaitSampler waits;
    private String activitySql;
    private boolean checkpointAllowed = true;
    private ClientCpu cpu;
    private ServerCpu serverCpu;
    private final HeapPeak heap = new HeapPeak();

    private ServerActivity before;
    private long cpuBefore;
    private double serverCpuBefore;
    private LoadReport report;
    private ReportedChunks outsideChunks;
    private long bytesSent;
    private RelayProcess relay;
    private LatencyRelay.Traffic trafficBefore;
    private long relayCpuBefore;
    private RoundTrip loaderRoundTrip;
    private RoundTrip directRoundTrip;
    private RoundTrip zeroDelayRoundTrip;
    private TableContent expectedContent;

    @Setup(Level.Trial)
    public final void setUpTrial(BenchmarkParams benchmarkParams) throws Exception {
        params = benchmarkParams;
        long seed = Long.getLong("bench.seed", 42L);
        postgres = PostgresProvisioner.startFromEnvironment();
        dataset = Dataset.of(rowSource(), seed, rows);
        table = ArticleTable.named(TARGET_TABLE);
        control = postgres.connect();
        waits = new WaitSampler(postgres.connect(), ServerCpu.backendPid(control));
        table.recreate(control, tableShape());
        activitySql = ServerActivity.snapshotSql(control);
        cpu = new ClientCpu();
        serverCpu = ServerCpu.locate(control);
        LOG.info("{}: {} rows (seed {}) into {} on {}", description(), rows, seed, table.name(), postgres);
        prepareTrial();
    }

    /** How the loads get their rows: generated and held before the first shot, unless a subclass streams them. */
    protected RowSource rowSource() {
        return RowSource.HELD;
    }

    /** The shape the target table is created in; the factor study varies it. */
    protected TableShape tableShape() {
        return TableShape.HEAP;
    }

    /** Builds what the shots need (a loader, files, a source table), after the table exists. */
    protected void prepareTrial() throws Exception {
    }

    /**
     * Whether each shot's table is also held to the dataset by the server's content checksum, outside the timing
     * (about 30 ms per 20,000 rows): for loaders not held to it by the tests alone, such as another driver's.
     */
    protected boolean verifiesContent() {
        return false;
    }

    /**
     * Releases what {@link #prepareTrial()} built, at trial teardown. JMH skips teardown after a
     * failed shot; the fork then exits, and shutdown hooks stop the server and delete the files.
     */
    protected void releaseTrial() throws Exception {
    }

    /** Runs before each shot is prepared, outside the timing. */
    protected void beforeShot() {
    }

    @Setup(Level.Iteration)
    public final void emptyTable() throws SQLException {
        beforeShot();
        table.truncate(control);
        checkpoint();
        report = null;
        outsideChunks = null;
        bytesSent = 0;
        before = ServerActivity.read(control, activitySql);
        cpuBefore = cpu.nanos();
        serverCpuBefore = serverCpu.nanos();
        heap.start();
        if (relay != null) {
            trafficBefore = relay.traffic();
            relayCpuBefore = relay.cpuNanos();
        }
        waits.start();
    }

    @TearDown(Level.Iteration)
    public final void verifyShot(ShotCounters counters) throws SQLException, InterruptedException {
        Map<WaitSampler.Wait, Double> waited = waits.stop();
        long heapGrowth = heap.growth();
        // the wait sampler is the benchmark's instrument, not the load: its CPU is left out on both sides
        WaitSampler.Cost sampling = waits.cost();
        long cpuUsed = cpu.nanos() - cpuBefore - sampling.clientNanos();
        double serverCpuUsed = serverCpu.nanos() - serverCpuBefore - sampling.serverNanos();
        ServerActivity after = ServerActivity.read(control, activitySql);
        long found = table.count(control);
        if (report != null && !report.complete()) {
            throw new IllegalStateException(description() + ": the load was not complete, " + found + " rows in "
                    + table.name() + " of " + rows + " expected: " + report);
        }
        if (outsideChunks != null && !outsideChunks.complete()) {
            throw new IllegalStateException(description() + ": the load was not complete, " + outsideChunks.succeeded()
                    + " of " + outsideChunks.total() + " chunks committed, " + outsideChunks.failed() + " failed; "
                    + found + " rows in " + table.name() + " of " + rows + " expected");
        }
        if (found != rows) {
            throw new IllegalStateException(description() + ": expected " + rows + " rows in " + table.name()
                    + " after the shot, found " + found);
        }
        if (verifiesContent()) {
            if (expectedContent == null) {
                expectedContent = ContentChecksum.of(dataset.rows());
            }
            TableContent landed = table.content(control);
            if (!landed.equals(expectedContent)) {
                throw new IllegalStateException(description() + ": the rows in " + table.name() + " are not the "
                        + "dataset's: content checksum " + landed + ", expected " + expectedContent);
            }
        }
        counters.rows = found;
        counters.failedChunks = report != null ? report.chunks().failed()
                : outsideChunks != null ? outsideChunks.failed() : 0;
        counters.bytesSent = report == null ? bytesSent : report.bytesSent();
        counters.walBytesPerRow = before.walBytesUntil(after, control) / (double) rows;
        counters.checkpoints = after.checkpoints() - before.checkpoints();
        counters.clientCpuNsPerRow = cpuUsed / (double) rows;
        counters.serverCpuNsPerRow = serverCpuUsed / rows;
        counters.samplingClientCpuNsPerRow = sampling.clientNanos() / (double) rows;
        counters.samplingServerCpuNsPerRow = sampling.serverNanos() / (double) rows;
        counters.peakHeapGrowth = heapGrowth;
        counters.waitCpuShare = waited.get(WaitSampler.Wait.CPU);
        counters.waitClientShare = waited.get(WaitSampler.Wait.CLIENT);
        counters.waitLockExtendShare = waited.get(WaitSampler.Wait.LOCK_EXTEND);
        counters.waitWalShare = waited.get(WaitSampler.Wait.WAL);
        counters.waitDataIoShare = waited.get(WaitSampler.Wait.DATA_IO);
        counters.waitOtherShare = waited.get(WaitSampler.Wait.OTHER);
        recordNetwork(counters);
        if (outsideChunks != null) {
            counters.chunks = outsideChunks.total();
            counters.successfulChunks = outsideChunks.succeeded();
            counters.meanChunkSeconds = outsideChunks.meanSeconds();
            counters.maxChunkSeconds = outsideChunks.maxSeconds();
        } else {
            counters.chunks = report == null ? Double.NaN : report.chunks().total();
            counters.successfulChunks = report == null ? Double.NaN : report.chunks().succeeded();
            counters.meanChunkSeconds = report == null ? 0 : report.chunkTimes().mean().toNanos() / 1e9;
            counters.maxChunkSeconds = report == null ? Double.NaN : report.chunkTimes().max().toNanos() / 1e9;
        }
    }

    @TearDown(Level.Trial)
    public final void tearDownTrial() throws Exception {
        try {
            releaseTrial();
        } finally {
            try {
                if (waits != null) {
                    waits.close();
                }
                if (control != null) {
                    control.close();
                }
            } finally {
                try (RelayProcess started = relay) {
                    relay = null;
                } finally {
                    if (postgres != null) {
                        postgres.close();
                    }
                }
            }
        }
    }

    /**
     * Where the loader connects for this {@code rtt}: the server directly at {@code loopback}, else a relay
     * adding that round-trip time, started now in a process of its own and stopped at trial teardown. Both
     * paths' {@code SELECT 1} round trips are measured now, so every shot says how far its loader's server was.
     *
     * @param direct the server as the benchmark would reach it without a relay (over TCP or TLS)
     * @param rtt    the {@code rtt} parameter's value
     */
    protected final ServerAddress loaderAddress(ServerAddress direct, String rtt) throws SQLException {
        return loaderAddress(direct, RoundTripDelay.parse(rtt, description() + ": rtt"));
    }

    /** As {@link #loaderAddress(ServerAddress, String)}, for a round-trip time the benchmark sets itself. */
    protected final ServerAddress loaderAddress(ServerAddress direct, RoundTripDelay delay) throws SQLException {
        ServerAddress address = direct;
        if (delay.relayed()) {
            relay = RelayProcess.start(direct.socketAddress(), delay.added());
            address = direct.through(relay.address());
        }
        directRoundTrip = measureRoundTrip(direct);
        loaderRoundTrip = measureRoundTrip(address);
        zeroDelayRoundTrip = relay == null ? null : measureRoundTrip(direct.through(relay.zeroDelayAddress()));
        LOG.info("{}: loader connects {}; SELECT 1 round trip {} ms on its path, {} ms through the relay's process "
                + "without delay, {} ms directly (medians of {})", description(),
                relay != null ? "through " + relay : "directly", loaderRoundTrip.medianMs(),
                zeroDelayRoundTrip == null ? "-" : zeroDelayRoundTrip.medianMs(), directRoundTrip.medianMs(),
                loaderRoundTrip.n());
        return address;
    }

    /** The second of two measurements on one connection: the first warms the path (a relay just started, its JIT). */
    private static RoundTrip measureRoundTrip(ServerAddress address) throws SQLException {
        try (Connection connection = address.connect()) {
            RoundTrip.measure(connection);
            return RoundTrip.measure(connection);
        }
    }

    /** What the relay saw during the shot; NaN where the loader has no relay, or no rtt parameter. */
    private void recordNetwork(ShotCounters counters) {
        if (relay != null) {
            counters.roundTrips = relay.traffic().since(trafficBefore).turns();
            counters.relayCpuNsPerRow = (relay.cpuNanos() - relayCpuBefore) / (double) rows;
        } else {
            counters.roundTrips = Double.NaN;
            counters.relayCpuNsPerRow = Double.NaN;
        }
        counters.loaderRoundTripMs = loaderRoundTrip == null ? Double.NaN : loaderRoundTrip.medianMs();
        counters.directRoundTripMs = directRoundTrip == null ? Double.NaN : directRoundTrip.medianMs();
        counters.zeroDelayRoundTripMs = zeroDelayRoundTrip == null ? Double.NaN : zeroDelayRoundTrip.medianMs();
    }

    /** A loader's report of the shot, checked for completeness after it. */
    protected final void recordReport(LoadReport shotReport) {
        this.report = shotReport;
    }

    /** A client process outside this JVM whose CPU time counts as the client's from now on (the Python worker). */
    protected final void includeInClientCpu(ProcessHandle process) {
        cpu.include(process);
    }

    /**
     * Starts the Python port's worker on this trial's rows, its CPU counted as the client's from now on; where the
     * port cannot run here, fails the trial naming what is missing.
     */
    protected final PythonLoader startPython(ServerAddress address) throws IOException {
        Optional<String> missing = PythonLoader.missing();
        if (missing.isPresent()) {
            throw new IllegalStateException(description() + " skipped, no number reported: " + missing.get());
        }
        PythonLoader python = PythonLoader.start(dataset.seed(), rows, table.name().table(), address);
        includeInClientCpu(python.process());
        return python;
    }

    /** A Python load's chunks, kept for the shot's checks; a load that did not land every row fails the shot here. */
    protected final PythonLoader.Load recordPythonLoad(PythonLoader.Load load) {
        recordChunks(new ReportedChunks(load.chunks(), load.successfulChunks(), load.failedChunks(),
                load.avgChunkSeconds(), load.maxChunkSeconds()));
        if (!load.complete(rows)) {
            throw new IllegalStateException(description() + ": the Python arm " + load.arm() + " inserted "
                    + load.inserted() + " of " + rows + " rows, " + load.failedChunks() + " of " + load.chunks()
                    + " chunks failed; first errors: " + load.errors());
        }
        return load;
    }

    /**
     * The shot's chunk metrics as a loader outside this JVM reported them (the Python port), checked
     * after the shot like a Java loader's report.
     */
    protected final void recordChunks(ReportedChunks chunks) {
        this.outsideChunks = chunks;
    }

    /** What a loader outside this JVM reported about its chunks: counts, mean and slowest chunk time. */
    protected record ReportedChunks(int total, int succeeded, int failed, double meanSeconds, double maxSeconds) {

        boolean complete() {
            return succeeded == total && failed == 0;
        }
    }

    /** COPY bytes the client sent in a shot without a loader report (psql). */
    protected final void recordBytesSent(long bytes) {
        this.bytesSent = bytes;
    }

    /** The session used for setup and checks (autocommit), never for the timed work. */
    protected final Connection control() {
        return control;
    }

    /** This run's benchmark, parameters and iteration counts. */
    protected final BenchmarkParams benchmarkParams() {
        return params;
    }

    /** This benchmark method's catalogue entry; a method without one fails here, naming itself. */
    protected final Catalogue entry() {
        return Catalogue.byName(params.getBenchmark())
                .orElseThrow(() -> new IllegalStateException(description() + ": not in the catalogue"));
    }

    /** {@code Class.method {param=value, ...}}, as failure messages name a benchmark. */
    protected final String description() {
        String name = params.getBenchmark();
        int method = name.lastIndexOf('.');
        StringJoiner values = new StringJoiner(", ", " {", "}");
        for (String key : params.getParamsKeys()) {
            values.add(key + "=" + params.getParam(key));
        }
        return name.substring(name.lastIndexOf('.', method - 1) + 1) + values;
    }

    /**
     * Starts each shot with little dirty data, so a checkpoint inside a shot is the shot's own
     * doing. The checkpointer publishes its counters a moment after CHECKPOINT returns; waiting
     * for that keeps this checkpoint out of the shot's count.
     */
    private void checkpoint() throws SQLException {
        if (!checkpointAllowed) {
            return;
        }
        long counted = ServerActivity.read(control, activitySql).checkpoints();
        try (Statement statement = control.createStatement()) {
            statement.execute("CHECKPOINT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHECKPOINT_COUNT_WAIT_SECONDS);
            while (ServerActivity.read(control, activitySql).checkpoints() <= counted && System.nanoTime() < deadline
                    && !Thread.currentThread().isInterrupted()) {
                sleepBriefly();
            }
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            checkpointAllowed = false;
            LOG.warn("{}: this role may not run CHECKPOINT ({}); shots start without one", description(),
                    e.getMessage().toLowerCase(Locale.ROOT));
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
