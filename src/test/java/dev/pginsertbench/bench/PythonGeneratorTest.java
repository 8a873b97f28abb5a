package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.ArticleGenerator;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Python port's generator (python/original_loader/generator.py) makes the rows
 * {@link ArticleGenerator} makes, every value: the worker generates a dataset from a seed, loads
 * it with the "after" arm, and the table's count and content checksum are those of Java's rows
 * 1..n of that seed. Skipped, saying why, where the port's packages are missing (required under
 * {@code BENCH_REQUIRE_PYTHON}).
 */
@ExtendWith(PostgresExtension.class)
class PythonGeneratorTest {

    @BeforeAll
    static void pythonPortAvailable() {
        PythonPort.requireOrSkip(PythonGeneratorTest.class);
    }

    @ParameterizedTest(name = "seed {0}, {1} rows")
    @CsvSource({"-8675309, 1000", "20240101, 25000"})
    void pythonGeneratesJavasRows(long seed, int rows, PostgresServer server) throws Exception {
        TableContent expected = ContentChecksum.of(new ArticleGenerator(seed).generate(rows));
        ArticleTable table = ArticleTable.named("python_generated");
        try (Connection connection = server.connect();
                PythonLoader python = PythonLoader.start(seed, rows, table.name().table(), server.address())) {
            table.recreate(connection, TableShape.HEAP);
            PythonLoader.Load load = python.load("after", false);
            assertThat(load.complete(rows)).as(load.toString()).isTrue();
            assertThat(table.content(connection)).isEqualTo(expected);
            assertThat(expected.rows()).isEqualTo(rows);
        }
    }
}
