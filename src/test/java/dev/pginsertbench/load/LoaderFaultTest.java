package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Article;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.Provider;
import dev.pginsertbench.postgres.ServerProfile;
import dev.pginsertbench.postgres.TableShape;
import dev.pginsertbench.postgres.Transport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults while a load runs: a backend killed, a server stopped, a pool too small, a statement
 * timeout, an interrupt. Every load must end within a bounded time, report the chunks that did
 * not land, and leave a table that agrees with its report. A trigger makes one chosen row sleep
 * on the server, so the fault always hits a chunk that is in flight.
 */
@ExtendWith(PostgresExtension.class)
class LoaderFaultTest {

    private static final Logger LOG = LoggerFactory.getLogger(LoaderFaultTest.class);

    private static final int ROWS = 4_000;
    private static final int CHUNK = 500;
    private static final int SLOW_CHUNK = 3;
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final ArticleTable TABLE = ArticleTable.named("fault_test");

    private final List<Article> rows = new ArrayList<>(Dataset.generate(3, ROWS).rows());

    @BeforeEach
    void createTableWithSlowRowTrigger(PostgresServer server) throws Exception {
        createSlowTable(server);
        rows.set(SLOW_CHUNK * CHUNK + 10, rows.get(SLOW_CHUNK * CHUNK + 10).withTitle("SLOW"));
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"COPY_BINARY", "BATCH"})
    void aKilledBackendFailsItsChunkAndThePoolRecovers(Protocol protocol, PostgresServer server) throws Exception {
        try (Loader loader = new Loader(server.address(), TABLE.name(), LoadPlan.pooledBatch(CHUNK, 2).withProtocol(protocol))) {
            CompletableFuture<LoadReport> load = startLoad(loader);
            int pid = awaitSleepingBackend(server);
            try (Connection admin = server.connect(); PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, pid);
                kill.execute();
            }
            LoadReport report = load.get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertThat(report.failedChunks()).containsExactly(SLOW_CHUNK);
            assertThat(report.firstErrors().get(0).sqlState()).isIn("57P01", "08006", "08003");
            assertTableAgreesWith(server, report);

            // the same pool loads everything once the slow row is gone: the broken connection was evicted
            rows.set(SLOW_CHUNK * CHUNK + 10, rows.get(SLOW_CHUNK * CHUNK + 11).withTitle("fine"));
            truncate(server);
            LoadReport again = loader.load(rows);
            assertThat(again.complete()).as(again.toString()).isTrue();
            assertTableAgreesWith(server, again);
        }
    }

    @Test
    void aStatementTimeoutIsThatChunksFailure(PostgresServer server) throws Exception {
        LoaderOptions options = LoaderOptions.defaults().withStatementTimeout(Duration.ofSeconds(1), Duration.ofSeconds(20));
        try (Loader loader = new Loader(server.address(), TABLE.name(), LoadPlan.pooledCopy(CHUNK, 2), options)) {
            LoadReport report = startLoad(loader).get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertThat(report.failedChunks()).containsExactly(SLOW_CHUNK);
            assertThat(report.firstErrors().get(0).sqlState()).isEqualTo("57014");
            assertThat(report.firstErrors().get(0).message()).contains("statement timeout");
            assertTableAgreesWith(server, report);
        }
    }

    /**
     * The slow row stops the server reading in the middle of a chunk, as a write deadlock or a
     * stopped server would: the chunk ends at its deadline with a message that names where it was
     * and why, is rolled back, and a single-connection load starts no further chunk.
     */
    @ParameterizedTest
    @CsvSource({"COPY_BINARY,TCP", "COPY_TEXT,UNIX_SOCKET", "BATCH,UNIX_SOCKET", "BATCH_REWRITE,TLS"})
    void aChunkThatMakesNoProgressFailsAtItsDeadlineNamingItAndEndsTheLoad(Protocol protocol, Transport transport,
            PostgresServer server) throws Exception {
        assumeTrue(server.offers(transport), () -> transport + " needs a server the suite starts");
        LoaderOptions options = LoaderOptions.defaults().withChunkDeadline(Duration.ofSeconds(2));
        LoadPlan plan = LoadPlan.syncBaseline(CHUNK).withProtocol(protocol);
        long started = System.nanoTime();
        try (Loader loader = new Loader(server.address(transport), TABLE.name(), plan, options)) {
            LoadReport report = startLoad(loader).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(report.failedChunks()).containsExactly(SLOW_CHUNK);
            assertThat(report.notRunChunks()).hasSize(ROWS / CHUNK - SLOW_CHUNK - 1);
            ChunkError error = report.firstErrors().get(0);
            assertThat(error.sqlState()).isEqualTo("57014");
            assertThat(error.toString()).startsWith("chunk " + SLOW_CHUNK + " (rows " + SLOW_CHUNK * CHUNK + "..");
            assertThat(error.message()).contains("no progress within the chunk deadline of 2 s")
                    .contains(protocol + " over " + transport).contains(CHUNK + " rows").contains("deadlock")
                    .contains("--chunk-deadline");
            assertThat(took).as("ended by the 2 s deadline, not by the 30 s sleep").isLessThan(Duration.ofSeconds(20));
            assertTableAgreesWith(server, report);
        }
        assertThat(awaitNoSleepingBackend(server)).as("the cancel request ended the server's statement").isTrue();
    }

    @Test
    void chunksWaitingForAPoolConnectionTimeOutInsteadOfHanging(PostgresServer server) throws Exception {
        // three tasks share one connection that every chunk holds for 0.7 s: while one chunk holds
        // it, the other two wait longer than the 0.5 s acquire timeout, whatever order they run in
        for (int chunk = 0; chunk < ROWS / CHUNK; chunk++) {
            rows.set(chunk * CHUNK + 10, rows.get(chunk * CHUNK + 10).withTitle("SLOW"));
        }
        setSleep(server, 0.7);
        LoaderOptions options = LoaderOptions.defaults().withPoolSize(1).withPoolAcquireTimeout(Duration.ofMillis(500));
        LoadPlan plan = LoadPlan.pooledBatch(CHUNK, 3).withProtocol(Protocol.COPY_CSV);
        try (Loader loader = new Loader(server.address(), TABLE.name(), plan, options)) {
            LoadReport report = startLoad(loader).get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertThat(report.chunks().failed()).isGreaterThanOrEqualTo(2);
            assertThat(report.chunks().succeeded()).isPositive();
            assertThat(report.firstErrors()).allSatisfy(error -> assertThat(error.message()).contains("timed out"));
            assertTableAgreesWith(server, report);
        }
    }

    @Test
    void anInterruptCancelsChunksInFlightAndLeavesNoOpenTransaction(PostgresServer server) throws Exception {
        try (Loader loader = new Loader(server.address(), TABLE.name(), LoadPlan.syncBaseline(CHUNK).withProtocol(Protocol.COPY_TEXT))) {
            CompletableFuture<LoadReport> load = new CompletableFuture<>();
            Thread loading = Thread.ofPlatform().name("interrupted-load").start(() -> {
                try {
                    load.complete(loader.load(rows));
                } catch (Throwable e) {
                    load.completeExceptionally(e);
                }
            });
            awaitSleepingBackend(server);
            loading.interrupt();

            assertThatThrownBy(() -> load.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LoadInterruptedException.class);
            LoadReport report = load.handle((ok, error) -> ((LoadInterruptedException) error).report()).get();
            assertThat(report.failedChunks()).containsExactly(SLOW_CHUNK);
            assertThat(report.firstErrors().get(0).sqlState()).isEqualTo("57014");
            assertThat(report.notRunChunks()).hasSize(ROWS / CHUNK - SLOW_CHUNK - 1);
            assertThat(backendsOfThisSuite(server, "idle in transaction")).isZero();
            assertTableAgreesWith(server, report);
        }
    }

    @Test
    void aServerStoppedMidLoadEndsTheLoadAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        try (PostgresServer own = new PostgresProvisioner().start(
                ProvisionSettings.started(ServerProfile.DURABLE, Provider.EMBEDDED))) {
            createSlowTable(own);
            LoadReport report;
            try (Loader loader = new Loader(own.address(), TABLE.name(), LoadPlan.pooledCopy(CHUNK, 2))) {
                CompletableFuture<LoadReport> load = startLoad(loader);
                awaitSleepingBackend(own);
                own.close();
                report = load.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            LOG.info("fault report: {}", report);
            assertThat(report.complete()).isFalse();
            assertThat(report.failedChunks()).contains(SLOW_CHUNK);
            assertThat(report.firstErrors()).allSatisfy(error -> assertThat(error.sqlState()).isNotNull());
        }
        // nothing the loader started may keep the JVM alive
        assertThat(awaitThreadsGone(before)).isEmpty();
    }

    private CompletableFuture<LoadReport> startLoad(Loader loader) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return loader.load(rows);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void createSlowTable(PostgresServer server) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            TABLE.recreate(connection, TableShape.HEAP);
            statement.execute("DROP TABLE IF EXISTS fault_sleep");
            statement.execute("CREATE TABLE fault_sleep (seconds double precision NOT NULL)");
            statement.execute("INSERT INTO fault_sleep VALUES (30)");
            statement.execute("CREATE OR REPLACE FUNCTION fault_slow_row() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN IF NEW.title = 'SLOW' THEN PERFORM pg_sleep((SELECT seconds FROM fault_sleep)); END IF; "
                    + "RETURN NEW; END $$");
            statement.execute("CREATE TRIGGER slow_row BEFORE INSERT ON " + TABLE.name().quoted()
                    + " FOR EACH ROW EXECUTE FUNCTION fault_slow_row()");
        }
    }

    private static void setSleep(PostgresServer server, double seconds) throws SQLException {
        try (Connection connection = server.connect(); PreparedStatement update = connection.prepareStatement("UPDATE fault_sleep SET seconds = ?")) {
            update.setDouble(1, seconds);
            update.execute();
        }
    }

    /** Waits until a backend of this suite sleeps in the trigger; returns its pid. */
    private static int awaitSleepingBackend(PostgresServer server) throws Exception {
        return awaitSleepingBackends(server, pids -> !pids.isEmpty()).orElseThrow(
                () -> new AssertionError("no backend reached the slow row within " + BOUND)).get(0);
    }

    /** Waits until no backend of this suite sleeps in the trigger; whether that happened within the bound. */
    private static boolean awaitNoSleepingBackend(PostgresServer server) throws Exception {
        return awaitSleepingBackends(server, List::isEmpty).isPresent();
    }

    /** The pids of this suite's backends asleep in the trigger, once they satisfy {@code done}; empty if not within the bound. */
    private static Optional<List<Integer>> awaitSleepingBackends(PostgresServer server, Predicate<List<Integer>> done)
            throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        try (Connection connection = server.connect(); PreparedStatement find = connection.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'pg-insert-bench' AND wait_event = 'PgSleep'")) {
            while (System.nanoTime() < deadline) {
                List<Integer> pids = new ArrayList<>();
                try (ResultSet result = find.executeQuery()) {
                    while (result.next()) {
                        pids.add(result.getInt(1));
                    }
                }
                if (done.test(pids)) {
                    return Optional.of(pids);
                }
                Thread.sleep(20);
            }
        }
        return Optional.empty();
    }

    private static int backendsOfThisSuite(PostgresServer server, String state) throws SQLException {
        try (Connection connection = server.connect(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg-insert-bench' AND state = ?")) {
            count.setString(1, state);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private void assertTableAgreesWith(PostgresServer server, LoadReport report) throws SQLException {
        LOG.info("fault report: {}", report);
        Set<Integer> missing = new HashSet<>(report.failedChunks());
        missing.addAll(report.notRunChunks());
        List<Article> expected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!missing.contains(i / CHUNK)) {
                expected.add(rows.get(i));
            }
        }
        try (Connection connection = server.connect()) {
            assertThat(TABLE.content(connection)).as(report.toString()).isEqualTo(ContentChecksum.of(expected));
        }
        assertThat(report.rows().inserted()).isEqualTo(expected.size());
    }

    private static void truncate(PostgresServer server) throws SQLException {
        try (Connection connection = server.connect()) {
            TABLE.truncate(connection);
        }
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive()).collect(Collectors.toSet());
    }

    private static Set<String> awaitThreadsGone(Set<Thread> before) throws InterruptedException {
        Set<String> extra = Set.of();
        for (int i = 0; i < 100; i++) {
            extra = liveNonDaemonThreads().stream().filter(t -> !before.contains(t))
                    .filter(t -> !t.getName().startsWith("ForkJoinPool")).map(Thread::getName).collect(Collectors.toSet());
            if (extra.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return extra;
    }
}
