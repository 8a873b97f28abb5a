package dev.pginsertbench.run;

import dev.pginsertbench.postgres.EmbeddedVersion;
import java.util.List;

/**
 * A named size of run: the configurations it measures, the rows each shot loads, and how many
 * forks and shots JMH runs for each configuration (unless a configuration sets its own shots).
 *
 * @param orderSeed the run's seed ({@link RunSeed}) when the configurations of each round were put in an
 *                  order drawn from it, or null when the order is the written one
 * @param pgVersions the embedded PostgreSQL majors the profile runs every configuration on, one after
 *                   another; empty for the run's one server ({@code --pg-version} replaces them)
 * @param bulkComparison configurations measured again, after the rest, on a server of the bulk
 *                       profile started the same way, so that the summary compares the two server
 *                       profiles side by side; empty for none ({@code --server-profile} replaces it)
 */
public record Profile(String name, String purpose, int rows, int forks, int warmupIterations, int measurementIterations,
        List<Configuration> configurations, Long orderSeed, List<EmbeddedVersion> pgVersions,
        List<Configuration> bulkComparison) {

    public Profile(String name, String purpose, int rows, int forks, int warmupIterations, int measurementIterations,
            List<Configuration> configurations) {
        this(name, purpose, rows, forks, warmupIterations, measurementIterations, configurations, null, List.of(),
                List.of());
    }

    /** The same profile with a bulk comparison: these configurations again on a server of the bulk profile. */
    public Profile withBulkComparison(List<Configuration> again) {
        return new Profile(name, purpose, rows, forks, warmupIterations, measurementIterations, configurations,
                orderSeed, pgVersions, again);
    }

    /** The same profile with other rows, forks or shot counts (from the command line). */
    public Profile with(int newRows, int newForks, int newWarmup, int newMeasured) {
        return new Profile(name, purpose, newRows, newForks, newWarmup, newMeasured, configurations, orderSeed,
                pgVersions, bulkComparison);
    }

    /** Whether each round's configurations run in an order drawn from the run's seed. */
    public boolean shufflesRounds() {
        return orderSeed != null;
    }

    public Profile {
        configurations = List.copyOf(configurations);
        pgVersions = List.copyOf(pgVersions);
        bulkComparison = List.copyOf(bulkComparison);
        if (!configurations.containsAll(bulkComparison)) {
            throw new IllegalArgumentException("profile " + name
                    + ": its bulk comparison repeats configurations it does not run");
        }
        if (rows < 1 || forks < 1 || warmupIterations < 0 || measurementIterations < 1) {
            throw new IllegalArgumentException("profile " + name
                    + ": rows, forks and measurement shots must be positive");
        }
    }
}
