package dev.pginsertbench.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which a fork of the claims study runs its arms: blocks of one shot per arm, each
 * block in its own random order, warm-up blocks first. Interleaving puts drift (a fresh server
 * creating WAL segments, caches filling, a noisy neighbour) on every arm alike, and each block
 * pairs its arms' shots taken moments apart.
 *
 * @param arms          arms per block
 * @param warmupBlocks  blocks run as JMH warm-up iterations
 * @param measuredBlocks blocks run as measured iterations
 * @param order         arm index of every shot, warm-up shots first
 */
public record ShotSchedule(int arms, int warmupBlocks, int measuredBlocks, List<Integer> order) {

    /** How a fork orders its shots, in words, for the manifest. */
    public static final String DESCRIPTION = "blocks of one shot per arm, warm-up blocks first; each block a "
            + "java.util.Collections.shuffle of the arms with one java.util.Random per fork seeded "
            + "run seed * 1000003 + String.hashCode(claim id) * 1000 + round; where a claim compares memory, the last "
            + "warm-up block probes the retained heap";

    /** How a fork of {@link Catalogue#INTERLEAVED_REFERENCES} orders its shots, in words, for the manifest. */
    public static final String INTERLEAVED_DESCRIPTION = "interleaved reference forks: blocks of one shot per arm "
            + "(pooled COPY, and psql \\copy and the parallel ceiling where this machine offers them), seeded "
            + "run seed * 1000003 + (100 + tasks) * 1000 + round; a warm-up that is not whole blocks starts inside one";

    /**
     * The schedule for a fork, from a seed that {@link #seed} derives from the run's seed, the
     * claim and the round, so a run can be repeated shot for shot.
     */
    static ShotSchedule of(int arms, int warmupBlocks, int measuredBlocks, long seed) {
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int block = 0; block < warmupBlocks + measuredBlocks; block++) {
            List<Integer> permutation = new ArrayList<>();
            for (int arm = 0; arm < arms; arm++) {
                permutation.add(arm);
            }
            Collections.shuffle(permutation, random);
            order.addAll(permutation);
        }
        return new ShotSchedule(arms, warmupBlocks, measuredBlocks, List.copyOf(order));
    }

    /**
     * A claims fork's schedule: as many whole blocks of {@code arms} as JMH's warm-up and measured
     * shot counts make, in an order seeded by the run's seed, the claim and the round. The claim
     * enters by its id, so that adding a claim leaves the other claims' schedules as they were.
     *
     * @param where names the fork in the error about counts that are not whole blocks
     */
    static ShotSchedule forClaimFork(int arms, org.openjdk.jmh.infra.BenchmarkParams params, String claimId, int round,
            String where) {
        return of(arms, blocks(params.getWarmup().getCount(), arms, where + ": warm-up shots (-wi)"),
                blocks(params.getMeasurement().getCount(), arms, where + ": measured shots (-i)"),
                seed(ForkFlags.scheduleSeed(), claimId.hashCode(), round));
    }

    /**
     * A fork of {@link Catalogue#INTERLEAVED_REFERENCES}, whose arms depend on what the machine offers
     * (psql, server-side files): measured shots must be whole blocks, warm-up shots need not be; a
     * warm-up that is not whole blocks starts with the last arms of a shuffled block, so that the
     * measured blocks still begin on a block's first shot.
     *
     * @param salt what tells this fork's order apart from other forks of the same round (never a claim's ordinal)
     */
    static ShotSchedule forInterleavedFork(int arms, org.openjdk.jmh.infra.BenchmarkParams params, int salt, int round,
            String where) {
        return withWarmupShots(arms, params.getWarmup().getCount(),
                blocks(params.getMeasurement().getCount(), arms, where + ": measured shots (-i)"),
                seed(ForkFlags.scheduleSeed(), salt, round));
    }

    /** Whole measured blocks after {@code warmupShots} warm-up shots: the last shots of whole shuffled blocks. */
    static ShotSchedule withWarmupShots(int arms, int warmupShots, int measuredBlocks, long seed) {
        int warmupBlocks = (warmupShots + arms - 1) / arms;
        ShotSchedule whole = of(arms, warmupBlocks, measuredBlocks, seed);
        List<Integer> order = whole.order().subList(warmupBlocks * arms - warmupShots, whole.order().size());
        return new ShotSchedule(arms, warmupShots / arms, measuredBlocks, List.copyOf(order));
    }

    /** The seed of one fork's schedule: {@code runSeed * 1_000_003 + salt * 1_000 + round}. */
    static long seed(long runSeed, int salt, int round) {
        return runSeed * 1_000_003L + salt * 1_000L + round;
    }

    /**
     * Blocks for a number of JMH iterations, which must be whole blocks.
     *
     * @throws IllegalArgumentException naming the setting when it is not a multiple of the arms
     */
    static int blocks(int iterations, int arms, String setting) {
        if (iterations % arms != 0) {
            throw new IllegalArgumentException(setting + " must be a whole number of blocks of " + arms
                    + " shots (one per arm), was " + iterations);
        }
        return iterations / arms;
    }

    /** The arm of shot {@code index} (0-based, warm-up shots first). */
    int arm(int index) {
        return order.get(index);
    }

    /**
     * Whether shot {@code index} belongs to the last warm-up block (claims forks, whose warm-up is
     * whole blocks): there every arm has loaded before, so what a probe finds is the load's own,
     * not the classes and caches the fork's first load of anything initialises.
     */
    boolean inProbeBlock(int index) {
        return warmupBlocks > 0 && index >= (warmupBlocks - 1) * arms && index < warmupBlocks * arms;
    }

    int shots() {
        return order.size();
    }
}
