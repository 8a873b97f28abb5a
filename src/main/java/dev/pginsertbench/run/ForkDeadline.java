package dev.pginsertbench.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The last line of defence against a configuration that never ends. A chunk has its deadline and
 * a shot JMH's iteration timeout, but JMH only interrupts a shot that overruns it and then waits
 * for it; so when a configuration runs far past its estimate, its JMH forks (and what they
 * started) are stopped, JMH reports the fork as failed, and the run goes on with the next one.
 * The run's own server, also a child of this JVM, is left alone.
 */
final class ForkDeadline implements AutoCloseable {

    /** A configuration may take this many times its estimate before its forks are stopped. */
    static final int ESTIMATE_FACTOR = 10;
    /** ... and never less than this, for configurations estimated at seconds. */
    static final Duration FLOOR = Duration.ofMinutes(30);

    private static final String FORKED_MAIN = "org.openjdk.jmh.runner.ForkedMain";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Duration budget;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-bench-fork-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private ForkDeadline(Duration budget) {
        this.budget = budget;
        timer.schedule(this::expire, budget.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the clock of a configuration estimated at {@code estimate}. */
    static ForkDeadline start(Duration estimate) {
        return after(budget(estimate));
    }

    /** Starts a clock that stops the JMH forks after {@code budget}. */
    static ForkDeadline after(Duration budget) {
        return new ForkDeadline(budget);
    }

    static Duration budget(Duration estimate) {
        return DurationEstimate.scaled(estimate, ESTIMATE_FACTOR, FLOOR);
    }

    boolean expired() {
        return expired.get();
    }

    /** What the configuration is recorded with when its forks were stopped. */
    String reason() {
        return "no result within " + DurationEstimate.clock(budget) + " (" + ESTIMATE_FACTOR
                + " times its estimate, at least " + FLOOR.toMinutes()
                + " minutes): its JMH fork was stopped; jmh.log shows where it stood";
    }

    private void expire() {
        expired.set(true);
        System.out.println("run-bench: the configuration has run " + DurationEstimate.clock(budget)
                + ", far past its estimate; stopping its JMH fork");
        List<ProcessHandle> forks = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(FORKED_MAIN)).toList();
        List<ProcessHandle> started = forks.stream().flatMap(ProcessHandle::descendants).toList();
        ChildProcesses.stop(forks, STOP_GRACE);
        ChildProcesses.stop(started.stream().filter(ProcessHandle::isAlive).toList(), STOP_GRACE);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
