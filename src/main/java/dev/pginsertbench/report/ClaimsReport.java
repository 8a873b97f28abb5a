package dev.pginsertbench.report;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.Measure;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The claims study's verdicts, computed once from its shots: for every comparison of every
 * claim measured in the run, the paired values (log ratios block by block for time; for memory
 * the difference in percent of the dataset's size, once per fork for what a load holds and block by
 * block for peak RSS), their 95 % interval over rounds ({@link PairedEstimate}) in the claim's unit,
 * its variance components and warm-up check, and the {@link Verdict}. Written as {@code claims.csv},
 * {@code claim-shots.csv} and {@code claims.md} (results/README.md) and printed at the end of a run.
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
        List<RoundTripDelay> levels = shots.stream().map(ClaimShotResult::rtt).distinct().sorted().toList();
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Language language : Language.values()) {
                for (RoundTripDelay rtt : levels) {
                    List<ClaimShotResult> atLevel = shots.stream()
                            .filter(s -> s.claim() == claim && s.language() == language && s.rtt().equals(rtt))
                            .toList();
                    for (long rows : atLevel.stream().mapToLong(ClaimShotResult::rows).distinct().sorted().toArray()) {
                        Map<String, List<ClaimShotResult>> forks = atLevel.stream().filter(s -> s.rows() == rows)
                                .collect(Collectors.groupingBy(ClaimShotResult::forkKey, LinkedHashMap::new,
                                        Collectors.toList()));
                        compare(claim, language, rtt, rows, forks, results);
                    }
                }
            }
        }
        return new ClaimsReport(shots, results);
    }

    /** Every comparison of a claim this language measures, over the forks of one language, round-trip time and size. */
    private static void compare(OriginalClaim claim, Language language, RoundTripDelay rtt, long rows,
            Map<String, List<ClaimShotResult>> forks, List<ClaimResult> results) {
        for (ClaimComparison comparison : claim.comparisons()) {
            if (!language.compares(claim, comparison)) {
                continue;
            }
            List<double[]> byFork = new ArrayList<>();
            for (List<ClaimShotResult> fork : forks.values()) {
                byFork.add(pairedValues(fork, comparison));
            }
            results.add(ClaimResult.of(claim, language, rtt, rows, comparison, PairedEstimate.of(byFork),
                    comparison.measure().memory() ? heldMemory(forks.values(), comparison) : null));
        }
    }

    /** Whether some of the run's claims forks connected through a latency relay. */
    public boolean throughRelay() {
        return roundTripTimes().stream().anyMatch(RoundTripDelay::relayed);
    }

    /** What the forks waited for on the network: the relay's accuracy and each arm's round trips. */
    public ClaimsNetwork network() {
        return ClaimsNetwork.of(shots);
    }

    /** Whether a language measured claims at more than one size, so that each size is a level of its own. */
    public boolean severalSizes() {
        return java.util.Arrays.stream(Language.values()).anyMatch(language -> results.stream()
                .filter(r -> r.language() == language).mapToLong(ClaimResult::rows).distinct().count() > 1);
    }

    /** The rows per load the run measured claims at, smallest first. */
    public List<Long> sizes() {
        return results.stream().map(ClaimResult::rows).distinct().sorted().toList();
    }

    /** The round-trip times the run measured claims at, loopback first. */
    public List<RoundTripDelay> roundTripTimes() {
        return results.stream().map(ClaimResult::rtt).distinct().sorted().toList();
    }

    /**
     * One fork's paired values, changed against original: for times a log ratio per block (times
     * that are not positive cannot form one and are left out); for memory the difference in percent
     * of the dataset's size, once for the fork for what a load holds (probed once per fork) and per
     * block for peak RSS (values not measured are left out).
     */
    static double[] pairedValues(List<ClaimShotResult> fork, ClaimComparison comparison) {
        ToDoubleFunction<ClaimShotResult> value = measure(comparison.measure());
        double dataset = datasetBytes(fork);
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
        List<Double> values = new ArrayList<>();
        changed.forEach((unit, a) -> {
            Double b = original.get(unit);
            if (b == null) {
                return;
            }
            if (!comparison.measure().memory()) {
                if (a > 0 && b > 0) {
                    values.add(Math.log(a) - Math.log(b));
                }
            } else if (!Double.isNaN(a) && !Double.isNaN(b) && dataset > 0) {
                values.add(100 * (a - b) / dataset);
            }
        });
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static ToDoubleFunction<ClaimShotResult> measure(Measure measure) {
        return switch (measure) {
            case WALL_TIME -> ClaimShotResult::seconds;
            case MEAN_CHUNK_TIME -> ClaimShotResult::meanChunkSeconds;
            case RETAINED_HEAP -> ClaimShotResult::retainedHeapBytes;
            case PEAK_RSS -> ClaimShotResult::peakRssGrowthBytes;
        };
    }

    /** The dataset's live size as the fork counted it, NaN where it did not. */
    private static double datasetBytes(List<ClaimShotResult> fork) {
        return fork.stream().mapToDouble(ClaimShotResult::datasetBytes).filter(v -> !Double.isNaN(v)).findFirst()
                .orElse(Double.NaN);
    }

    /** Each arm's held memory and the dataset's size, each the mean over the forks that measured it. */
    private static HeldMemory heldMemory(java.util.Collection<List<ClaimShotResult>> forks,
            ClaimComparison comparison) {
        ToDoubleFunction<ClaimShotResult> value = measure(comparison.measure());
        double[] changed = new double[forks.size()];
        double[] original = new double[forks.size()];
        double[] dataset = new double[forks.size()];
        long rows = 0;
        int index = 0;
        for (List<ClaimShotResult> fork : forks) {
            changed[index] = mean(fork.stream().filter(s -> s.arm().equals(comparison.changed())).toList(), value);
            original[index] = mean(fork.stream().filter(s -> s.arm().equals(comparison.original())).toList(), value);
            dataset[index] = datasetBytes(fork);
            rows = fork.get(0).rows();
            index++;
        }
        return new HeldMemory(meanOf(changed), meanOf(original), meanOf(dataset), rows);
    }

    private static double meanOf(double[] values) {
        return java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
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

    static final List<Csv.Column<ClaimResult>> CSV_COLUMNS = csvColumns();

    private static List<Csv.Column<ClaimResult>> csvColumns() {
        List<Csv.Column<ClaimResult>> columns = new ArrayList<>(List.of(
                column("claim", Csv.Kind.TEXT, r -> r.claim().id()),
                column("language", Csv.Kind.TEXT, r -> r.language().id()),
                column("rtt", Csv.Kind.TEXT, r -> r.rtt().toString()),
                column("rtt_ms", Csv.Kind.NUMBER, r -> Csv.number(r.rtt().millis())),
                column("rows", Csv.Kind.NUMBER, r -> String.valueOf(r.rows())),
                column("row", Csv.Kind.TEXT, r -> r.comparison().id()),
                column("statement", Csv.Kind.TEXT, r -> Csv.quote(r.claim().statement())),
                column("comparison", Csv.Kind.TEXT, r -> Csv.quote(r.comparison().comparison())),
                column("unit", Csv.Kind.TEXT, r -> Csv.quote(r.comparison().unit().label())),
                column("primary", Csv.Kind.FLAG, r -> String.valueOf(r.comparison().primary())),
                column("claimed_low", Csv.Kind.NUMBER, r -> Csv.number(r.comparison().claimedLow())),
                column("claimed_high", Csv.Kind.NUMBER, r -> Csv.number(r.comparison().claimedHigh())),
                column("estimate", Csv.Kind.NUMBER, r -> Csv.number(r.estimate())),
                column("ci_low", Csv.Kind.NUMBER, r -> Csv.number(r.low())),
                column("ci_high", Csv.Kind.NUMBER, r -> Csv.number(r.high())),
                column("precision", Csv.Kind.NUMBER, r -> Csv.number(r.precision())),
                column("target", Csv.Kind.NUMBER, r -> Csv.number(r.comparison().unit().targetHalfWidth())),
                column("precision_unit", Csv.Kind.TEXT, r -> Csv.quote(r.comparison().unit().precisionUnit())),
                column("precision_met", Csv.Kind.FLAG, r -> String.valueOf(r.precisionMet())),
                column("n_pairs", Csv.Kind.NUMBER, r -> String.valueOf(r.pairs())),
                column("n_forks", Csv.Kind.NUMBER, r -> String.valueOf(r.forks())),
                column("verdict", Csv.Kind.TEXT, r -> Csv.quote(r.verdict().text())),
                column("scale", Csv.Kind.TEXT,
                        r -> r.comparison().unit().logScale() ? "log_ratio" : "difference_pct_of_dataset")));
        PairedEstimate.CSV_COLUMNS.forEach(column -> columns.add(
                column.from(r -> new PairedEstimate.InUnit(r.paired(), r.comparison().unit().precisionFactor()))));
        // what each arm held, in MB, and the extra per row; empty for a time comparison
        columns.addAll(List.of(
                memoryColumn("changed_mb", m -> Csv.number(m.changedBytes() / 1e6)),
                memoryColumn("original_mb", m -> Csv.number(m.originalBytes() / 1e6)),
                memoryColumn("dataset_mb", m -> Csv.number(m.datasetBytes() / 1e6)),
                memoryColumn("extra_bytes_per_row", m -> Csv.number(m.extraBytesPerRow())),
                memoryColumn("memory_ratio", m -> Csv.number(m.ratio()))));
        return List.copyOf(columns);
    }

    private static Csv.Column<ClaimResult> column(String name, Csv.Kind kind, Function<ClaimResult, String> cell) {
        return new Csv.Column<>(name, kind, cell);
    }

    /** A number of the memory held; empty for a time comparison. */
    private static Csv.Column<ClaimResult> memoryColumn(String name, Function<HeldMemory, String> cell) {
        return column(name, Csv.Kind.NUMBER, r -> r.memory() == null ? "" : cell.apply(r.memory()));
    }

    static final List<Csv.Column<ClaimShotResult>> SHOT_COLUMNS = List.of(
            new Csv.Column<>("claim", Csv.Kind.TEXT, (ClaimShotResult s) -> s.claim().id()),
            new Csv.Column<>("language", Csv.Kind.TEXT, (ClaimShotResult s) -> s.language().id()),
            new Csv.Column<>("rtt", Csv.Kind.TEXT, (ClaimShotResult s) -> s.rtt().toString()),
            new Csv.Column<>("round", Csv.Kind.NUMBER, (ClaimShotResult s) -> String.valueOf(s.round())),
            new Csv.Column<>("fork", Csv.Kind.NUMBER, (ClaimShotResult s) -> String.valueOf(s.fork())),
            new Csv.Column<>("shot", Csv.Kind.NUMBER, (ClaimShotResult s) -> String.valueOf(s.shot())),
            new Csv.Column<>("block", Csv.Kind.NUMBER, (ClaimShotResult s) -> String.valueOf(s.block())),
            new Csv.Column<>("arm", Csv.Kind.TEXT, ClaimShotResult::arm),
            new Csv.Column<>("seconds", Csv.Kind.NUMBER, (ClaimShotResult s) -> Csv.number(s.seconds())),
            new Csv.Column<>("rows", Csv.Kind.NUMBER, (ClaimShotResult s) -> String.valueOf(s.rows())),
            new Csv.Column<>("mean_chunk_ms", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.meanChunkSeconds() * 1e3)),
            new Csv.Column<>("retained_heap_mb", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.retainedHeapBytes() / 1e6)),
            new Csv.Column<>("alloc_bytes_per_row", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.allocatedBytes() / s.rows())),
            new Csv.Column<>("peak_rss_growth_mb", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.peakRssGrowthBytes() / 1e6)),
            new Csv.Column<>("dataset_mb", Csv.Kind.NUMBER, (ClaimShotResult s) -> Csv.number(s.datasetBytes() / 1e6)),
            new Csv.Column<>("chunks", Csv.Kind.NUMBER, (ClaimShotResult s) -> Csv.number(s.network().chunks())),
            new Csv.Column<>("round_trips", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.network().roundTrips())),
            new Csv.Column<>("relay_cpu_ns_per_row", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.network().relayCpuNsPerRow())),
            new Csv.Column<>("loader_rtt_ms", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.network().loaderRoundTripMs())),
            new Csv.Column<>("direct_rtt_ms", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.network().directRoundTripMs())),
            new Csv.Column<>("zero_delay_rtt_ms", Csv.Kind.NUMBER,
                    (ClaimShotResult s) -> Csv.number(s.network().zeroDelayRoundTripMs())));

    /** {@code claims.csv}: one row per comparison (results/README.md names the columns). */
    public String csv() {
        return Csv.table(CSV_COLUMNS, results);
    }

    /** {@code claim-shots.csv}: every measured shot in the order it ran. */
    public String shotsCsv() {
        return Csv.table(SHOT_COLUMNS, shots);
    }

    /**
     * The verdict table, as printed at the end of a run and at the top of claims.md: one row per
     * comparison, with a group of columns (measured with its interval, n, precision, verdict) for
     * each language the run measured, side by side.
     */
    public String table() {
        List<Language> languages = languages();
        List<RoundTripDelay> levels = roundTripTimes();
        boolean byRtt = levels.size() > 1 || levels.stream().anyMatch(RoundTripDelay::relayed);
        boolean bySize = severalSizes();
        List<Long> sizes = bySize ? sizes() : java.util.Collections.singletonList(null);
        StringBuilder text = new StringBuilder(4096);
        StringBuilder head = new StringBuilder("| claim | comparison | claimed |" + (byRtt ? " rtt |" : "")
                + (bySize ? " rows |" : ""));
        StringBuilder rule = new StringBuilder("|---|---|---|" + (byRtt ? "---|" : "") + (bySize ? "---|" : ""));
        for (Language language : languages) {
            String prefix = languages.size() > 1 ? language.label() + ": " : "";
            head.append(' ').append(prefix).append("measured [95 % interval] | n pairs (forks) | precision (target) | ")
                    .append(prefix).append("verdict |");
            rule.append("---|---|---|---|");
        }
        text.append(head).append('\n').append(rule).append('\n');
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (ClaimComparison c : claim.comparisons()) {
                for (RoundTripDelay rtt : levels) {
                    for (Long size : sizes) {
                        List<Optional<ClaimResult>> row = languages.stream()
                                .map(language -> result(claim, language, rtt, size, c)).toList();
                        if (row.stream().allMatch(Optional::isEmpty)) {
                            continue;
                        }
                        text.append(String.format(Locale.ROOT, "| %s%s | %s | %s |%s%s", claim.id(),
                                c.primary() ? " *" : "", c.comparison(), c.claimedRange(),
                                byRtt ? " " + rtt + " |" : "",
                                size == null ? "" : String.format(Locale.ROOT, " %,d |", size)));
                        row.forEach(r -> text.append(r.map(ClaimsReport::cells).orElse(" - | - | - | - |")));
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /** Rows per load, per language where the languages loaded different numbers (the first rows of one dataset). */
    private String rowsPerLoad(int runRows) {
        Map<Language, Long> rows = new java.util.EnumMap<>(Language.class);
        shots.forEach(shot -> rows.putIfAbsent(shot.language(), shot.rows()));
        if (rows.values().stream().distinct().count() < 2) {
            return String.format(Locale.ROOT, "%,d rows per load.",
                    rows.isEmpty() ? runRows : rows.values().iterator().next());
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

    /** The result at this round-trip time and size, or at any size where {@code rows} is null. */
    private Optional<ClaimResult> result(OriginalClaim claim, Language language, RoundTripDelay rtt, Long rows,
            ClaimComparison comparison) {
        return results.stream().filter(r -> r.claim() == claim && r.language() == language && r.rtt().equals(rtt)
                && (rows == null || r.rows() == rows) && r.comparison().equals(comparison)).findFirst();
    }

    private static String cells(ClaimResult r) {
        ClaimUnit unit = r.comparison().unit();
        String interval = Double.isNaN(r.low()) ? " (no interval from one fork)"
                : " [" + unit.format(r.low()) + ", " + unit.format(r.high()) + "]";
        return String.format(Locale.ROOT, " %s%s%s | %d (%d) | %s %s (%s)%s | %s%s |", unit.format(r.estimate()),
                interval, held(r.memory()), r.pairs(), r.forks(), number(r.precision()), unit.precisionUnit(),
                number(unit.targetHalfWidth()), r.precisionMet() ? "" : " not met", r.verdict().text(),
                r.paired().warmup().flagged() ? " (warm-up check flagged)" : "");
    }

    /** For a memory comparison: what each arm held and the extra per row, the ratio where it means something. */
    private static String held(HeldMemory memory) {
        if (memory == null) {
            return "";
        }
        String ratio = Double.isNaN(memory.ratio()) ? "" : String.format(Locale.ROOT, ", %.2fx", memory.ratio());
        return String.format(Locale.ROOT, "; %.1f vs %.1f MB, %+,.0f B/row%s", memory.changedBytes() / 1e6,
                memory.originalBytes() / 1e6, memory.extraBytesPerRow(), ratio);
    }

    /** {@code claims.md}: the claims as written, the verdicts, the arms measured and how to read them. */
    public String markdown(String runId, int rows) {
        StringBuilder text = new StringBuilder(8192);
        text.append("# Claims of the original loader, run ").append(runId).append("\n\n");
        text.append(rowsPerLoad(rows)).append(" * marks the comparison that decides a claim.\n\n");
        text.append(table()).append('\n');
        text.append("""
                How to read it: every time comparison is a ratio of the changed arm to the original one, taken
                within blocks (one shot of each of the claim's arms, in a random order, in one fork), averaged as
                log ratios and shown in the claim's unit: "x faster" = old time / new time, "% less time" =
                100 (1 - new / old). Every fork is a round of its own, with its own JVM and its own freshly started
                server; the 95 % interval is Student's t over the rounds' means (rounds - 1 degrees of freedom).
                Memory is compared as a difference: what the changed arm holds more than the original, in percent
                of the dataset's own size in memory, with both arms' MB and the extra bytes per row beside it (and
                the ratio only where the original arm holds at least a tenth of the dataset's size). "Memory
                slightly higher" is read as more, by at most 10 % of the dataset's size. Verdict: confirmed = the
                interval lies inside the claimed range; smaller / larger than claimed = wholly below / above it;
                partly = it straddles a boundary and meets the precision target; inconclusive = it straddles a
                boundary and is wider than the target. Precision is the interval's half-width on the analysis
                scale: 100 x the log half-width ("log-%") for times, at most 3 for time saved and 5 for speed-ups;
                at most 2 percentage points of the dataset's size for memory. claims.csv adds, per comparison, the
                estimate and its standard error on that scale (what pooling several runs reads), the variance
                components (block to block within a round, and between rounds) and the warm-up check (the first
                measured block against the later ones, flagged where its interval excludes 0).
                "30-50 % faster" is read as 30-50 % less time, the reading the other "% faster" claims get; the
                author's own minutes (34 -> 20-25) and the reading as 1.3-1.5x the speed are shown beside it.

                Memory held: what a load holds at its fullest moment, counted the same way every time. The load's
                first chunks (as many as run at once) each wait at their fullest moment (rows bound or encoded,
                just before the last are sent) until all are there; then the live objects on the heap are summed
                from the JVM's class histogram of live objects, minus the same just before the load. That counts
                rows converted up front, the chunks in flight with their bound parameters or encoded blocks, and
                the connections the load opened; not the dataset, which every arm holds before the load starts, and
                not garbage. It runs in one load of each arm in the last warm-up block. The dataset's own size is
                counted the same way, by generating it again in the fork. "alloc B/row" is what the JVM allocated
                during a measured shot (JMH's gc profiler), per row.

                The Python port (python/original_loader: psycopg 3, asyncio, pydantic models, as the original was
                written) runs the same arms but virtual threads, on the same server and rows, in its own forks
                interleaved with Java's. Its "retained heap" is tracemalloc's peak during one warm-up load of the
                arm (Python objects allocated and alive at the load's peak, the models read before it not
                included), its dataset size tracemalloc's count of the models it read, and "peak RSS" is how far the \
                worker process's resident memory rose above its level
                before each load (what it had freed released first), on every shot.

                """);
        if (severalSizes()) {
            text.append(asTheLoadGrows());
        }
        text.append(spreadTable());
        text.append("## Arms\n\n| claim | language | arm | what it is | plan | shots | mean s | rows/s "
                + "| retained heap MB | alloc B/row | peak RSS MB |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Language language : Language.values()) {
                for (RoundTripDelay rtt : roundTripTimes()) {
                    for (long size : sizes()) {
                        for (Arm arm : language.arms(claim)) {
                            armRow(text, claim, language, rtt, size, arm);
                        }
                    }
                }
            }
        }
        if (throughRelay()) {
            text.append('\n').append(network().markdown());
        }
        return text.toString();
    }

    /**
     * Whether each deciding comparison's verdict holds as the load grows: per claim and language measured at
     * several sizes, the estimate and verdict at each size, and whether the verdict is the same at all of them.
     */
    private String asTheLoadGrows() {
        StringBuilder text = new StringBuilder("## As the load grows\n\n"
                + "Each deciding comparison at every size its language measured, smallest first.\n\n"
                + "| claim | language | comparison | by size | the verdict |\n|---|---|---|---|---|\n");
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Language language : Language.values()) {
                for (ClaimComparison c : claim.comparisons()) {
                    List<ClaimResult> bySize = results.stream().filter(r -> r.claim() == claim
                            && r.language() == language && r.comparison().equals(c) && c.primary()
                            && !r.rtt().relayed()).sorted(java.util.Comparator.comparingLong(ClaimResult::rows))
                            .toList();
                    if (bySize.size() < 2) {
                        continue;
                    }
                    ClaimUnit unit = c.unit();
                    String sizes = bySize.stream().map(r -> String.format(Locale.ROOT, "%,d rows: %s%s, %s", r.rows(),
                            unit.format(r.estimate()), Double.isNaN(r.low()) ? ""
                                    : " [" + unit.format(r.low()) + ", " + unit.format(r.high()) + "]",
                            r.verdict().text())).collect(Collectors.joining("; "));
                    boolean same = bySize.stream().map(ClaimResult::verdict).distinct().count() == 1;
                    text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", claim.id(), language.id(),
                            c.id(), sizes, same ? "the same at every size" : "changes with the size"));
                }
            }
        }
        return text.append('\n').toString();
    }

    /** A language, with the round-trip time its forks' relay added where there was one: {@code java @2ms}. */
    static String where(Language language, RoundTripDelay rtt) {
        return language.id() + (rtt.relayed() ? " @" + rtt : "");
    }

    /** As {@link #where(Language, RoundTripDelay)}, with the size where the run has several: {@code java @10 rows}. */
    static String where(Language language, RoundTripDelay rtt, Long rows) {
        return where(language, rtt) + (rows == null ? "" : String.format(Locale.ROOT, " @%,d rows", rows));
    }

    /**
     * Where each comparison varies (one block around its round's mean, the rounds beyond that) and
     * whether its first measured block still differed from the later ones.
     */
    private String spreadTable() {
        StringBuilder text = new StringBuilder(2048);
        text.append("## Variance components and warm-up check\n\n")
                .append("In each row's precision unit. SD within a round: one block around its round's mean; "
                        + "SD between ")
                .append("rounds: the rounds' true spread beyond that. Warm-up: the first measured block "
                        + "minus the later ")
                .append("ones, 95 % interval over rounds; flagged where it excludes 0. Blocks for the target: "
                        + "the measured ")
                .append("blocks per round that would meet the precision target over this run's rounds, "
                        + "were the components ")
                .append("as measured here (\"none\" where the rounds' own spread alone is too wide: "
                        + "only more rounds help), ")
                .append("beside the blocks measured.\n\n")
                .append("| claim | language | comparison | unit | SD within a round | SD between rounds "
                        + "| warm-up: first block "
                        + "minus the rest [95 %] | flagged | blocks for the target (measured) |\n"
                        + "|---|---|---|---|---|---|---|---|---|\n");
        for (ClaimResult r : results) {
            PairedEstimate p = r.paired();
            double factor = r.comparison().unit().precisionFactor();
            PairedEstimate.WarmupCheck w = p.warmup();
            String warmup = Double.isNaN(w.low()) ? number(factor * w.difference())
                    : String.format(Locale.ROOT, "%s [%s, %s]", number(factor * w.difference()),
                            number(factor * w.low()), number(factor * w.high()));
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.claim().id(),
                    where(r.language(), r.rtt(), severalSizes() ? r.rows() : null), r.comparison().id(),
                    r.comparison().unit().precisionUnit(),
                    number(factor * p.spread().withinRound()), number(factor * p.spread().betweenRounds()), warmup,
                    w.flagged() ? "yes" : "no", blocksForTarget(r)));
        }
        return text.append('\n').toString();
    }

    /** The blocks per round that would meet the target over this run's rounds, beside those measured. */
    private static String blocksForTarget(ClaimResult r) {
        PairedEstimate p = r.paired();
        ClaimUnit unit = r.comparison().unit();
        if (p.forks() < 2 || Double.isNaN(p.spread().withinRound()) || Double.isNaN(p.spread().betweenRounds())) {
            return "-";
        }
        String measured = String.format(Locale.ROOT, "%.0f", (double) p.pairs() / p.forks());
        OptionalInt needed = p.spread().blocksFor(unit.targetHalfWidth() / unit.precisionFactor(), p.forks());
        return (needed.isPresent() ? String.valueOf(needed.getAsInt()) : "none") + " (" + measured + ")";
    }

    private void armRow(StringBuilder text, OriginalClaim claim, Language language, RoundTripDelay rtt, long rows,
            Arm arm) {
        List<ClaimShotResult> armShots = shots.stream().filter(s -> s.claim() == claim && s.language() == language
                && s.rtt().equals(rtt) && s.rows() == rows && s.arm().equals(arm.id())).toList();
        if (armShots.isEmpty()) {
            return;
        }
        double seconds = armShots.stream().mapToDouble(ClaimShotResult::seconds).average().orElse(Double.NaN);
        double retained = mean(armShots, ClaimShotResult::retainedHeapBytes);
        double allocated = mean(armShots, ClaimShotResult::allocatedBytes);
        double rss = mean(armShots, ClaimShotResult::peakRssGrowthBytes);
        long armRows = armShots.get(0).rows();
        text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %.3f | %,.0f | %s | %s | %s |%n",
                claim.id(), where(language, rtt, severalSizes() ? rows : null), arm.id(), arm.label(), arm.describe(),
                armShots.size(), seconds,
                armRows / seconds, number(retained / 1e6),
                Double.isNaN(allocated) ? "-" : String.format(Locale.ROOT, "%,.0f", allocated / armRows),
                number(rss / 1e6)));
    }

    /** The mean of the values that were measured, NaN when none was. */
    private static double mean(List<ClaimShotResult> shots, ToDoubleFunction<ClaimShotResult> value) {
        return shots.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
