package dev.pginsertbench.report;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Measure;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.ConnectionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The claims study's verdicts, computed once from its shots: for every comparison of every
 * claim measured in the run, the paired ratios block by block (time) or fork by fork (retained
 * heap), their 95 % interval ({@link PairedLogRatio}) in the claim's unit and the
 * {@link Verdict}. Written as {@code claims.csv}, {@code claim-shots.csv} and {@code claims.md}
 * (results/README.md) and printed at the end of a run.
 */
public final class ClaimsReport {

    private final List<ClaimShotResult> shots;
    private final List<ClaimResult> results;

    private ClaimsReport(List<ClaimShotResult> shots, List<ClaimResult> results) {
        this.shots = List.copyOf(shots);
        this.results = List.copyOf(results);
    }

    public static ClaimsReport of(List<ClaimShotResult> shots) {
        List<ClaimResult> results = new ArrayList<>();
        for (OriginalClaim claim : OriginalClaim.values()) {
            Map<String, List<ClaimShotResult>> forks = shots.stream().filter(s -> s.claim() == claim)
                    .collect(Collectors.groupingBy(ClaimShotResult::forkKey, LinkedHashMap::new, Collectors.toList()));
            if (forks.isEmpty()) {
                continue;
            }
            for (ClaimComparison comparison : claim.comparisons()) {
                List<double[]> byFork = new ArrayList<>();
                for (List<ClaimShotResult> fork : forks.values()) {
                    byFork.add(pairedLogRatios(fork, comparison));
                }
                results.add(ClaimResult.of(claim, comparison, PairedLogRatio.of(byFork)));
            }
        }
        return new ClaimsReport(shots, results);
    }

    /**
     * One fork's log ratios changed/original: one per block for times, one for the fork for the
     * retained heap (probed once per fork). Values that are not positive cannot form a ratio and
     * are left out.
     */
    static double[] pairedLogRatios(List<ClaimShotResult> fork, ClaimComparison comparison) {
        ToDoubleFunction<ClaimShotResult> value = switch (comparison.measure()) {
            case WALL_TIME -> ClaimShotResult::seconds;
            case MEAN_CHUNK_TIME -> ClaimShotResult::meanChunkSeconds;
            case RETAINED_HEAP -> ClaimShotResult::retainedHeapBytes;
        };
        Map<Integer, Double> changed = new LinkedHashMap<>();
        Map<Integer, Double> original = new LinkedHashMap<>();
        for (ClaimShotResult shot : fork) {
            int unit = comparison.measure() == Measure.RETAINED_HEAP ? 1 : shot.block();
            if (shot.arm().equals(comparison.changed())) {
                changed.put(unit, value.applyAsDouble(shot));
            } else if (shot.arm().equals(comparison.original())) {
                original.put(unit, value.applyAsDouble(shot));
            }
        }
        List<Double> ratios = new ArrayList<>();
        changed.forEach((unit, a) -> {
            Double b = original.get(unit);
            if (b != null && a > 0 && b > 0) {
                ratios.add(Math.log(a) - Math.log(b));
            }
        });
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public List<ClaimResult> results() {
        return results;
    }

    public List<ClaimShotResult> shots() {
        return shots;
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** {@code claims.csv}: one row per comparison (results/README.md names the columns). */
    public String csv() {
        StringBuilder text = new StringBuilder(4096);
        text.append("claim,row,statement,comparison,unit,primary,claimed_low,claimed_high,estimate,ci_low,ci_high,"
                + "precision,target,precision_unit,precision_met,n_pairs,n_forks,verdict\n");
        for (ClaimResult r : results) {
            ClaimComparison c = r.comparison();
            ClaimUnit unit = c.unit();
            text.append(String.join(",", r.claim().id(), c.id(), Csv.quote(r.claim().statement()), Csv.quote(c.comparison()),
                    Csv.quote(unit.label()), String.valueOf(c.primary()), Csv.number(c.claimedLow()),
                    Csv.number(c.claimedHigh()), Csv.number(r.estimate()), Csv.number(r.low()), Csv.number(r.high()),
                    Csv.number(r.precision()), Csv.number(unit.targetHalfWidth()), Csv.quote(unit.precisionUnit()),
                    String.valueOf(r.precisionMet()), String.valueOf(r.pairs()), String.valueOf(r.forks()),
                    Csv.quote(r.verdict().text()))).append('\n');
        }
        return text.toString();
    }

    /** {@code claim-shots.csv}: every measured shot in the order it ran. */
    public String shotsCsv() {
        StringBuilder text = new StringBuilder(64 * shots.size() + 128);
        text.append("claim,round,fork,shot,block,arm,seconds,rows,mean_chunk_ms,retained_heap_mb,alloc_bytes_per_row\n");
        for (ClaimShotResult s : shots) {
            text.append(String.join(",", s.claim().id(), String.valueOf(s.round()), String.valueOf(s.fork()),
                    String.valueOf(s.shot()), String.valueOf(s.block()), s.arm(), Csv.number(s.seconds()),
                    String.valueOf(s.rows()), Csv.number(s.meanChunkSeconds() * 1e3),
                    Csv.number(s.retainedHeapBytes() / 1e6), Csv.number(s.allocatedBytes() / s.rows()))).append('\n');
        }
        return text.toString();
    }

    /** The verdict table, as printed at the end of a run and at the top of claims.md. */
    public String table() {
        StringBuilder text = new StringBuilder(4096);
        text.append("| claim | comparison | claimed | measured [95 % interval] | n pairs (forks) | precision (target) | verdict |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (ClaimResult r : results) {
            ClaimComparison c = r.comparison();
            ClaimUnit unit = c.unit();
            String interval = Double.isNaN(r.low()) ? " (no interval from one fork)"
                    : " [" + unit.format(r.low()) + ", " + unit.format(r.high()) + "]";
            text.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s%s | %d (%d) | %s %s (%s)%s | %s |%n",
                    r.claim().id(), c.primary() ? " *" : "", c.comparison(), c.claimedRange(), unit.format(r.estimate()),
                    interval, r.pairs(), r.forks(), number(r.precision()),
                    unit.precisionUnit(), number(unit.targetHalfWidth()), r.precisionMet() ? "" : " not met",
                    r.verdict().text()));
        }
        return text.toString();
    }

