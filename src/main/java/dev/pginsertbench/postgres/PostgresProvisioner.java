package dev.pginsertbench.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point that returns a running PostgreSQL server, trying in order: the server
 * the user named, Testcontainers when a Docker engine answers, the embedded server.
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
        if (settings.provider() == Provider.EMBEDDED) {
            return EmbeddedProvider.start(settings.profile(), null);
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
                return EmbeddedProvider.start(settings.profile(), "Testcontainers failed: " + e.getMessage());
            }
        }
        if (settings.provider() == Provider.TESTCONTAINERS) {
            throw new ServerUnavailableException("bench.provider=testcontainers but " + noDocker.get());
        }
        LOG.info("Testcontainers skipped: {}; starting the embedded server", noDocker.get());
        return EmbeddedProvider.start(settings.profile(), "Testcontainers skipped: " + noDocker.get());
    }

    private static PostgresServer external(ProvisionSettings settings) {
        ServerAddress address = new ServerAddress(settings.jdbcUrl(), settings.user(), settings.password());
        try (Connection probe = address.connect()) {
            probe.isValid(ServerAddress.LOGIN_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            throw address.unavailable(e);
        }
        LOG.info("using the external PostgreSQL at {} as configured", address.maskedUrl());
        return new PostgresServer(address, Provider.EXTERNAL, null, "external server, settings recorded not changed", () -> { });
    }
}
