package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhLockTest {

    @Test
    void aHeldLockIsOneReasonNamingTheFileAndAFreeOneIsNone(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("jmh.lock");
        assertThat(JmhLock.heldByAnotherRun(file)).isEmpty();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            assertThat(JmhLock.heldByAnotherRun(file)).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("another benchmark run holds JMH's lock").contains(file.toString()).doesNotContain("\n"));
        }
        assertThat(JmhLock.heldByAnotherRun(file)).isEmpty();
    }

    @Test
    void theFileIsJmhsOwn() {
        assertThat(JmhLock.file()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock"));
    }
}
