package dev.pginsertbench.report;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.Measure;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.ConnectionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
            for (Language language : Language.values()) {
                Map<String, List<ClaimShotResult>> forks = shots.stream()
                        .filter(s -> s.claim() == claim && s.language() == language)
                        .collect(Collectors.groupingBy(ClaimShotResult::forkKey, LinkedHashMap::new, Collectors.toList()));
                if (forks.isEmpty()) {
                    continue;
                }
                for (ClaimComparison comparison : claim.comparisons()) {
                    if (!language.compares(claim, comparison)) {
                        continue;
                    }
                    List<double[]> byFork = new ArrayList<>();
                    for (List<ClaimShotResult> fork : forks.values()) {
                        byFork.add(pairedLogRatios(fork, comparison));
                    }
                    results.add(ClaimResult.of(claim, language, comparison, PairedLogRatio.of(byFork)));
                }
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
            case PEAK_RSS -> ClaimShotResult::peakRssGrowthBytes;
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
        text.append("claim,language,row,statement,comparison,unit,primary,claimed_low,claimed_high,estimate,ci_low,ci_high,"
                + "precision,target,precision_unit,precision_met,n_pairs,n_forks,verdict\n");
        for (ClaimResult r : results) {
            ClaimComparison c = r.comparison();
            ClaimUnit unit = c.unit();
            text.append(String.join(",", r.claim().id(), r.language().id(), c.id(), Csv.quote(r.claim().statement()), Csv.quote(c.comparison()),
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
        text.append("claim,language,round,fork,shot,block,arm,seconds,rows,mean_chunk_ms,retained_heap_mb,alloc_bytes_per_row,"
                + "peak_rss_growth_mb\n");
        for (ClaimShotResult s : shots) {
            text.append(String.join(",", s.claim().id(), s.language().id(), String.valueOf(s.round()), String.valueOf(s.fork()),
                    String.valueOf(s.shot()), String.valueOf(s.block()), s.arm(), Csv.number(s.seconds()),
                    String.valueOf(s.rows()), Csv.number(s.meanChunkSeconds() * 1e3),
                    Csv.number(s.retainedHeapBytes() / 1e6), Csv.number(s.allocatedBytes() / s.rows()),
                    Csv.number(s.peakRssGrowthBytes() / 1e6))).append('\n');
        }
        return text.toString();
    }

    /**
     * The verdict table, as printed at the end of a run and at the top of claims.md: one row per
     * comparison, with a group of columns (measured with its interval, n, precision, verdict) for
     * each language the run measured, side by side.
     */
    public String table() {
        List<Language> languages = languages();
        StringBuilder text = new StringBuilder(4096);
        StringBuilder head = new StringBuilder("| claim | comparison | claimed |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (Language language : languages) {
            String prefix = languages.size() > 1 ? language.label() + ": " : "";
            head.append(' ').append(prefix).append("measured [95 % interval] | n pairs (forks) | precision (target) | ")
                    .append(prefix).append("verdict |");
            rule.append("---|---|---|---|");
        }
        text.append(head).append('\n').append(rule).append('\n');
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (ClaimComparison c : claim.comparisons()) {
                List<Optional<ClaimResult>> row = languages.stream().map(language -> result(claim, language, c)).toList();
                if (row.stream().allMatch(Optional::isEmpty)) {
                    continue;
                }
                text.append(String.format(Locale.ROOT, "| %s%s | %s | %s |", claim.id(), c.primary() ? " *" : "", c.comparison(),
                        c.claimedRange()));
                row.forEach(r -> text.append(r.map(ClaimsReport::cells).orElse(" - | - | - | - |")));
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** Rows per load, per language where the languages loaded different numbers (the first rows of one dataset). */
    private String rowsPerLoad(int runRows) {
        Map<Language, Long> rows = new java.util.EnumMap<>(Language.class);
        shots.forEach(shot -> rows.putIfAbsent(shot.language(), shot.rows()));
        if (rows.values().stream().distinct().count() < 2) {
            return String.format(Locale.ROOT, "%,d rows per load.", rows.isEmpty() ? runRows : rows.values().iterator().next());
        }
        return "Rows per load: " + rows.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey().label(), e.getValue()))
                .collect(Collectors.joining(", ")) + " (the first rows of the same dataset).";
    }

    /** The languages the run measured, Java first. */
    List<Language> languages() {
        return java.util.Arrays.stream(Language.values())
                .filter(language -> results.stream().anyMatch(r -> r.language() == language)).toList();
    }

    private Optional<ClaimResult> result(OriginalClaim claim, Language language, ClaimComparison comparison) {
        return results.stream().filter(r -> r.claim() == claim && r.language() == language && r.comparison().equals(comparison))
                .findFirst();
    }

    private static String cells(ClaimResult r) {
        ClaimUnit unit = r.comparison().unit();
        String interval = Double.isNaN(r.low()) ? " (no interval from one fork)"
                : " [" + unit.format(r.low()) + ", " + unit.format(r.high()) + "]";
        return String.format(Locale.ROOT, " %s%s | %d (%d) | %s %s (%s)%s | %s |", unit.format(r.estimate()), interval, r.pairs(),
                r.forks(), number(r.precision()), unit.precisionUnit(), number(unit.targetHalfWidth()),
                r.precisionMet() ? "" : " not met", r.verdict().text());
    }

    /** {@code claims.md}: the claims as written, the verdicts, the arms measured and how to read them. */
    public String markdown(String runId, int rows) {
        StringBuilder text = new StringBuilder(8192);
        text.append("# Claims of the original loader, run ").append(runId).append("\n\n");
        text.append(rowsPerLoad(rows)).append(" * marks the comparison that decides a claim.\n\n");
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

                The Python port (python/original_loader: psycopg 3, asyncio, pydantic models, as the original was
                written) runs the same arms but virtual threads, on the same server and rows, in its own forks
                interleaved with Java's. Its "retained heap" is tracemalloc's peak during one warm-up load of the
                arm (Python objects allocated and alive at the load's peak, the models read before it not
                included), and "peak RSS" is how far the worker process's resident memory rose above its level
                before each load (what it had freed released first), on every shot.

                """);
        text.append("## Arms\n\n| claim | language | arm | what it is | plan | shots | mean s | rows/s | retained heap MB "
                + "| alloc B/row | peak RSS MB |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Language language : Language.values()) {
                for (Arm arm : language.arms(claim)) {
                    armRow(text, claim, language, arm);
                }
            }
        }
        return text.toString();
    }

    private void armRow(StringBuilder text, OriginalClaim claim, Language language, Arm arm) {
        List<ClaimShotResult> armShots = shots.stream()
                .filter(s -> s.claim() == claim && s.language() == language && s.arm().equals(arm.id())).toList();
        if (armShots.isEmpty()) {
            return;
        }
        double seconds = armShots.stream().mapToDouble(ClaimShotResult::seconds).average().orElse(Double.NaN);
        double retained = mean(armShots, ClaimShotResult::retainedHeapBytes);
        double allocated = mean(armShots, ClaimShotResult::allocatedBytes);
        double rss = mean(armShots, ClaimShotResult::peakRssGrowthBytes);
        long armRows = armShots.get(0).rows();
        text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %.3f | %,.0f | %s | %s | %s |%n", claim.id(),
                language.id(), arm.id(), arm.label(), plan(arm), armShots.size(), seconds, armRows / seconds,
                number(retained / 1e6), Double.isNaN(allocated) ? "-" : String.format(Locale.ROOT, "%,.0f", allocated / armRows),
                number(rss / 1e6)));
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
