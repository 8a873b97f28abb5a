package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.postgres.RoundTripDelay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A benchmark result is only worth reporting if the shot really filled the table, so the
 * per-shot verification must fail loudly, naming the benchmark, its parameters and both counts,
 * when the table holds one row too few or too many, or when the loader's report says rows did
 * not land. Driven without the JMH runner, in the order JMH calls the lifecycle methods: one
 * trial against a real PostgreSQL server, then emptyTable, the benchmark method, a change made
 * behind the benchmark's back through a separate connection, and verifyShot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShotVerificationTest {

    private static final int ROWS = 2_000;
    private static final int CHUNK_SIZE = 500;
    /** How failure messages name this benchmark: {@code Class.method {param=value, ...}}. */
    private static final String DESCRIPTION = "SyncBaselineBenchmark.load {chunkSize=" + CHUNK_SIZE + ", rows=" + ROWS + "}";

    private final Shots benchmark = new Shots();

    @BeforeAll
    void setUpTrial() throws Exception {
        benchmark.rows = ROWS;
        benchmark.chunkSize = CHUNK_SIZE;
        benchmark.rtt = RoundTripDelay.LOOPBACK.toString();
        benchmark.setUpTrial(params());
    }

    @AfterAll
    void tearDownTrial() throws Exception {
        benchmark.tearDownTrial();
    }

    @Test
    void aCompleteShotPassesAndCountsItsRows() throws Exception {
        ShotCounters counters = shot();

        benchmark.verifyShot(counters);

        assertThat(counters.rows).isEqualTo(ROWS);
        assertThat(counters.failedChunks).isZero();
    }

    @Test
    void aShotMissingOneRowFailsNamingTheBenchmarkAndBothCounts() throws Exception {
        ShotCounters counters = shot();
        assertThat(benchmark.update("DELETE FROM " + benchmark.quotedTable() + " WHERE \"id\" = ?", ROWS / 2)).isEqualTo(1);

        assertThatThrownBy(() -> benchmark.verifyShot(counters))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(DESCRIPTION + ": expected " + ROWS + " rows in bench_articles after the shot, found " + (ROWS - 1));
        assertThat(counters.rows).isZero();
    }

    @Test
    void aShotWithOneRowTooManyFailsNamingTheBenchmarkAndBothCounts() throws Exception {
        ShotCounters counters = shot();
        String table = benchmark.quotedTable();
        assertThat(benchmark.update("INSERT INTO " + table + " SELECT * FROM " + table + " WHERE \"id\" = ?", ROWS / 2))
                .isEqualTo(1);

        assertThatThrownBy(() -> benchmark.verifyShot(counters))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(DESCRIPTION + ": expected " + ROWS + " rows in bench_articles after the shot, found " + (ROWS + 1));
        assertThat(counters.rows).isZero();
    }

    @Test
    void aShotWhoseLoadReportIsIncompleteFailsNamingTheBenchmarkAndBothCounts() throws Exception {
        // a constraint added after the table was emptied makes the chunk holding id 1 fail;
        // the loader continues with the other chunks and reports the failed one
        String table = benchmark.quotedTable();
        benchmark.emptyTable();
        benchmark.update("ALTER TABLE " + table + " ADD CONSTRAINT \"reject_first_row\" CHECK (\"id\" <> 1)");
        try {
            benchmark.load();

            assertThatThrownBy(() -> benchmark.verifyShot(new ShotCounters()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(DESCRIPTION + ": the load was not complete, " + (ROWS - CHUNK_SIZE)
                            + " rows in bench_articles of " + ROWS + " expected: ")
                    .hasMessageContaining("reject_first_row");
        } finally {
            benchmark.update("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS \"reject_first_row\"");
        }
    }

    /** Empties the table and runs the benchmark method, as one JMH shot does before its teardown. */
    private ShotCounters shot() throws Exception {
        benchmark.emptyTable();
        benchmark.load();
        return new ShotCounters();
    }

    /** The parameters JMH would hand this benchmark's trial: its name and its @Param values. */
    private static BenchmarkParams params() {
        WorkloadParams workload = new WorkloadParams();
        workload.put("chunkSize", Integer.toString(CHUNK_SIZE), 0);
        workload.put("rows", Integer.toString(ROWS), 0);
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 0, TimeValue.NONE, 1);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.NONE, 1);
        return new BenchmarkParams(SyncBaselineBenchmark.class.getName() + ".load",
                "dev.pginsertbench.bench.jmh_generated.SyncBaselineBenchmark_load_jmhTest.load_SingleShotTime",
                false, 1, new int[] {1}, List.of(), 1, 0, warmup, measurement, Mode.SingleShotTime, workload,
                TimeUnit.SECONDS, 1, "java", List.of(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), "1.37", TimeValue.minutes(10));
    }

    /** The benchmark under test, with a door to its server for changes made behind its back. */
    private static final class Shots extends SyncBaselineBenchmark {

        String quotedTable() {
            return table.name().quoted();
        }

        /** Runs one statement on a separate connection (autocommit) and returns its update count. */
        int update(String sql, Object... values) throws Exception {
            try (Connection connection = postgres.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.execute();
                return statement.getUpdateCount();
            }
        }
    }
}
