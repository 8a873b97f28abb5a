package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.claims.OriginalClaim;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the claims study's shots out of JMH's JSON: every claims fork's entry's
 * per-shot times ({@code primaryMetric.rawData}) told apart by its {@code arm} counter, in shot
 * order, with the per-shot mean chunk time, retained heap and bytes allocated.
 */
public final class ClaimShotResults {

    private ClaimShotResults() {
    }

    public static boolean isClaimEntry(JsonNode entry) {
        return Catalogue.byName(entry.path("benchmark").asText()).filter(Catalogue.CLAIM::equals).isPresent();
    }

    /**
     * Every measured shot, entry by entry and fork by fork.
     *
     * @throws IllegalArgumentException when a fork's shots are not whole blocks of one shot per arm
     */
    public static List<ClaimShotResult> of(JsonNode results) {
        List<ClaimShotResult> shots = new ArrayList<>();
        for (JsonNode entry : results) {
            if (!isClaimEntry(entry)) {
                continue;
            }
            OriginalClaim claim = OriginalClaim.of(entry.path("params").path("claim").asText());
            int round = entry.path("params").path("round").asInt();
            long rows = entry.path("params").path("rows").asLong();
            JsonNode secondary = entry.path("secondaryMetrics");
            JsonNode times = entry.path("primaryMetric").path("rawData");
            for (int fork = 0; fork < times.size(); fork++) {
                JsonNode forkTimes = times.get(fork);
                int arms = claim.arms().size();
                if (forkTimes.size() % arms != 0) {
                    throw new IllegalArgumentException(Catalogue.CLAIM.id() + " {claim=" + claim + ", round=" + round + "}: "
                            + forkTimes.size() + " measured shots are not whole blocks of " + arms);
                }
                boolean[] seen = new boolean[arms];
                for (int shot = 0; shot < forkTimes.size(); shot++) {
                    int armIndex = (int) value(secondary, "arm", fork, shot);
                    if (shot % arms == 0) {
                        seen = new boolean[arms];
                    }
                    if (armIndex < 0 || armIndex >= arms || seen[armIndex]) {
                        throw new IllegalArgumentException(Catalogue.CLAIM.id() + " {claim=" + claim + ", round=" + round + "}: shot "
                                + (shot + 1) + " ran arm " + armIndex + ", which does not complete a block of " + arms);
                    }
                    seen[armIndex] = true;
                    shots.add(new ClaimShotResult(claim, round, fork + 1, shot + 1, shot / arms + 1,
                            claim.arms().get(armIndex).id(), ResultSummary.number(forkTimes.get(shot)), rows,
                            value(secondary, "meanChunkSeconds", fork, shot), value(secondary, "retainedHeapBytes", fork, shot),
                            value(secondary, "gc.alloc.rate.norm", fork, shot)));
                }
            }
        }
        return shots;
    }

    private static double value(JsonNode secondary, String key, int fork, int shot) {
        return ResultSummary.metric(secondary, key).map(m -> m.path("rawData").path(fork).path(shot))
                .filter(raw -> !raw.isMissingNode()).map(ResultSummary::number).orElse(Double.NaN);
    }
}
