package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.io.IOException;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Python port of the original loader on a real server, through the worker the Python claims
 * forks drive: every arm of every claim lands exactly the rows this JVM generated (the worker
 * generates them itself from the seed), checksum for checksum, hostile text included. Without the port's Debian packages these tests are skipped,
 * saying what is missing; CI installs them and sets {@code BENCH_REQUIRE_PYTHON}, under which a
 * missing package fails the tests instead.
 */
@ExtendWith(PostgresExtension.class)
class PythonLoaderTest {

    private static final int ROWS = 20_000;

    @BeforeAll
    static void pythonPortAvailable() {
        PythonPort.requireOrSkip(PythonLoaderTest.class);
    }

    @Test
    void beforeAndAfterLandExactlyTheRowsJavaGenerated(PostgresServer server) throws Exception {
        Dataset dataset = Dataset.generate(42, ROWS);
        TableContent expected = ContentChecksum.of(dataset.rows());
        ArticleTable table = ArticleTable.named("python_port");
        try (Connection connection = server.connect();
                PythonLoader python = PythonLoader.start(dataset.seed(), dataset.size(), table.name().table(),
                        server.address())) {
            table.recreate(connection, TableShape.HEAP);
            assertThat(python.versions().psycopg()).matches("3\\..+");
            for (String arm : PythonPort.runnableArms(PythonLoaderTest.class)) {
                table.truncate(connection);
                PythonLoader.Load load = python.load(arm, arm.equals("after"));
                assertThat(load.complete(ROWS)).as(arm + ": " + load).isTrue();
                assertThat(load.arm()).isEqualTo(arm);
                assertThat(table.content(connection)).as(arm).isEqualTo(expected);
                if (arm.equals("after")) {
                    assertThat(load.tracemallocPeakBytes()).as("tracemalloc's peak when asked").isPositive();
                }
            }
        }
    }

    @Test
    void theAdaptiveRuleAndTheChunkMetricsAreTheOriginals(PostgresServer server) throws Exception {
        ArticleTable table = ArticleTable.named("python_chunks");
        try (Connection connection = server.connect();
                PythonLoader python = PythonLoader.start(7, ROWS, table.name().table(), server.address())) {
            table.recreate(connection, TableShape.HEAP);
            // 500 requested for 20,000 rows: the rule makes 20 chunks of 1,000; fixed keeps 40 of 500
            PythonLoader.Load adaptive = python.load("adaptive_500", false);
            assertThat(adaptive.chunks()).isEqualTo(20);
            assertThat(adaptive.successfulChunks()).isEqualTo(20);
            table.truncate(connection);
            PythonLoader.Load fixed = python.load("fixed_500", false);
            assertThat(fixed.chunks()).isEqualTo(40);
            assertThat(fixed.avgChunkSeconds()).isPositive().isLessThanOrEqualTo(fixed.maxChunkSeconds());
            assertThat(fixed.maxChunkSeconds()).isLessThan(fixed.seconds());
            assertThat(fixed.peakRssGrowthBytes()).isNotNaN();
        }
    }

    @Test
    void anArmWithoutAPythonCounterpartIsRefusedAndTheWorkerGoesOn(PostgresServer server) throws Exception {
        ArticleTable table = ArticleTable.named("python_refusal");
        try (Connection connection = server.connect();
                PythonLoader python = PythonLoader.start(3, 100, table.name().table(), server.address())) {
            table.recreate(connection, TableShape.HEAP);
            assertThatThrownBy(() -> python.load("after_virtual", false)).isInstanceOf(IOException.class)
                    .hasMessageContaining("after_virtual");
            assertThat(python.load("after", false).complete(100)).isTrue();
        }
    }
}
