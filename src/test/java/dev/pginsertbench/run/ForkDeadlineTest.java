package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForkDeadlineTest {

    @Test
    void theBudgetIsTenTimesTheEstimateAndAtLeastHalfAnHour() {
        assertThat(ForkDeadline.budget(Duration.ofSeconds(17))).isEqualTo(Duration.ofMinutes(30));
        assertThat(ForkDeadline.budget(Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(70));
    }

    @Test
    void pastItsBudgetAForkIsStoppedAndOtherChildrenAreLeftAlone() throws Exception {
        // a process that looks like a JMH fork to the deadline (the class among its arguments) with a child of its
        // own, and one that does not look like a fork (the run's server)
        Process fork = looksLikeAFork();
        Process server = new ProcessBuilder("sleep", "600").start();
        try (ForkDeadline deadline = ForkDeadline.after(Duration.ofMillis(500))) {
            List<ProcessHandle> started = awaitChild(fork);
            assertThat(fork.waitFor(40, TimeUnit.SECONDS)).as("the fork was stopped").isTrue();
            assertThat(started).allSatisfy(child -> assertThat(child.onExit().get(40, TimeUnit.SECONDS).isAlive()).isFalse());
            assertThat(deadline.expired()).isTrue();
            assertThat(deadline.reason()).contains("no result within 00:00:00").contains("its JMH fork was stopped");
            assertThat(server.isAlive()).as("not a fork: left alone").isTrue();
        } finally {
            fork.destroyForcibly();
            server.destroyForcibly();
        }
    }

    @Test
    void aConfigurationThatEndsInTimeStopsNothing() throws Exception {
        Process fork = looksLikeAFork();
        try {
            ForkDeadline deadline = ForkDeadline.after(Duration.ofMillis(300));
            deadline.close();
            Thread.sleep(800);
            assertThat(deadline.expired()).isFalse();
            assertThat(fork.isAlive()).isTrue();
        } finally {
            fork.destroyForcibly();
        }
    }

    private static Process looksLikeAFork() throws java.io.IOException {
        return new ProcessBuilder("bash", "-c", "sleep 600; true", "org.openjdk.jmh.runner.ForkedMain").start();
    }

    private static List<ProcessHandle> awaitChild(Process process) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> children = process.descendants().toList();
            if (!children.isEmpty()) {
                return children;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the process started no child");
    }
}
