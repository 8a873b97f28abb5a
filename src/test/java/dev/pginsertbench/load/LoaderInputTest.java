package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.ServerUnavailableException;
import dev.pginsertbench.postgres.TableName;
import dev.pginsertbench.postgres.TableShape;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad names, bad settings and bad servers fail clearly, naming what was wrong and where. */
@ExtendWith(PostgresExtension.class)
class LoaderInputTest {

    private static final Dataset DATASET = Dataset.generate(5, 3_000);

    @ParameterizedTest
    @ValueSource(strings = {"select", "Mixed Case", "with \"quotes\" inside", "semi;colon -- comment", "ünï cödé"})
    void awkwardTableNamesAreQuotedEverywhere(String name, PostgresServer server) throws Exception {
        ArticleTable table = new ArticleTable(new TableName("Odd Schema \"1\"", name));
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + "\"Odd Schema \"\"1\"\"\"");
            table.recreate(connection, TableShape.PRIMARY_KEY_AND_INDEXES); // index and constraint names quoted too
            for (Protocol protocol : Protocol.values()) {
                table.truncate(connection);
                try (Loader loader = new Loader(server.address(), table.name(), LoadPlan.pooledBatch(1_000, 2).withProtocol(protocol))) {
                    LoadReport report = loader.load(DATASET.rows());
                    assertThat(report.complete()).as(report.toString()).isTrue();
                }
                assertThat(table.content(connection)).isEqualTo(ContentChecksum.of(DATASET.rows()));
            }
            table.drop(connection);
        }
    }

    @Test
    void aTableThatDoesNotExistIsNamedInTheError(PostgresServer server) {
        assertThatThrownBy(() -> new Loader(server.address(), TableName.of("No Such Table"), LoadPlan.syncBaseline(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"No Such Table\"")
                .hasMessageContaining("does not exist");
    }

    @Test
    void askingForMoreRowsThanTheDatasetHoldsFailsNamingBoth() {
        assertThatThrownBy(() -> DATASET.firstRows(3_001))
                .hasMessageContaining("rows=3001")
                .hasMessageContaining("3000");
    }

    @Test
    void invalidLoaderOptionsNameTheSetting() {
        LoaderOptions defaults = LoaderOptions.defaults();
        assertThatThrownBy(() -> defaults.withPoolSize(-1)).hasMessageContaining("pool sizes");
        assertThatThrownBy(() -> defaults.withPoolAcquireTimeout(Duration.ofMillis(10))).hasMessageContaining("poolAcquireTimeout");
        assertThatThrownBy(() -> defaults.withCopyBufferBytes(10)).hasMessageContaining("copyBufferBytes");
    }

    @Test
    void anUnreachableServerFailsTheLoaderWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ServerAddress nowhere = new ServerAddress("jdbc:postgresql://127.0.0.1:" + port + "/bench?password=t0ps3cret",
                "bench", "t0ps3cret");
        long started = System.nanoTime();
        assertThatThrownBy(() -> new Loader(nowhere, TableName.of("articles"), LoadPlan.pooledCopy(1_000, 2)))
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("port " + port)
                .hasMessageNotContaining("t0ps3cret");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aPoolIsSizedToTheTasksUnlessItsBoundsAreSet() {
        LoaderOptions perTask = LoaderOptions.defaults();
        assertThat(perTask.poolMinIdle(4)).isEqualTo(4);
        assertThat(perTask.poolMaxSize(4)).isEqualTo(4);
        LoaderOptions original = LoaderOptions.originalLoader();
        assertThat(original.poolMinIdle(2)).isEqualTo(1);
        assertThat(original.poolMaxSize(2)).isEqualTo(5);
        assertThat(original.poolMaxSize(8)).isEqualTo(5);
        assertThat(LoaderOptions.defaults().withPoolSize(1).poolMaxSize(3)).isEqualTo(1);
        assertThatThrownBy(() -> LoaderOptions.defaults().withPool(3, 2)).hasMessageContaining("poolMinIdle must not exceed");
    }
}
