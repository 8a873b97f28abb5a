package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fifty consecutive loads through one pool with random plans: every load lands every row, and
 * nothing accumulates — server connections, open file descriptors, threads. Tagged {@code soak}:
 * not part of {@code mvn verify}; run with {@code mvn test -Dgroups=soak -Dtest.excludedGroups=none}.
 */
@Tag("soak")
@ExtendWith(PostgresExtension.class)
class LoaderSoakTest {

    private static final int LOADS = 50;
    private static final int TASKS = 3;

    @Test
    void fiftyLoadsThroughOnePoolLeakNothing(PostgresServer server) throws Exception {
        Dataset dataset = Dataset.generate(8, 5_000);
        TableContent expected = ContentChecksum.of(dataset.rows());
        ArticleTable table = ArticleTable.named("soak");
        SplittableRandom random = new SplittableRandom(2026);
        try (Connection connection = server.connect()) {
            table.recreate(connection, TableShape.HEAP);
            long fdsBefore = 0;
            int threadsBefore = 0;
            for (int round = 0; round < LOADS; round++) {
                Protocol protocol = Protocol.values()[random.nextInt(Protocol.values().length)];
                LoadPlan plan = new LoadPlan(protocol, ConnectionMode.POOLED, TASKS,
                        ExecutorKind.values()[random.nextInt(2)], 200 + random.nextInt(3_000),
                        Chunking.values()[random.nextInt(2)], Conversion.values()[random.nextInt(2)], ErrorPolicy.CONTINUE);
                try (Loader loader = new Loader(server.address(), table.name(), plan)) {
                    table.truncate(connection);
                    LoadReport report = loader.load(dataset.rows());
                    assertThat(report.complete()).as(report.toString()).isTrue();
                    assertThat(table.content(connection)).isEqualTo(expected);
                    assertThat(awaitBackends(connection, TASKS + 1)).as("pool connections while open").isEqualTo(TASKS + 1);
                }
                if (round == 4) { // after warm-up: classes loaded, JDBC driver initialised
                    fdsBefore = openFileDescriptors();
                    threadsBefore = Thread.activeCount();
                }
            }
            assertThat(awaitBackends(connection, 1)).as("connections after the last close").isEqualTo(1);
            assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 5);
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
        }
    }

    /**
     * The suite's backends once they settle at {@code expected}, or the count after 5 s: a backend
     * whose client closed the connection leaves pg_stat_activity only when it has exited.
     */
    private static int awaitBackends(Connection connection, int expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int count = backendsOfThisSuite(connection);
        while (count != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            count = backendsOfThisSuite(connection);
        }
        return count;
    }

    private static int backendsOfThisSuite(Connection connection) throws Exception {
        try (PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg-insert-bench'");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
