package dev.pginsertbench.run;

import dev.pginsertbench.postgres.ProvisionSettings;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The server of a run, checked before any fork starts: every fork then starts its own server as
 * the settings say (a fresh data directory per fork, so that forks replicate at the level of a
 * server instance) or connects to the user's, and the check starts and stops one of its own.
 *
 * @param forkSettings how the forks reach or start their server
 */
record RunServer(Preflight preflight, ProvisionSettings forkSettings) implements AutoCloseable {

    static RunServer start(RunPlan plan, ProvisionSettings settings) throws IOException, SQLException {
        return new RunServer(Preflight.check(settings, plan.configurations()), settings);
    }

    /** Nothing stays up between forks; kept so that the runner releases a pass's server in one place. */
    void stop() {
    }

    @Override
    public void close() {
        stop();
    }
}
