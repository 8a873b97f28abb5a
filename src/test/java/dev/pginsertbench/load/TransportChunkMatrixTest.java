package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Article;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
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
 * Every protocol over every transport, at 500, 5,000 and 20,000 rows per chunk, lands exactly the
 * generated rows of about 1 KB (content checksum) within its chunk deadline. Large batches over the
 * Unix-domain socket are where a client and a server that both only write can block each other
 * (docs/design.md, "No load hangs"): a case that stalls fails by its deadline with the loader's
 * message instead of hanging the build.
 *
 * <p>Each case loads as many rows as its failure needs, plus one row for a partial last chunk.
 * Where a connection is reused (one connection, or a pool of one), five whole chunks: pgjdbc
 * server-prepares a statement at its fifth run on a connection, where MULTI_VALUES stalled too. A
 * new connection per chunk never gets there, so one whole chunk, two tasks at once. Chunks of
 * 20,000 are each a batch far larger than any socket's buffers on their own; one connection takes
 * them, as a chunk is one batch on one connection whichever mode lent it, and the smaller sizes
 * cover how each mode lends connections.
 */
@ExtendWith(PostgresExtension.class)
class TransportChunkMatrixTest {

    private static final int PREPARE_THRESHOLD = 5;
    private static final int LARGEST_CHUNK = 20_000;
    private static final Dataset DATASET = Dataset.generate(42, PREPARE_THRESHOLD * 5_000 + 1);
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
                for (int chunkSize : new int[] {500, 5_000}) {
                    for (ConnectionMode connections : ConnectionMode.values()) {
                        cases.add(Arguments.of(protocol, transport, chunkSize, connections));
                    }
                }
                cases.add(Arguments.of(protocol, transport, LARGEST_CHUNK, ConnectionMode.SINGLE));
            }
        }
        // the size between the two that the deadlock was first seen at, as reported
        cases.add(Arguments.of(Protocol.BATCH_REWRITE, Transport.UNIX_SOCKET, 3_000, ConnectionMode.SINGLE));
        return cases.stream();
    }

    private static int rowsFor(int chunkSize, ConnectionMode connections) {
        boolean reused = connections != ConnectionMode.PER_CHUNK && chunkSize < LARGEST_CHUNK;
        return (reused ? PREPARE_THRESHOLD : 1) * chunkSize + 1;
    }

    @ParameterizedTest(name = "{0} over {1}, chunks of {2}, {3}")
    @MethodSource("matrix")
    void landsExactlyTheGeneratedRowsWithinItsDeadline(Protocol protocol, Transport transport, int chunkSize,
            ConnectionMode connections, PostgresServer server) throws Exception {
        assumeTrue(server.offers(transport), () -> transport + " needs a server the suite starts");
        int tasks = connections == ConnectionMode.PER_CHUNK ? 2 : 1;
        LoadPlan plan = new LoadPlan(protocol, connections, tasks, ExecutorKind.PLATFORM, chunkSize, Chunking.FIXED,
                Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
        try (Connection connection = server.connect()) {
            TABLE.truncate(connection);
        }
        List<Article> rows = DATASET.firstRows(rowsFor(chunkSize, connections));
        LoadReport report;
        try (Loader loader = new Loader(server.address(transport), TABLE.name(), plan,
                LoaderOptions.defaults().withChunkDeadline(CHUNK_DEADLINE))) {
            report = CompletableFuture.supplyAsync(() -> {
                try {
                    return loader.load(rows);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(LOAD_BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(report.complete()).as(report.toString()).isTrue();
        assertThat(report.rows().inserted()).as(report.toString()).isEqualTo(rows.size());
        try (Connection connection = server.connect()) {
            assertThat(TABLE.content(connection)).as(report.toString())
                    .isEqualTo(ContentChecksum.of(rows));
        }
    }
}
