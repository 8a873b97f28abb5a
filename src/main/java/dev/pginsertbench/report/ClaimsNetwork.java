package dev.pginsertbench.report;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What the claims forks waited for on the network, computed once from their shots: how close each
 * round-trip time's relay came to the time it was set to, and for every arm the round trips a chunk
 * waited for and its time split into waiting for them and the rest. Written as
 * {@code claims-network.csv} and a section of claims.md.
 *
 * <p>A chunk's network wait is its round trips times the added round-trip time: each round trip on a
 * connection waits for the one before it, so within a chunk they add up; chunks in flight at once
 * overlap theirs, which is why this splits the chunk's time, not the load's.
 */
public final class ClaimsNetwork {

    /**
     * How far the measured added round trip may lie from the one set: 10 % of it, or 0.05 ms where that
     * is more (the scheduler's own granularity on a loaded 2-core machine).
     */
    static final double TOLERANCE_SHARE = 0.10;
    static final double TOLERANCE_FLOOR_MS = 0.05;

    /**
     * What the relay models and what it leaves out, as claims.md and (through results/schema.json) the
     * notebook's methods text say it.
     */
    public static final String RELAY_MODEL = "Round-trip times were added by a TCP relay on the same machine, "
            + "in a process of its own between the loader and the server (the benchmark's setup and check sessions "
            + "connect directly): it holds every byte for half the round-trip time in each direction, keeps their "
            + "order and forwards each read whole once it is due. It models a link's delay only: no loss, no "
            + "jitter, no bandwidth limit, no TCP window over a long path; the loader, the relay and the server "
            + "share the machine's cores. Its own cost (A/A: the same load directly and through a relay adding "
            + "0 ms) and the delay it added to SELECT 1 in every fork are reported beside the results.";

    private final List<Accuracy> accuracy;
    private final List<ArmNetwork> arms;

    private ClaimsNetwork(List<Accuracy> accuracy, List<ArmNetwork> arms) {
        this.accuracy = List.copyOf(accuracy);
        this.arms = List.copyOf(arms);
    }

    /**
     * One round-trip time's relay, checked once per fork at its start: the delay it added to {@code SELECT 1}
     * (through it, minus through its process without delay) and what its process costs a round trip by itself
     * (without delay, minus directly).
     *
     * @param rtt      the round-trip time set
     * @param forks    forks measured
     * @param added    the forks' added delays
     * @param relayOwn the forks' own costs of the relay
     * @param within   forks whose added delay lies within the tolerance of the one set
     */
    public record Accuracy(RoundTripDelay rtt, int forks, Spread added, Spread relayOwn, int within) {

        /** How far from the set time a fork's measurement may lie. */
        public double toleranceMs() {
            return tolerance(rtt);
        }

        /** Whether every fork's relay added the time it was set to, within the tolerance. */
        public boolean accurate() {
            return within == forks;
        }
    }

    /**
     * One arm of one claim at one round-trip time: its measured shots' means.
     *
     * @param roundTripsPerChunk round trips a chunk waited for (NaN without a relay to count them)
     * @param meanChunkMs        the chunks' mean time
     * @param relayCpuNsPerRow   the relay process's CPU per row (NaN without a relay)
     */
    public record ArmNetwork(OriginalClaim claim, Language language, RoundTripDelay rtt, String arm, int shots,
            double roundTripsPerChunk, double meanChunkMs, double relayCpuNsPerRow) {

        /** The chunk's time spent waiting for its round trips: their number times the time each added. */
        public double networkWaitMs() {
            return roundTripsPerChunk * rtt.millis();
        }

        /** The rest of the chunk's time: encoding, sending, the server's work, waiting for a connection. */
        public double restMs() {
            return meanChunkMs - networkWaitMs();
        }
    }

    public static ClaimsNetwork of(List<ClaimShotResult> shots) {
        List<RoundTripDelay> levels = shots.stream().map(ClaimShotResult::rtt).distinct().sorted().toList();
        List<Accuracy> accuracy = new ArrayList<>();
        List<ArmNetwork> arms = new ArrayList<>();
        for (RoundTripDelay rtt : levels) {
            List<ClaimShotResult> atLevel = shots.stream().filter(s -> s.rtt().equals(rtt)).toList();
            accuracy(rtt, atLevel).ifPresent(accuracy::add);
            for (OriginalClaim claim : OriginalClaim.values()) {
                for (Language language : Language.values()) {
                    for (Arm arm : language.arms(claim)) {
                        List<ClaimShotResult> armShots = atLevel.stream().filter(s -> s.claim() == claim
                                && s.language() == language && s.arm().equals(arm.id())).toList();
                        if (!armShots.isEmpty()) {
                            arms.add(new ArmNetwork(claim, language, rtt, arm.id(), armShots.size(),
                                    mean(armShots, s -> s.network().roundTripsPerChunk()),
                                    mean(armShots, s -> s.meanChunkSeconds() * 1e3),
                                    mean(armShots, s -> s.network().relayCpuNsPerRow())));
                        }
                    }
                }
            }
        }
        return new ClaimsNetwork(accuracy, arms);
    }

    /**
     * Median, smallest and largest of the forks' values, in ms.
     */
    public record Spread(double medianMs, double minMs, double maxMs) {

        static Spread of(double[] sorted) {
            return sorted.length == 0 ? new Spread(Double.NaN, Double.NaN, Double.NaN)
                    : new Spread(median(sorted), sorted[0], sorted[sorted.length - 1]);
        }

        @Override
        public String toString() {
            return ms(medianMs) + " [" + ms(minMs) + ", " + ms(maxMs) + "]";
        }
    }

