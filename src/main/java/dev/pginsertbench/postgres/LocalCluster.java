package dev.pginsertbench.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server the local provider runs: its scratch folder ({@code data/} and the logs) and the
 * postmaster process. Closing stops the server ({@code pg_ctl stop -m fast}: open sessions are
 * ended, a shutdown checkpoint is written) and deletes the folder.
 *
 * @param folder    scratch folder holding the data directory and the logs
 * @param postmaster the {@code postgres} process, a child of this JVM
 */
record LocalCluster(LocalPrograms programs, Path folder, Process postmaster) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    Path dataDirectory() {
        return dataDirectoryIn(folder);
    }

    Path serverLog() {
        return serverLogIn(folder);
    }

    /** Where initdb puts the cluster in a scratch folder. */
    static Path dataDirectoryIn(Path folder) {
        return folder.resolve("data");
    }

    /** Where the postmaster's output goes in a scratch folder. */
    static Path serverLogIn(Path folder) {
        return folder.resolve("server.log");
    }

    @Override
    public void close() {
        try {
            if (postmaster.isAlive()) {
                programs.run("pg_ctl", List.of("stop", "-D", dataDirectory().toString(), "-m", "fast", "-w",
                        "-t", String.valueOf(STOP_TIMEOUT.toSeconds())), folder.resolve("pg_ctl.log"),
                        STOP_TIMEOUT.plusSeconds(10));
            }
        } catch (ServerUnavailableException e) {
            LOG.warn("pg_ctl stop failed, killing the postmaster (pid {}): {}", postmaster.pid(), e.getMessage());
        } finally {
            awaitExit();
            delete(folder);
        }
    }

    private void awaitExit() {
        try {
            if (!postmaster.waitFor(10, TimeUnit.SECONDS)) {
                ServerProcesses.killTree(postmaster.toHandle(), "local");
            }
        } catch (InterruptedException e) {
            ServerProcesses.killTree(postmaster.toHandle(), "local");
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the scratch folder; a failure is logged, never thrown. */
    static void delete(Path folder) {
        try {
            ScratchFolder.delete(folder);
        } catch (IOException e) {
            LOG.warn("could not delete the local server's folder {}: {}", folder, e.toString());
        }
    }
}
