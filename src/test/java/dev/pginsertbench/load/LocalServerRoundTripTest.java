package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.InstalledPostgres;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerProfile;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows loaded into Debian's PostgreSQL 15 ({@code --pg-bin}) land exactly, proved by the
 * server-side content checksum: binary COPY (whose format a server version could read
 * differently) and executeBatch, each over a pool.
 */
class LocalServerRoundTripTest {

    private static final Dataset DATASET = Dataset.generate(42, 2_000);
    private static final TableContent EXPECTED = ContentChecksum.of(DATASET.rows());
    private static final ArticleTable TABLE = ArticleTable.named("local_round_trip");

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"COPY_BINARY", "BATCH"})
    void pooledLoadsLandExactlyTheGeneratedRows(Protocol protocol) throws Exception {
        ProvisionSettings settings = ProvisionSettings.local(InstalledPostgres.debian15(), ServerProfile.DURABLE);
        try (PostgresServer server = new PostgresProvisioner(() -> Optional.of("not needed")).start(settings);
                Connection connection = server.connect()) {
            TABLE.recreate(connection, TableShape.HEAP);
            LoadReport report;
            try (Loader loader = new Loader(server.address(), TABLE.name(), LoadPlan.pooledBatch(500, 2).withProtocol(protocol))) {
                report = loader.load(DATASET.rows());
            }
            assertThat(report.complete()).as(report.toString()).isTrue();
            assertThat(report.rows().inserted()).isEqualTo(DATASET.size());
            assertThat(TABLE.content(connection)).isEqualTo(EXPECTED);
        }
    }
}
