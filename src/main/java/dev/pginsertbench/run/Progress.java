package dev.pginsertbench.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where a run stands: which configuration is running, and when the run should end. The
 * estimate of what remains is scaled by how long the finished configurations took against
 * their own estimates, so the ETA learns this machine's speed as the run goes. In a run over
 * several servers the line names the server and the ETA includes the servers still to come.
 */
final class Progress {

    private final List<Configuration> configurations;
    private final double[] estimates;
    private final long startedNanos;
    private final double laterSeconds;
    private final String server;
    private int current = -1;
    private double finishedEstimate;
    private long finishedNanos;
    private long currentStartedNanos;

    Progress(List<Configuration> configurations, Profile profile, int rows) {
        this(configurations, profile, rows, Duration.ZERO, Duration.ZERO, "");
    }

    /**
     * @param elapsedBefore what the run took before this server (the servers already measured)
     * @param later         the estimate of the servers still to come after this one
     * @param server        {@code "server 1 of 2, "} in a run over several servers, else empty
     */
    Progress(List<Configuration> configurations, Profile profile, int rows, Duration elapsedBefore, Duration later,
            String server) {
        this.configurations = List.copyOf(configurations);
        this.estimates = configurations.stream().mapToDouble(c -> DurationEstimate.seconds(c, profile, rows)).toArray();
        this.startedNanos = System.nanoTime() - elapsedBefore.toNanos();
        this.laterSeconds = later.toMillis() / 1000.0;
        this.server = server;
    }

    synchronized void begin(int index) {
        current = index;
        currentStartedNanos = System.nanoTime();
    }

    synchronized void finish() {
        finishedEstimate += estimates[current];
        finishedNanos += System.nanoTime() - currentStartedNanos;
    }

    /** {@code k of n, ETA hh:mm:ss (elapsed hh:mm:ss): Class.method {params}}. */
    synchronized String line() {
        double remaining = laterSeconds;
        for (int i = current; i < estimates.length; i++) {
            remaining += estimates[i];
        }
        double scale = finishedEstimate > 0 ? finishedNanos / 1e9 / finishedEstimate : 1.0;
        Duration eta = Duration.ofMillis(Math.round(remaining * scale * 1000));
        return String.format(Locale.ROOT, "%s%d of %d, ETA %s (elapsed %s): %s", server, current + 1,
                configurations.size(), DurationEstimate.clock(eta), DurationEstimate.clock(elapsed()),
                configurations.get(current));
    }

    synchronized Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
