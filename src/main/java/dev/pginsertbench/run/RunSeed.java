package dev.pginsertbench.run;

import java.security.SecureRandom;

/**
 * The run's random seed: it orders the configurations within each round of a profile that
 * shuffles them, and seeds every interleaved fork's shot order. A new one is drawn for every run,
 * so that replications of a profile are randomised anew and an order bias averages out over runs
 * instead of repeating; {@code --seed} gives one, to repeat a run's order exactly.
 *
 * @param value the seed, below 2^48 so that it survives JSON readers that hold numbers as doubles
 * @param drawn whether it was drawn for this run (false: given with {@code --seed})
 */
record RunSeed(long value, boolean drawn) {

    static final long BOUND = 1L << 48;

    RunSeed {
        if (value < 0 || value >= BOUND) {
            throw new IllegalArgumentException("seed " + value + " is not in [0, 2^48)");
        }
    }

    /** {@code --seed}'s value, or a new one drawn when it is null. */
    static RunSeed of(Long given) throws UsageException {
        if (given == null) {
            return new RunSeed(new SecureRandom().nextLong(BOUND), true);
        }
        if (given < 0 || given >= BOUND) {
            throw new UsageException("--seed " + given + ": must be a whole number from 0 to " + (BOUND - 1));
        }
        return new RunSeed(given, false);
    }

    /** How the plan line shows it. */
    String describe() {
        return "seed " + value + (drawn ? " (drawn for this run; --seed " + value + " repeats its order)" : " (given)");
    }
}
