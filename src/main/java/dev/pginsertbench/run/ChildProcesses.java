package dev.pginsertbench.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops what this JVM started when the run is interrupted: the JMH forks first, politely, so
 * their shutdown hooks stop the PostgreSQL servers they started; then anything of theirs still
 * alive (a server whose fork died too fast), first politely, then not.
 */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static void stopAll(Duration grace) {
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        awaitExit(children, grace);
        stop(descendants.stream().filter(ProcessHandle::isAlive).toList(), Duration.ofSeconds(5));
    }

    /** Asks {@code processes} to stop, waits up to {@code grace} for them, then kills those still alive. */
    static void stop(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        awaitExit(processes, grace);
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception timedOutOrFailed) {
                // whatever is still alive is handled by the caller
            }
        }
    }
}
