package dev.pginsertbench.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One benchmark run at a time on a machine: the runner holds this lock from before its server
 * starts until it ends, so a second run stops at once with one line instead of racing the first
 * for JMH's own lock (which JMH takes only while a configuration runs) and disturbing its numbers.
 */
final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path file() {
        return Path.of(System.getProperty("java.io.tmpdir"), "pg-insert-bench.run.lock");
    }

    /** This run's hold on the lock at {@code file}, or empty while another run holds it. */
    static Optional<RunLock> acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new RunLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldInThisJvm) {
            // a run is going on in this JVM
        }
        channel.close();
        return Optional.empty();
    }

    /** The one line a second run prints. */
    static String heldMessage(Path file) {
        return "another benchmark run is going on (it holds " + file + "); wait for it to end, or stop it: two runs at "
                + "once would share the cores and disturb each other's numbers";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
