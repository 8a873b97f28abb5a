package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server whose orderly stop cannot finish (one of its backends stopped by SIGSTOP, as a
 * debugger or a stuck kernel call would hold it) still leaves no process behind when closed.
 */
class ServerStopTest {

    @Test
    void closingAServerWithAStoppedBackendLeavesNoProcessBehind() throws Exception {
        PostgresServer server = new PostgresProvisioner().start(ProvisionSettings.started(ServerProfile.DURABLE, Provider.EMBEDDED));
        ProcessHandle backend;
        ProcessHandle postmaster;
        Connection stuck = server.connect();
        try (Statement statement = stuck.createStatement(); ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            backend = ProcessHandle.of(pid.getLong(1)).orElseThrow();
            postmaster = backend.parent().orElseThrow();
            signal("STOP", backend.pid());
            long started = System.nanoTime();
            server.close();
            assertThat(postmaster.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(backend.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        } finally {
            stuck.abort(Runnable::run);
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder(List.of("kill", "-" + signal, String.valueOf(pid))).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
