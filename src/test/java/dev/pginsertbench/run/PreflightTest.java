package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.ScaleStrategy;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.Transport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the runner skips before any fork starts because the server cannot serve it. */
@ExtendWith(PostgresExtension.class)
class PreflightTest {

    private static Configuration pooledBatchOver(Transport transport) {
        return new Configuration(Catalogue.POOLED_BATCH, Map.of(Parameter.CHUNK_SIZE, 1000, Parameter.TASKS, 2,
                Parameter.TRANSPORT, transport));
    }

    @Test
    void aSizeThatWouldNotFitIsSkippedAloneNamingItsRowsAndTheMemoryItNeeds(PostgresServer running) throws Exception {
        Configuration small = Profiles.scaleFork(ScaleStrategy.AFTER, Language.JAVA, 1, 10_000);
        Configuration large = Profiles.scaleFork(ScaleStrategy.AFTER, Language.JAVA, 1, 10_000_000);
        Preflight preflight = Preflight.of(running, List.of(small, large), 10_000_000);
        assertThat(preflight.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.params()).containsEntry("rows", "10000000").containsEntry("strategy", "AFTER");
            assertThat(skipped.reason()).startsWith("skipped: it would not fit: 10,000,000 rows would hold about")
                    .contains("GiB in Java", "converted up front");
        });
        // the same configuration at a size that fits still runs
        assertThat(preflight.isSkipped(large)).isTrue();
        assertThat(preflight.isSkipped(small)).isFalse();
    }

    @Test
    void theSocketOfAServerTheSuiteDidNotStartIsSkippedWithItsReason(PostgresServer running) throws Exception {
        ServerAddress address = running.address();
        List<Configuration> configurations = List.of(pooledBatchOver(Transport.TCP), pooledBatchOver(Transport.TLS),
                pooledBatchOver(Transport.UNIX_SOCKET));
        try (PostgresServer external = new PostgresProvisioner().start(
                ProvisionSettings.external(address.jdbcUrl(), address.user(), address.password()))) {
            Preflight preflight = Preflight.of(external, configurations, 2_000);
            assertThat(preflight.skipped()).singleElement().satisfies(skipped -> {
                assertThat(skipped.params()).containsEntry("transport", "UNIX_SOCKET");
                assertThat(skipped.reason()).contains("needs a server the suite starts");
            });
            // the run leaves out exactly what was skipped
            assertThat(preflight.isSkipped(pooledBatchOver(Transport.UNIX_SOCKET))).isTrue();
            assertThat(preflight.isSkipped(pooledBatchOver(Transport.TCP))).isFalse();
        }
        if (running.offers(Transport.UNIX_SOCKET)) {
            assertThat(Preflight.of(running, configurations, 2_000).skipped()).isEmpty();
        }
    }

    /**
     * A transport whose connection fails is skipped with the driver's reason, before any fork
     * starts. A server without TLS (the Testcontainers image) cannot be started here, so TLS is
     * made to fail on the client's side: a socket factory the driver cannot load, which it only
     * loads for TLS.
     */
    @Test
    void aTransportWhoseConnectionFailsIsSkippedWithTheDriversReason(PostgresServer running) throws Exception {
        ServerAddress broken = running.address().withUrlParameter("sslfactory", "org.example.NoSuchFactory");
        List<Configuration> configurations = List.of(pooledBatchOver(Transport.TCP), pooledBatchOver(Transport.TLS),
                new Configuration(Catalogue.POOLED_COPY, Map.of(Parameter.CHUNK_SIZE, 5000, Parameter.TASKS, 2,
                        Parameter.FORMAT, Protocol.COPY_BINARY, Parameter.TRANSPORT, Transport.TLS)));
        try (PostgresServer external = new PostgresProvisioner().start(
                ProvisionSettings.external(broken.jdbcUrl(), broken.user(), broken.password()))) {
            assertThat(Preflight.of(external, configurations, 2_000).skipped()).hasSize(2).allSatisfy(skipped -> {
                assertThat(skipped.params()).containsEntry("transport", "TLS");
                assertThat(skipped.reason()).contains("transport TLS does not reach the external server",
                        "org.example.NoSuchFactory");
            });
        }
    }
}