    /** {@code claims.md}: the claims as written, the verdicts, the arms measured and how to read them. */
    public String markdown(String runId, int rows) {
        StringBuilder text = new StringBuilder(8192);
        text.append("# Claims of the original loader, run ").append(runId).append("\n\n");
        text.append(String.format(Locale.ROOT, "%,d rows per load. * marks the comparison that decides a claim.%n%n", rows));
        text.append(table()).append('\n');
        text.append("""
                How to read it: every comparison is a ratio of the changed arm to the original one, taken within
                blocks (one shot of each of the claim's arms, in a random order, in one fork on one server), averaged
                as log ratios and shown in the claim's unit: "x faster" = old time / new time, "% less time" =
                100 (1 - new / old), "x memory" = new / old heap held at the load's peak. The 95 % interval is
                Student's t over the forks' mean log ratios (forks - 1 degrees of freedom). Verdict: confirmed =
                the interval lies inside the claimed range; smaller / larger than claimed = wholly below / above it;
                partly = it straddles a boundary and meets the precision target; inconclusive = it straddles a
                boundary and is wider than the target (3 percentage points of time saved, 5 % of a ratio).
                "30-50 % faster" is read as 30-50 % less time, the reading the other "% faster" claims get; the
                author's own minutes (34 -> 20-25) and the reading as 1.3-1.5x the speed are shown beside it.

                Memory: "retained heap" is what a load holds at its peak: the heap used right after a full
                collection, at its highest over collections forced every 100 ms during one warm-up load of the arm,
                minus the same just before that load. It counts live objects only (rows converted up front, the
                chunks in flight with their buffers and bound parameters), not the dataset itself, which every arm
                holds before the load starts, and not garbage. "alloc B/row" is what the JVM allocated during a
                measured shot (JMH's gc profiler), per row.

                """);
        text.append("## Arms\n\n| claim | arm | what it is | plan | shots | mean s | rows/s | retained heap MB | alloc B/row |\n");
        text.append("|---|---|---|---|---|---|---|---|---|\n");
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Arm arm : claim.arms()) {
                List<ClaimShotResult> armShots = shots.stream()
                        .filter(s -> s.claim() == claim && s.arm().equals(arm.id())).toList();
                if (armShots.isEmpty()) {
                    continue;
                }
                double seconds = armShots.stream().mapToDouble(ClaimShotResult::seconds).average().orElse(Double.NaN);
                double retained = mean(armShots, ClaimShotResult::retainedHeapBytes);
                double allocated = mean(armShots, ClaimShotResult::allocatedBytes);
                long armRows = armShots.get(0).rows();
                text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.3f | %,.0f | %s | %s |%n", claim.id(), arm.id(),
                        arm.label(), plan(arm), armShots.size(), seconds, armRows / seconds, number(retained / 1e6),
                        Double.isNaN(allocated) ? "-" : String.format(Locale.ROOT, "%,.0f", allocated / armRows)));
            }
        }
        return text.toString();
    }

    /** The mean of the values that were measured, NaN when none was. */
    private static double mean(List<ClaimShotResult> shots, ToDoubleFunction<ClaimShotResult> value) {
        return shots.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static String plan(Arm arm) {
        int tasks = arm.plan().tasks();
        return arm.plan() + (arm.plan().connections() != ConnectionMode.POOLED ? ""
                : String.format(Locale.ROOT, ", pool %d-%d", arm.options().poolMinIdle(tasks), arm.options().poolMaxSize(tasks)));
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
