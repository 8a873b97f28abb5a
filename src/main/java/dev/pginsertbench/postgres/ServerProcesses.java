package dev.pginsertbench.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is left of a server whose orderly stop did not end it. A backend that cannot run (stopped,
 * or stuck in the kernel) keeps its postmaster waiting for ever, and a postmaster killed alone
 * leaves its backends behind; so the postmaster's whole process tree is killed, backends first.
 */
final class ServerProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcesses.class);
    private static final long EXIT_WAIT_SECONDS = 10;

    private ServerProcesses() {
    }

    /** The postmaster's pid from its data directory's {@code postmaster.pid}, if it is there. */
    static OptionalLong postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Kills the postmaster {@code pid} and every process under it if it has not exited a while after
     * its stop returned (a stop may return while the postmaster is still finishing its shutdown).
     */
    static void killIfAlive(long pid, String server) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(postmaster -> {
            try {
                postmaster.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(postmaster, server);
            } catch (Exception stillAlive) {
                killTree(postmaster, server);
            }
        });
    }

    static void killTree(ProcessHandle postmaster, String server) {
        List<ProcessHandle> under = postmaster.descendants().toList();
        LOG.warn("the {} server (postmaster pid {}) did not stop; killing it and its {} processes", server,
                postmaster.pid(), under.size());
        under.forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        try {
            postmaster.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("the {} server's postmaster (pid {}) is still alive after SIGKILL", server, postmaster.pid());
        }
    }
}
