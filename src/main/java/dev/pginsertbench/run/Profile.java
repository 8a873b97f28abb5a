package dev.pginsertbench.run;

import java.util.List;

/**
 * A named size of run: the configurations it measures, the rows each shot loads, and how many
 * forks and shots JMH runs for each configuration.
 */
public record Profile(String name, String purpose, int rows, int forks, int warmupIterations, int measurementIterations,
        List<Configuration> configurations) {

    public Profile {
        configurations = List.copyOf(configurations);
        if (rows < 1 || forks < 1 || warmupIterations < 0 || measurementIterations < 1) {
            throw new IllegalArgumentException("profile " + name + ": rows, forks and measurement shots must be positive");
        }
    }
}
