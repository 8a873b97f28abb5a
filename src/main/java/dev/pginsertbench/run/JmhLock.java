package dev.pginsertbench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * JMH's lock, {@code jmh.lock} in the temporary directory, which every JMH run takes for its
 * duration. A second run at once would have every one of its configurations refused by JMH;
 * the runner asks first and stops with one line instead.
 */
final class JmhLock {

    /** JMH's own switch for running beside another JMH instance. */
    static final String IGNORE_PROPERTY = "jmh.ignoreLock";

    /** Why configurations were not run when another JMH run took the lock during this one. */
    static final String REFUSED_REASON = "another JMH run took JMH's lock (" + file() + ") during this run";

    private JmhLock() {
    }

    /** Whether JMH refused to run because another JMH instance holds its lock. */
    static boolean refused(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Unable to acquire the JMH lock")) {
                return true;
            }
        }
        return false;
    }

    static Path file() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    /** Why a run cannot start now (another run holds the lock), or empty when it can. */
    static Optional<String> heldByAnotherRun() {
        return Boolean.getBoolean(IGNORE_PROPERTY) ? Optional.empty() : heldByAnotherRun(file());
    }

    static Optional<String> heldByAnotherRun(Path file) {
        try {
            Optional<RunLock> probe = RunLock.acquire(file);
            if (probe.isPresent()) {
                probe.get().close();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // JMH itself will say what is wrong with the file
        }
        return Optional.of("another benchmark run holds JMH's lock (" + file + "); wait for it to end, or stop it "
                + "(two runs at once would share the cores and disturb each other's numbers)");
    }
}
