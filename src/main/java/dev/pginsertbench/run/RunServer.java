package dev.pginsertbench.run;

import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerAddress;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The server of a run, checked before any fork starts. In the claims profile (without a server of
 * the user's) the runner starts one for the whole run and the forks connect to it; otherwise each
 * fork starts its own as the settings say, and the check starts and stops one of its own.
 * Closing stops the runner's own server.
 *
 * @param forkSettings how the forks reach or start their server
 * @param ownServer    the server the runner started for the whole run, or null when each fork starts its own
 */
record RunServer(Preflight preflight, ProvisionSettings forkSettings, PostgresServer ownServer) implements AutoCloseable {

    static RunServer start(RunPlan plan, ProvisionSettings settings) throws IOException, SQLException {
        if (!plan.profile().oneServer() || settings.jdbcUrl() != null) {
            return new RunServer(Preflight.check(settings, plan.configurations()), settings, null);
        }
        PostgresServer server = new PostgresProvisioner().start(settings);
        try {
            ServerAddress address = server.address();
            return new RunServer(Preflight.of(server, plan.configurations()).sharedByTheRun(),
                    ProvisionSettings.external(address.jdbcUrl(), address.user(), address.password()), server);
        } catch (IOException | SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Stops the runner's own server, if it started one; stopping again does nothing. */
    void stop() {
        if (ownServer != null) {
            ownServer.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
