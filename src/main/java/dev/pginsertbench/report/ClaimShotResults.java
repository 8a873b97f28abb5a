package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.ArmCode;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the claims study's shots out of JMH's JSON: every claims fork's entry's (Java's and the
 * Python port's) per-shot times ({@code primaryMetric.rawData}) told apart by its {@code arm}
 * counter, in shot order, with the per-shot mean chunk time, retained heap, bytes allocated and
 * the Python worker's peak RSS growth.
 */
public final class ClaimShotResults {

    private ClaimShotResults() {
    }

    public static boolean isClaimEntry(JsonNode entry) {
        return language(entry).isPresent();
    }

    private static Optional<Language> language(JsonNode entry) {
        return Catalogue.byName(entry.path("benchmark").asText()).flatMap(Catalogue::claimLanguage);
    }

    /**
     * Every measured shot, entry by entry and fork by fork.
     *
     * @throws IllegalArgumentException when a fork's shots are not whole blocks of one shot per arm
     */
    public static List<ClaimShotResult> of(JsonNode results) {
        List<ClaimShotResult> shots = new ArrayList<>();
        for (JsonNode entry : results) {
            Optional<Language> language = language(entry);
            if (language.isEmpty()) {
                continue;
            }
            OriginalClaim claim = OriginalClaim.of(entry.path("params").path("claim").asText());
            int round = entry.path("params").path("round").asInt();
            long rows = entry.path("params").path("rows").asLong();
            RoundTripDelay rtt = rtt(entry);
            String fork = entry.path("benchmark").asText().replace(Catalogue.PACKAGE, "") + " {claim=" + claim
                    + ", round=" + round + (rtt.relayed() ? ", rtt=" + rtt : "") + "}";
            readForks(entry, new Fork(claim, language.get(), round, rows, rtt), fork, shots);
        }
        return shots;
    }

    /** The entry's round-trip time; loopback where the results predate the parameter. */
    static RoundTripDelay rtt(JsonNode entry) {
        JsonNode rtt = entry.path("params").path(Parameter.RTT.field());
        return rtt.isMissingNode() ? RoundTripDelay.LOOPBACK
                : RoundTripDelay.parse(rtt.asText(), entry.path("benchmark").asText() + " " + Parameter.RTT.field());
    }

    /** What every shot of an entry's forks shares. */
    private record Fork(OriginalClaim claim, Language language, int round, long rows, RoundTripDelay rtt) {
    }

    private static void readForks(JsonNode entry, Fork of, String where, List<ClaimShotResult> shots) {
        OriginalClaim claim = of.claim();
        Language language = of.language();
        // the Python port's forks leave out the arms whose optional driver was missing
        List<Arm> arms = language.arms(claim, entry.path("params").path(Parameter.LEFT_OUT.field()).asText(""));
        JsonNode secondary = entry.path("secondaryMetrics");
        JsonNode times = entry.path("primaryMetric").path("rawData");
        for (int fork = 0; fork < times.size(); fork++) {
            JsonNode forkTimes = times.get(fork);
            if (forkTimes.size() % arms.size() != 0) {
                throw new IllegalArgumentException(where + ": " + forkTimes.size()
                        + " measured shots are not whole blocks of " + arms.size());
            }
            Set<Arm> seen = new HashSet<>();
            for (int shot = 0; shot < forkTimes.size(); shot++) {
                double value = arm(secondary, fork, shot, where);
                if (shot % arms.size() == 0) {
                    seen.clear();
                }
                Optional<Arm> ran = ArmCode.find(claim.arms(), Arm::code, value).filter(arms::contains);
                if (ran.isEmpty() || !seen.add(ran.get())) {
                    throw new IllegalArgumentException(where + ": shot " + (shot + 1) + " ran arm " + (long) value
                            + " (" + ran.map(Arm::id).orElse("none of the claim's") + "), which does not complete a "
                            + "block of " + arms.size());
                }
                shots.add(new ClaimShotResult(claim, language, of.round(), fork + 1, shot + 1,
                        shot / arms.size() + 1, ran.get().id(), ResultSummary.number(forkTimes.get(shot)), of.rows(),
                        value(secondary, Counter.MEAN_CHUNK_SECONDS, fork, shot),
                        value(secondary, Counter.RETAINED_HEAP_BYTES, fork, shot),
                        // the JVM's allocation says nothing about the Python worker's
                        language == Language.JAVA
                                ? value(secondary, Counter.ALLOCATED_BYTES_PER_SHOT, fork, shot) : Double.NaN,
                        value(secondary, Counter.PEAK_RSS_GROWTH_BYTES, fork, shot),
                        value(secondary, Counter.DATASET_HEAP_BYTES, fork, shot),
                        new ShotNetwork(of.rtt(), value(secondary, Counter.ROUND_TRIPS, fork, shot),
                                value(secondary, Counter.CHUNKS, fork, shot),
                                value(secondary, Counter.RELAY_CPU_NS_PER_ROW, fork, shot),
                                value(secondary, Counter.LOADER_ROUND_TRIP_MS, fork, shot),
                                value(secondary, Counter.DIRECT_ROUND_TRIP_MS, fork, shot),
                                value(secondary, Counter.ZERO_DELAY_ROUND_TRIP_MS, fork, shot)),
                        new ClaimShotResult.ShotCpu(value(secondary, Counter.CLIENT_CPU_NS_PER_ROW, fork, shot),
                                value(secondary, Counter.SERVER_CPU_NS_PER_ROW, fork, shot))));
            }
        }
    }

    /** Which arm a shot ran: a shot without one cannot be paired, so its absence is an error, not a NaN. */
    private static double arm(JsonNode secondary, int fork, int shot, String where) {
        double arm = value(secondary, Counter.ARM, fork, shot);
        if (Double.isNaN(arm)) {
            throw new IllegalArgumentException(where + ": shot " + (shot + 1) + " of fork " + (fork + 1) + " has no '"
                    + Counter.ARM.key() + "' counter, so its arm is unknown");
        }
        return arm;
    }

    private static double value(JsonNode secondary, Counter counter, int fork, int shot) {
        return ResultSummary.metric(secondary, counter).map(m -> m.path("rawData").path(fork).path(shot))
                .filter(raw -> !raw.isMissingNode()).map(ResultSummary::number).orElse(Double.NaN);
    }
}