    /** How far from the set time a fork's measured delay may lie: 10 % of it, or 0.05 ms where that is more. */
    static double tolerance(RoundTripDelay rtt) {
        return Math.max(TOLERANCE_SHARE * rtt.millis(), TOLERANCE_FLOOR_MS);
    }

    /** Each fork measures its paths once, at its start, so each fork counts once; empty without a relay. */
    private static Optional<Accuracy> accuracy(RoundTripDelay rtt, List<ClaimShotResult> shots) {
        List<ShotNetwork> forks = shots.stream().filter(s -> s.shot() == 1).map(ClaimShotResult::network)
                .filter(n -> !Double.isNaN(n.addedRoundTripMs())).toList();
        if (!rtt.relayed() || forks.isEmpty()) {
            return Optional.empty();
        }
        double[] added = forks.stream().mapToDouble(ShotNetwork::addedRoundTripMs).sorted().toArray();
        int within = (int) Arrays.stream(added).filter(v -> Math.abs(v - rtt.millis()) <= tolerance(rtt)).count();
        return Optional.of(new Accuracy(rtt, forks.size(), Spread.of(added),
                Spread.of(forks.stream().mapToDouble(ShotNetwork::relayOwnRoundTripMs).sorted().toArray()), within));
    }

    public List<Accuracy> accuracy() {
        return accuracy;
    }

    public List<ArmNetwork> arms() {
        return arms;
    }

    static final List<Csv.Column<ArmNetwork>> CSV_COLUMNS = List.of(
            new Csv.Column<>("claim", Csv.Kind.TEXT, (ArmNetwork a) -> a.claim().id()),
            new Csv.Column<>("language", Csv.Kind.TEXT, (ArmNetwork a) -> a.language().id()),
            new Csv.Column<>("rtt", Csv.Kind.TEXT, (ArmNetwork a) -> a.rtt().toString()),
            new Csv.Column<>("rtt_ms", Csv.Kind.NUMBER, (ArmNetwork a) -> Csv.number(a.rtt().millis())),
            new Csv.Column<>("arm", Csv.Kind.TEXT, ArmNetwork::arm),
            new Csv.Column<>("shots", Csv.Kind.NUMBER, (ArmNetwork a) -> String.valueOf(a.shots())),
            new Csv.Column<>("round_trips_per_chunk", Csv.Kind.NUMBER,
                    (ArmNetwork a) -> Csv.number(a.roundTripsPerChunk())),
            new Csv.Column<>("mean_chunk_ms", Csv.Kind.NUMBER, (ArmNetwork a) -> Csv.number(a.meanChunkMs())),
            new Csv.Column<>("network_wait_ms", Csv.Kind.NUMBER, (ArmNetwork a) -> Csv.number(a.networkWaitMs())),
            new Csv.Column<>("rest_ms", Csv.Kind.NUMBER, (ArmNetwork a) -> Csv.number(a.restMs())),
            new Csv.Column<>("relay_cpu_ns_per_row", Csv.Kind.NUMBER,
                    (ArmNetwork a) -> Csv.number(a.relayCpuNsPerRow())));

    /** {@code claims-network.csv}: one row per arm, claim, language and round-trip time. */
    public String csv() {
        return Csv.table(CSV_COLUMNS, arms);
    }

    /** The relay's accuracy and the arms' round trips, as a section of claims.md. */
    public String markdown() {
        return "## The network\n\n" + RELAY_MODEL + "\n\n" + accuracyMarkdown() + armsMarkdown();
    }

    /** How close each round-trip time's relay came to the time set, as summary.md and claims.md show it. */
    public String accuracyMarkdown() {
        StringBuilder text = new StringBuilder(1024);
        text.append("The relay, checked in every fork at its start, by `SELECT 1`'s median round trip (21 "
                + "statements) on three paths: through the relay, through the relay's process without delay, and "
                + "directly. The delay added is the first minus the second, against the round-trip time set "
                + "(within: forks inside 10 % of it or 0.05 ms, whichever is more); the relay's own cost is the "
                + "second minus the third. Median over the forks [smallest, largest], in ms.\n\n"
                + "| rtt | forks | delay added | within | the relay's own cost |\n|---|---|---|---|---|\n");
        for (Accuracy a : accuracy) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %d of %d%s | %s |%n", a.rtt(), a.forks(),
                    a.added(), a.within(), a.forks(), a.accurate() ? "" : " (outside the tolerance)", a.relayOwn()));
        }
        return text.append('\n').toString();
    }

    private String armsMarkdown() {
        StringBuilder text = new StringBuilder(4096);
        text.append("Round trips per chunk: the turns of the loader's conversations through the relay (a client's "
                + "send after the server's), per chunk; counted only through a relay. A chunk's network wait is its "
                + "round trips times the round-trip time added; the rest is everything else in the chunk's time "
                + "(encoding, sending, the server's work, waiting for a connection).\n\n"
                + "| claim | language | rtt | arm | shots | round trips per chunk | mean chunk ms | network wait ms "
                + "| rest ms | relay CPU ns/row |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (ArmNetwork a : arms) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |%n",
                    a.claim().id(), a.language().id(), a.rtt(), a.arm(), a.shots(), ms(a.roundTripsPerChunk()),
                    ms(a.meanChunkMs()), ms(a.networkWaitMs()), ms(a.restMs()), whole(a.relayCpuNsPerRow())));
        }
        return text.append('\n').toString();
    }

    private static double mean(List<ClaimShotResult> shots, ToDoubleFunction<ClaimShotResult> value) {
        return shots.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
