package dev.pginsertbench.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point that returns a running PostgreSQL server, trying in order: the server
 * the user named, the binaries the user named, Testcontainers when a Docker engine answers, the
 * embedded server. A server the suite starts is checked to have the pinned data checksums
 * ({@link ClusterInit#PINNED}) before it is handed out.
 */
public final class PostgresProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresProvisioner.class);

    private final Supplier<Optional<String>> dockerUnavailableReason;

    /** @param dockerUnavailableReason empty when a Docker engine answers, else why not */
    public PostgresProvisioner(Supplier<Optional<String>> dockerUnavailableReason) {
        this.dockerUnavailableReason = dockerUnavailableReason;
    }

    public PostgresProvisioner() {
        this(DockerProbe.fromEnvironment()::unavailableReason);
    }

    /** Settings from {@code -Dbench.*} / {@code BENCH_*}, then {@link #start(ProvisionSettings)}. */
    public static PostgresServer startFromEnvironment() {
        return new PostgresProvisioner().start(ProvisionSettings.fromEnvironment());
    }

    public PostgresServer start(ProvisionSettings settings) {
        if (settings.jdbcUrl() != null) {
            return external(settings);
        }
        return withPinnedChecksums(started(settings));
    }

    private PostgresServer started(ProvisionSettings settings) {
        if (settings.binaries() != null) {
            return LocalProvider.start(settings.binaries(), settings.profile(), ClusterInit.PINNED);
        }
        if (settings.provider() == Provider.EMBEDDED) {
            return EmbeddedProvider.start(settings.profile(), null, settings.embedded());
        }
        Optional<String> noDocker = dockerUnavailableReason.get();
        if (noDocker.isEmpty()) {
            try {
                return ContainerProvider.start(settings.profile());
            } catch (ServerUnavailableException e) {
                if (settings.provider() == Provider.TESTCONTAINERS) {
                    throw e;
                }
                LOG.warn("Testcontainers failed, falling back to the embedded server: {}", e.getMessage());
                return EmbeddedProvider.start(settings.profile(), "Testcontainers failed: " + e.getMessage(), null);
            }
        }
        if (settings.provider() == Provider.TESTCONTAINERS) {
            throw new ServerUnavailableException("bench.provider=testcontainers but " + noDocker.get());
        }
        LOG.info("Testcontainers skipped: {}; starting the embedded server", noDocker.get());
        return EmbeddedProvider.start(settings.profile(), "Testcontainers skipped: " + noDocker.get(), null);
    }

    /**
     * Fails unless the server's data checksums are as pinned: zonky cannot pass initdb's checksum
     * flag and the container's image runs initdb as it decides, so their version's default is
     * checked here; the local provider's explicit option is checked alike.
     */
    private static PostgresServer withPinnedChecksums(PostgresServer server) {
        String expected = ClusterInit.PINNED.dataChecksumsSetting();
        String actual;
        try {
            actual = server.facts().setting("data_checksums");
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        if (!expected.equals(actual)) {
            server.close();
            throw new ServerUnavailableException("the " + server.provider().label()
                    + " PostgreSQL server has data_checksums=" + actual + " but the suite pins " + expected
                    + " so that versions compare alike (" + server.detail() + ")");
        }
        return server;
    }

    private static PostgresServer external(ProvisionSettings settings) {
        ServerAddress address = new ServerAddress(settings.jdbcUrl(), settings.user(), settings.password());
        try (Connection probe = address.connect()) {
            probe.isValid(ServerAddress.LOGIN_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            throw address.unavailable(e);
        }
        LOG.info("using the external PostgreSQL at {} as configured", address.maskedUrl());
        return new PostgresServer(address, Provider.EXTERNAL, null, "external server, settings recorded not changed",
                "as configured" + (settings.password() == null ? "" : " (a password was given)"), null, () -> { });
    }
}
