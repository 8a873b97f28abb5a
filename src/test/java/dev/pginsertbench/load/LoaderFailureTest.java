package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Article;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableShape;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bad row fails its chunk and nothing else, and the report says exactly which rows did not
 * land and why; the table must agree with the report row for row.
 */
@ExtendWith(PostgresExtension.class)
class LoaderFailureTest {

    private static final int ROWS = 6_000;
    private static final int CHUNK = 500;
    private static final int POISONED_CHUNK = 5;
    private static final ArticleTable TABLE = ArticleTable.named("Failure Test \"Quoted\"");

    private final List<Article> rows = new ArrayList<>(Dataset.generate(11, ROWS).rows());

    @BeforeEach
    void createTableThatRejectsPoison(PostgresServer server) throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            TABLE.recreate(connection, TableShape.HEAP);
            statement.execute("ALTER TABLE " + TABLE.name().quoted() + " ADD CONSTRAINT no_poison CHECK (title <> 'POISON')");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void continueLosesExactlyThePoisonedChunkAndSaysWhy(Protocol protocol, PostgresServer server) throws Exception {
        poison(POISONED_CHUNK * CHUNK + 123);
        LoadPlan plan = LoadPlan.pooledBatch(CHUNK, 3).withProtocol(protocol);

        LoadReport report = load(server, plan);

        assertThat(report.chunks().failed()).isEqualTo(1);
        assertThat(report.failedChunks()).containsExactly(POISONED_CHUNK);
        assertThat(report.rows().failed()).isEqualTo(CHUNK);
        assertThat(report.rows().inserted()).isEqualTo(ROWS - CHUNK);
        ChunkError error = report.firstErrors().get(0);
        assertThat(error.chunk()).isEqualTo(POISONED_CHUNK);
        assertThat(error.fromRow()).isEqualTo(POISONED_CHUNK * CHUNK);
        assertThat(error.toRow()).isEqualTo((POISONED_CHUNK + 1) * CHUNK);
        assertThat(error.sqlState()).isEqualTo("23514");
        assertThat(error.message()).contains("no_poison");
        assertThat(report.toString()).doesNotContain("\n").contains("1 failed");
        assertTableHoldsAllChunksExcept(server, Set.of(POISONED_CHUNK));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void failFastStopsAndTableAgreesWithTheReport(Protocol protocol, PostgresServer server) throws Exception {
        poison(POISONED_CHUNK * CHUNK);
        LoadPlan plan = LoadPlan.syncBaseline(CHUNK).withProtocol(protocol).withErrorPolicy(ErrorPolicy.FAIL_FAST);

        LoadReport report = load(server, plan);

        // one task: the chunks before the poisoned one committed, the ones after never ran
        assertThat(report.failedChunks()).containsExactly(POISONED_CHUNK);
        assertThat(report.notRunChunks()).hasSize(ROWS / CHUNK - POISONED_CHUNK - 1).first().isEqualTo(POISONED_CHUNK + 1);
        assertThat(report.rows().inserted()).isEqualTo((long) POISONED_CHUNK * CHUNK);
        assertThat(report.rows().notRun()).isEqualTo(ROWS - (POISONED_CHUNK + 1L) * CHUNK);
        assertTableHoldsAllChunksExcept(server, chunksThatDidNotLand(report));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void failFastWithParallelTasksStillAgreesWithTheTable(Protocol protocol, PostgresServer server) throws Exception {
        poison(2 * CHUNK + 7);
        LoadPlan plan = LoadPlan.pooledBatch(CHUNK, 4).withProtocol(protocol).withErrorPolicy(ErrorPolicy.FAIL_FAST)
                .withExecutor(ExecutorKind.VIRTUAL);

        LoadReport report = load(server, plan);

        assertThat(report.failedChunks()).containsExactly(2);
        assertThat(report.chunks().notRun()).isPositive();
        assertThat(report.chunks().succeeded() + report.chunks().failed() + report.chunks().notRun()).isEqualTo(report.chunks().total());
        assertTableHoldsAllChunksExcept(server, chunksThatDidNotLand(report));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void nulIsRejectedBeforeSendingNamingTheRow(Protocol protocol, PostgresServer server) throws Exception {
        Article bad = rows.get(3 * CHUNK + 42);
        rows.set(3 * CHUNK + 42, bad.withTitle("before\0after"));

        LoadReport report = load(server, LoadPlan.pooledBatch(CHUNK, 2).withProtocol(protocol));

        assertThat(report.failedChunks()).containsExactly(3);
        ChunkError error = report.firstErrors().get(0);
        assertThat(error.message()).contains("row id " + bad.id()).contains("title").contains("U+0000");
        assertThat(error.sqlState()).isEqualTo(InvalidRowException.SQL_STATE);
        assertTableHoldsAllChunksExcept(server, Set.of(3));
    }

    /**
     * Text with no exact UTF-8 form is refused for every protocol, converted up front (the COPY
     * encoders find it while converting) or in each chunk (while the chunk is sent: the COPY is
     * cancelled), naming the row; only its chunk is missing.
     */
    @ParameterizedTest
    @CsvSource({"BATCH,UPFRONT", "BATCH,PER_CHUNK", "UNNEST,PER_CHUNK", "COPY_TEXT,UPFRONT", "COPY_TEXT,PER_CHUNK",
            "COPY_CSV,UPFRONT", "COPY_CSV,PER_CHUNK", "COPY_BINARY,UPFRONT", "COPY_BINARY,PER_CHUNK"})
    void anUnpairedSurrogateIsRejectedNamingTheRow(Protocol protocol, Conversion conversion, PostgresServer server)
            throws Exception {
        Article bad = rows.get(3 * CHUNK + 42);
        rows.set(3 * CHUNK + 42, bad.withTitle("lone \uD800 high surrogate"));

        LoadReport report = load(server, LoadPlan.pooledBatch(CHUNK, 2).withProtocol(protocol).withConversion(conversion));

        assertThat(report.failedChunks()).containsExactly(3);
        ChunkError error = report.firstErrors().get(0);
        assertThat(error.message()).contains("row id " + bad.id()).contains("title").contains("unpaired UTF-16 surrogate");
        assertThat(error.sqlState()).isEqualTo(InvalidRowException.SQL_STATE);
        assertTableHoldsAllChunksExcept(server, Set.of(3));
    }

    private static Set<Integer> chunksThatDidNotLand(LoadReport report) {
        Set<Integer> missing = new HashSet<>(report.failedChunks());
        missing.addAll(report.notRunChunks());
        return missing;
    }

    private void poison(int position) {
        rows.set(position, rows.get(position).withTitle("POISON"));
    }

    private LoadReport load(PostgresServer server, LoadPlan plan) throws InterruptedException {
        try (Loader loader = new Loader(server.address(), TABLE.name(), plan)) {
            return loader.load(rows);
        }
    }

    private void assertTableHoldsAllChunksExcept(PostgresServer server, Set<Integer> missingChunks) throws Exception {
        List<Article> expected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!missingChunks.contains(i / CHUNK)) {
                expected.add(rows.get(i));
            }
        }
        try (Connection connection = server.connect()) {
            assertThat(TABLE.content(connection)).isEqualTo(ContentChecksum.of(expected));
        }
    }
}
