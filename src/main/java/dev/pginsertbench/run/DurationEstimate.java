package dev.pginsertbench.run;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import java.time.Duration;
import java.util.List;

/**
 * How long configurations take, from throughputs measured on a 2-core machine against the
 * embedded server with durable settings (the quick profile's run, made about a quarter slower
 * because that machine is shared and often is); a faster machine finishes early. While a run goes on,
 * {@link BenchmarkRunner} scales the remaining estimate by how the finished configurations
 * compared with theirs.
 */
final class DurationEstimate {

    /** Fork JVM start, embedded server start, table creation, JMH's own start. */
    static final double FORK_SECONDS = 3.5;
    /** Generating the dataset in the fork. */
    static final double GENERATE_SECONDS_PER_ROW = 3e-6;
    /** Source table, checksum, VACUUM and file export for the ceilings and psql. */
    static final double SOURCE_SECONDS_PER_ROW = 30e-6;
    /**
     * The full collection before every shot of an interleaved reference fork (1.3 s with a million
     * rows held, measured on the 2-core machine).
     */
    static final double COLLECTION_SECONDS_PER_ROW = 1.3e-6;
    /** TRUNCATE, CHECKPOINT and count(*) around every shot. */
    static final double SHOT_OVERHEAD_SECONDS = 0.15;
    static final double SHOT_OVERHEAD_SECONDS_PER_ROW = 2e-6;

    /** What a Python fork adds per row: the worker generating the rows and building their pydantic models. */
    static final double PYTHON_FORK_SECONDS_PER_ROW = 170e-6;
    /**
     * What tracemalloc adds per row to a Python load it probes (one per arm and fork, where a claim
     * compares memory).
     */
    static final double PYTHON_TRACED_SECONDS_PER_ROW = 220e-6;
    /**
     * TRUNCATE, CHECKPOINT, count(*), the collection and the /proc readings around a claims shot;
     * with the fork's own server, {@link #CLAIM_FORK_SECONDS} and this matched the first claims run
     * made so within 10 % per claim (Java forks 29 to 52 s, Python 15 to 27 s).
     */
    static final double CLAIM_SHOT_OVERHEAD_SECONDS = 0.3;
    /** A claims fork: as any fork, plus the live-heap counts of the dataset and the checks around its first load. */
    static final double CLAIM_FORK_SECONDS = FORK_SECONDS + 4;

    private DurationEstimate() {
    }

    /** The time of the configurations that will run: one that would not fit in memory is refused, not run. */
    static Duration of(List<Configuration> configurations, Profile profile, int rows) {
        double seconds = 0;
        for (Configuration configuration : configurations) {
            seconds += configuration.wouldNotFit(rows).isPresent() ? 0 : seconds(configuration, profile, rows);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static double seconds(Configuration configuration, Profile profile, int runRows) {
        int rows = configuration.rows(runRows);
        boolean claim = configuration.entry().claimLanguage().isPresent();
        boolean python = configuration.runsPython();
        boolean interleaved = configuration.entry() == Catalogue.INTERLEAVED_REFERENCES;
        double perShot = rows / rowsPerSecond(configuration, rows)
                + (claim ? CLAIM_SHOT_OVERHEAD_SECONDS : SHOT_OVERHEAD_SECONDS + rows * SHOT_OVERHEAD_SECONDS_PER_ROW)
                + (interleaved ? rows * COLLECTION_SECONDS_PER_ROW : 0);
        double perFork = (claim ? CLAIM_FORK_SECONDS : FORK_SECONDS) + rows * GENERATE_SECONDS_PER_ROW
                + (python ? rows * (PYTHON_FORK_SECONDS_PER_ROW
                        + tracedLoads(configuration) * PYTHON_TRACED_SECONDS_PER_ROW) : 0)
                // an interleaved fork fills and exports a source table for psql and another for the ceiling
                + (configuration.entry().needsSourceTable() ? (interleaved ? 2 : 1) * rows * SOURCE_SECONDS_PER_ROW : 0)
                + (configuration.warmupShots(profile) + configuration.measuredShots(profile)) * perShot;
        return profile.forks() * perFork;
    }

    /** JMH's own iteration timeout, which a shot gets at the least. */
    static final Duration SHOT_DEADLINE_FLOOR = Duration.ofMinutes(10);

    /**
     * How long one shot may run before JMH interrupts it (its iteration timeout): ten times the
     * configuration's whole estimated fork, which no shot of it comes near, and at least JMH's default.
     */
    static Duration shotDeadline(Configuration configuration, Profile profile, int rows) {
        double fork = seconds(configuration, profile, rows) / Math.max(1, profile.forks());
        return scaled(Duration.ofMillis(Math.round(fork * 1000)), 10, SHOT_DEADLINE_FLOOR);
    }

    /** {@code factor} times an estimate, and never less than {@code floor}: a deadline that no healthy run meets. */
    static Duration scaled(Duration estimate, int factor, Duration floor) {
        Duration scaled = estimate.multipliedBy(factor);
        return scaled.compareTo(floor) > 0 ? scaled : floor;
    }

    /** Loads a Python claims fork runs under tracemalloc: one per arm where its claim compares memory. */
    private static int tracedLoads(Configuration configuration) {
        return configuration.value(Parameter.CLAIM, OriginalClaim.class)
                .map(claim -> claim.probesRetainedMemory() ? Language.PYTHON.arms(claim).size() : 0).orElse(0);
    }

    /** Expected rows/s of one shot, from the catalogue's model. */
    static double rowsPerSecond(Configuration configuration, int rows) {
        return configuration.entry().expectedRate().rowsPerSecond(configuration.params(), rows);
    }

    /** {@code hh:mm:ss}, hours past 99 included. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
