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
        List<ProcessHandle> left = descendants.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroy);
        awaitExit(left, Duration.ofSeconds(5));
        left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
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
