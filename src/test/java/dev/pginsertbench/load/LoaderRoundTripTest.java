package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import dev.pginsertbench.postgres.Transport;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protocol, connection mode, executor and task count loads the same 20,000 generated rows
 * (hostile text and NULLs included), and every protocol loads them into every table shape; the
 * table must then hold exactly those rows, checked by the server-side content checksum rather
 * than by anything the driver reports. TransportChunkMatrixTest loads every protocol over TLS and
 * the Unix-domain socket.
 */
@ExtendWith(PostgresExtension.class)
class LoaderRoundTripTest {

    private static final Dataset DATASET = Dataset.generate(42, 20_000);
    private static final TableContent EXPECTED = ContentChecksum.of(DATASET.rows());
    private static final ArticleTable TABLE = ArticleTable.named("round_trip");

    @BeforeAll
    static void createTable(PostgresServer server) throws Exception {
        try (Connection connection = server.connect()) {
            TABLE.recreate(connection, TableShape.HEAP);
        }
    }

    /**
     * Protocol x connections x executor; the task count (1 or 4, for the modes that run several),
     * conversion and chunking alternate over the matrix, so that each protocol meets both of each
     * and each pair of connection mode and executor meets both task counts.
     */
    static Stream<LoadPlan> matrix() {
        List<LoadPlan> plans = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (ConnectionMode connections : ConnectionMode.values()) {
                for (ExecutorKind executor : ExecutorKind.values()) {
                    int p = protocol.ordinal();
                    int c = connections.ordinal();
                    int e = executor.ordinal();
                    int tasks = connections == ConnectionMode.SINGLE || (p + e) % 2 == 1 ? 1 : 4;
                    Conversion conversion = (p + c + e) % 2 == 0 ? Conversion.UPFRONT : Conversion.PER_CHUNK;
                    Chunking chunking = (p + c) % 2 == 0 ? Chunking.FIXED : Chunking.ADAPTIVE;
                    // on 20,000 rows ADAPTIVE makes 20 chunks of 1,000 whatever is asked; FIXED 7 of up to 3,000
                    int chunkSize = chunking == Chunking.ADAPTIVE ? 700 : 3_000;
                    plans.add(new LoadPlan(protocol, connections, tasks, executor, chunkSize, chunking, conversion,
                            ErrorPolicy.CONTINUE));
                }
            }
        }
        return plans.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyPlanLandsExactlyTheGeneratedRows(LoadPlan plan, PostgresServer server) throws Exception {
        assertLoadsExactly(server, plan);
    }

    /** Every protocol into every table shape, four tasks at once (so the indexes take concurrent inserts). */
    static Stream<Arguments> protocolsAndShapes() {
        return Stream.of(Protocol.values())
                .flatMap(protocol -> Stream.of(TableShape.values()).map(shape -> Arguments.of(protocol, shape)));
    }

    @ParameterizedTest(name = "{0} into {1}")
    @MethodSource("protocolsAndShapes")
    void everyProtocolLandsExactlyTheGeneratedRowsInEveryTableShape(Protocol protocol, TableShape shape,
            PostgresServer server) throws Exception {
        ArticleTable table = ArticleTable.named("round_trip_" + shape.name().toLowerCase(Locale.ROOT));
        try (Connection connection = server.connect()) {
            table.recreate(connection, shape);
        }
        assertLoadsExactly(server, table, LoadPlan.pooledBatch(3_000, 4).withProtocol(protocol), LoaderOptions.defaults());
    }

    @Test
    void multiValuesAndUnnestSplitLargeChunksIntoSeveralStatements(PostgresServer server) throws Exception {
        // one chunk of 20,000 rows is several statements: 65,535 parameters hold 5,041 rows of 13 columns
        assertLoadsExactly(server, LoadPlan.pooledBatch(20_000, 1).withProtocol(Protocol.MULTI_VALUES));
        assertLoadsExactly(server, LoadPlan.pooledBatch(20_000, 1).withProtocol(Protocol.UNNEST));
        assertLoadsExactly(server, LoadPlan.pooledBatch(20_000, 2).withProtocol(Protocol.BATCH_REWRITE));
    }

    @Test
    void presetsLandExactlyTheGeneratedRows(PostgresServer server) throws Exception {
        for (LoadPlan preset : List.of(LoadPlan.syncBaseline(5_000), LoadPlan.newConnectionPerChunk(5_000, 2),
                LoadPlan.pooledBatch(5_000, 2), LoadPlan.pooledCopy(5_000, 2), LoadPlan.originalBefore(2),
                LoadPlan.originalAfter(2))) {
            assertLoadsExactly(server, preset);
        }
    }

    @Test
    void everyArmOfTheClaimsStudyLandsExactlyTheGeneratedRows(PostgresServer server) throws Exception {
        Set<Arm> arms = new LinkedHashSet<>();
        for (OriginalClaim claim : OriginalClaim.values()) {
            arms.addAll(claim.arms());
        }
        for (Arm arm : arms) {
            assertLoadsExactly(server, arm.plan(), arm.options());
        }
    }

    @Test
    void aLoaderIsReusedAcrossLoads(PostgresServer server) throws Exception {
        try (Loader loader = new Loader(server.address(), TABLE.name(), LoadPlan.pooledCopy(4_000, 2));
                Connection connection = server.connect()) {
            for (int round = 0; round < 3; round++) {
                TABLE.truncate(connection);
                LoadReport report = loader.load(DATASET.rows());
                assertThat(report.complete()).as(report.toString()).isTrue();
                assertThat(TABLE.content(connection)).isEqualTo(EXPECTED);
            }
        }
    }

    private static void assertLoadsExactly(PostgresServer server, LoadPlan plan) throws Exception {
        assertLoadsExactly(server, plan, LoaderOptions.defaults());
    }

    private static void assertLoadsExactly(PostgresServer server, LoadPlan plan, LoaderOptions options) throws Exception {
        assertLoadsExactly(server, TABLE, plan, options);
    }

    private static void assertLoadsExactly(PostgresServer server, ArticleTable table, LoadPlan plan, LoaderOptions options)
            throws Exception {
        assertLoadsExactly(server, Transport.TCP, table, plan, options);
    }

    private static void assertLoadsExactly(PostgresServer server, Transport transport, ArticleTable table, LoadPlan plan,
            LoaderOptions options) throws Exception {
        try (Connection connection = server.connect()) {
            table.truncate(connection);
            LoadReport report;
            try (Loader loader = new Loader(server.address(transport), table.name(), plan, options)) {
                report = loader.load(DATASET.rows());
            }
            assertThat(report.firstErrors()).as(report.toString()).isEmpty();
            assertThat(report.complete()).isTrue();
            assertThat(report.rows().inserted()).isEqualTo(DATASET.size());
            assertThat(report.chunks().succeeded()).isEqualTo(report.chunks().total());
            assertThat(report.bytesSent() > 0).isEqualTo(plan.protocol().isCopy());
            assertThat(table.content(connection)).as(plan.toString()).isEqualTo(EXPECTED);
        }
    }
}
