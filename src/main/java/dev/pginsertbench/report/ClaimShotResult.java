package dev.pginsertbench.report;

import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;

/**
 * One measured shot of the claims study, as {@code claim-shots.csv} lists it.
 *
 * @param claim             the claim whose fork ran it
 * @param language          the port of the original loader that ran it
 * @param round             the fork's round
 * @param fork              the fork within its JMH run (1 unless more forks were asked for)
 * @param shot              1-based position among the fork's measured shots
 * @param block             1-based block (one shot of every arm) the shot belongs to
 * @param arm               the arm's id
 * @param seconds           the load's wall time
 * @param rows              rows loaded
 * @param meanChunkSeconds  the load's mean chunk time
 * @param retainedHeapBytes what the arm holds at its peak, probed once in the fork (NaN if not probed): the JVM's
 *                          retained heap, or tracemalloc's peak in Python
 * @param allocatedBytes    bytes the JVM allocated during the shot ({@code gc.alloc.rate.norm}; NaN without -prof gc
 *                          and in Python)
 * @param peakRssGrowthBytes how far the Python worker's resident memory rose during the load (NaN in Java)
 * @param datasetBytes      the live size of the dataset in the fork's language, counted once per fork where the
 *                          claim compares memory (NaN elsewhere)
 * @param network           how far the fork's server was made to be and what the shot waited for on the way
 */
public record ClaimShotResult(OriginalClaim claim, Language language, int round, int fork, int shot, int block,
        String arm, double seconds, long rows, double meanChunkSeconds, double retainedHeapBytes, double allocatedBytes,
        double peakRssGrowthBytes, double datasetBytes, ShotNetwork network, ShotCpu cpu) {

    /**
     * The CPU a shot used per row: the client's (the JVM's, plus the Python worker's for the port) and the
     * server's backends'.
     */
    public record ShotCpu(double clientNsPerRow, double serverNsPerRow) {

        static final ShotCpu UNKNOWN = new ShotCpu(Double.NaN, Double.NaN);
    }

    /** Identifies the fork: the pairing unit's cluster. */
    String forkKey() {
        return claim.name() + "/" + language.id() + "/" + network.rtt() + "/" + round + "/" + fork;
    }

    /** The round-trip time the fork's relay added ({@code loopback} without one). */
    public RoundTripDelay rtt() {
        return network.rtt();
    }
}
