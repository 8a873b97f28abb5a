package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @Test
    void oneRunHoldsTheLockUntilItEndsAndASecondIsRefused(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("run.lock");
        Optional<RunLock> first = RunLock.acquire(file);
        assertThat(first).isPresent();
        try (RunLock held = first.get()) {
            assertThat(RunLock.acquire(file)).as("a second run while the first holds it").isEmpty();
        }
        try (RunLock again = RunLock.acquire(file).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void theRefusalIsOneLineNamingTheLock() {
        Path file = RunLock.file();
        assertThat(RunLock.heldMessage(file)).contains("another benchmark run is going on").contains(file.toString())
                .doesNotContain("\n");
        assertThat(file.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void jmhRefusingItsLockIsRecognised() {
        Exception refused = new RuntimeException("run failed", new IllegalStateException(
                "ERROR: Another JMH instance might be running. Unable to acquire the JMH lock (/tmp/jmh.lock), exiting."));
        assertThat(JmhLock.refused(refused)).isTrue();
        assertThat(JmhLock.refused(new RuntimeException("something else"))).isFalse();
    }
}
