package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import dev.pginsertbench.postgres.Transport;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protocol over every transport, at 500, 5,000 and 20,000 rows per chunk, under every
 * connection mode, lands exactly the 25,001 generated rows of about 1 KB (content checksum)
 * within its chunk deadline. Large batches over the Unix-domain socket are where a client and a
 * server that both only write can block each other (docs/design.md, "No load hangs"): a case that
 * stalls fails by its deadline with the loader's message instead of hanging the build.
 */
@ExtendWith(PostgresExtension.class)
class TransportChunkMatrixTest {

    /** Five whole chunks of 5,000: pgjdbc server-prepares a statement at its fifth run, where MULTI_VALUES stalled too. */
    private static final Dataset DATASET = Dataset.generate(42, 25_001);
    private static final TableContent EXPECTED = ContentChecksum.of(DATASET.rows());
    private static final ArticleTable TABLE = ArticleTable.named("transport_chunk_matrix");
    private static final Duration CHUNK_DEADLINE = Duration.ofSeconds(30);
    /** A stalled case ends at the first chunk deadline; the rest of its load is well inside this. */
    private static final Duration LOAD_BOUND = Duration.ofSeconds(120);

    @BeforeAll
    static void createTable(PostgresServer server) throws Exception {
        try (Connection connection = server.connect()) {
            TABLE.recreate(connection, TableShape.HEAP);
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (Transport transport : Transport.values()) {
                for (int chunkSize : new int[] {500, 5_000, 20_000}) {
                    for (ConnectionMode connections : ConnectionMode.values()) {
                        cases.add(Arguments.of(protocol, transport, chunkSize, connections));
                    }
                }
            }
        }
        // the size between the two that the deadlock was first seen at, as reported
        cases.add(Arguments.of(Protocol.BATCH_REWRITE, Transport.UNIX_SOCKET, 3_000, ConnectionMode.SINGLE));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} over {1}, chunks of {2}, {3}")
    @MethodSource("matrix")
    void landsExactlyTheGeneratedRowsWithinItsDeadline(Protocol protocol, Transport transport, int chunkSize,
            ConnectionMode connections, PostgresServer server) throws Exception {
        assumeTrue(server.offers(transport), () -> transport + " needs a server the suite starts");
        int tasks = connections == ConnectionMode.SINGLE ? 1 : 2;
        LoadPlan plan = new LoadPlan(protocol, connections, tasks, ExecutorKind.PLATFORM, chunkSize, Chunking.FIXED,
                Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
        try (Connection connection = server.connect()) {
            TABLE.truncate(connection);
        }
        LoadReport report;
        try (Loader loader = new Loader(server.address(transport), TABLE.name(), plan,
                LoaderOptions.defaults().withChunkDeadline(CHUNK_DEADLINE))) {
            report = CompletableFuture.supplyAsync(() -> {
                try {
                    return loader.load(DATASET.rows());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(LOAD_BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(report.complete()).as(report.toString()).isTrue();
        try (Connection connection = server.connect()) {
            assertThat(TABLE.content(connection)).as(report.toString()).isEqualTo(EXPECTED);
        }
    }
}
