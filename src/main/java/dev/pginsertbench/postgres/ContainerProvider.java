package dev.pginsertbench.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts a pinned {@code postgres} image through Testcontainers with the profile's settings as
 * {@code -c} options. Only called after {@link DockerProbe} found an engine.
 */
final class ContainerProvider {

    /** Same major version as the embedded binaries, so results do not depend on the provider. */
    static final String IMAGE = "postgres:17.6";

    private ContainerProvider() {
    }

    @SuppressWarnings("resource") // closed by PostgresServer.close()
    static PostgresServer start(ServerProfile profile) {
        List<String> command = new ArrayList<>(List.of("postgres"));
        for (Map.Entry<String, String> setting : profile.settings().entrySet()) {
            command.add("-c");
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName("bench")
                .withUsername("bench")
                .withPassword(PasswordLogin.newPassword())
                .withSharedMemorySize(1024L * 1024 * 1024)
                .withCommand(command.toArray(String[]::new));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new ServerUnavailableException("Testcontainers could not start " + IMAGE + ": " + e.getMessage());
        }
        ServerAddress address = new ServerAddress(container.getJdbcUrl(), container.getUsername(),
                container.getPassword());
        return new PostgresServer(address, Provider.TESTCONTAINERS, profile, "Testcontainers image " + IMAGE,
                PasswordLogin.METHOD + " (the image's default for a password it was given)", null, container::stop);
    }
}
