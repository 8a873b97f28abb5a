package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Several independent runs of the claims study pooled into one verdict per comparison: each run is
 * one observation (its estimate and standard error over its own rounds, on the analysis scale),
 * combined by a random-effects model ({@link RandomEffects}), so that the interval includes the
 * variation between runs, which no single run can see. Runs are pooled only where they measured
 * the same thing: the same arms, rows and warm-up, the same PostgreSQL version, server profile and
 * settings and the same Python port, each from a clean tree; the first difference is named.
 */
public final class ClaimsPool {

    /**
     * What must be equal between runs for their comparisons to be pooled: manifest paths, in the
     * order they are checked.
     */
    static final List<String> SAME_IN_EVERY_RUN = List.of("claimArms", "postgres.version", "postgres.profile",
            "postgres.settings", "pythonLoader");

    /** One run as the pool reads it: its folder's name, manifest and claims report. */
    public record RunInput(String name, JsonNode manifest, ClaimsReport report) {

        /** Reads a results folder's {@code manifest.json} and recomputes its claims from {@code jmh-result.json}. */
        public static RunInput read(Path folder) throws IOException {
            Path manifest = folder.resolve("manifest.json");
            Path results = folder.resolve("jmh-result.json");
            if (!Files.isRegularFile(manifest) || !Files.isRegularFile(results)) {
                throw new IOException(folder + " is not a results folder (it needs manifest.json and jmh-result.json)");
            }
            return new RunInput(folder.getFileName().toString(), ResultSummary.readJson(manifest),
                    ClaimsReport.of(ClaimShotResults.of(ResultSummary.readJson(results))));
        }
    }

    /**
     * One comparison pooled over the runs.
     *
     * @param runs       each run's own result, in the order the runs were given; empty where a run lacks it
     * @param pooled     the random-effects estimate on the analysis scale, over the runs that have one
     * @param value      the pooled estimate and its 95 % interval in the claim's unit
     * @param prediction where a new run's value lands (95 %), in the unit; NaN with fewer than three runs
     */
    public record Pooled(OriginalClaim claim, Language language, ClaimComparison comparison,
            List<Optional<ClaimResult>> runs, RandomEffects pooled, Interval value, Interval prediction,
            Verdict verdict) {

        /** The interval's precision, as a run's: its half-width on the analysis scale in the unit's precision unit. */
        public double precision() {
            return comparison.unit().precision(pooled.low(), pooled.high());
        }

        /** Whether the pooled interval is as narrow as the study's target. */
        public boolean precisionMet() {
            return comparison.unit().meetsTarget(pooled.low(), pooled.high());
        }

        /** tau, the standard deviation between runs, in the unit's precision unit. */
        public double tau() {
            return comparison.unit().precisionFactor() * pooled.tau();
        }

        /** The pooled estimate and its interval, in the claim's unit: {@code 26.3 % [18.0 %, 33.6 %]}. */
        String valueCell() {
            ClaimUnit unit = comparison.unit();
            return unit.format(value.estimate()) + " [" + unit.format(value.low()) + ", "
                    + unit.format(value.high()) + "]";
        }

        /** The prediction interval in the claim's unit, or - with fewer than three runs. */
        String predictionCell() {
            ClaimUnit unit = comparison.unit();
            return Double.isNaN(prediction.low()) ? "-"
                    : "[" + unit.format(prediction.low()) + ", " + unit.format(prediction.high()) + "]";
        }

        /** One cell per run, in the order the runs were given ({@code -} where a run lacks the comparison), joined. */
        String eachRun(Function<ClaimResult, String> cell, String separator) {
            return runs.stream().map(r -> r.map(cell).orElse("-")).collect(Collectors.joining(separator));
        }

        String i2Cell() {
            return Double.isNaN(pooled.i2()) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * pooled.i2());
        }

        /** How many runs' own estimates fall inside the pooled prediction interval (0 where it is unknown). */
        public int runsInsidePrediction() {
            return (int) runs.stream().flatMap(Optional::stream)
                    .filter(r -> r.estimate() >= prediction.low() && r.estimate() <= prediction.high()).count();
        }
    }

    private final List<RunInput> inputs;
    private final List<Pooled> pooled;

    private ClaimsPool(List<RunInput> inputs, List<Pooled> pooled) {
        this.inputs = List.copyOf(inputs);
        this.pooled = List.copyOf(pooled);
    }

    /**
     * Pools the runs' comparisons.
     *
     * @throws IllegalArgumentException in one line, naming the run and what differs, when the runs did not measure
     *                                  the same thing or one is not a clean run of the claims study
     */
    public static ClaimsPool of(List<RunInput> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to pool");
        }
        for (RunInput run : runs) {
            requirePoolable(run);
        }
        RunInput first = runs.get(0);
        for (RunInput run : runs.subList(1, runs.size())) {
            for (String path : SAME_IN_EVERY_RUN) {
                JsonNode a = at(first.manifest(), path);
                JsonNode b = at(run.manifest(), path);
                if (!sameIgnoringOrder(a, b)) {
                    throw new IllegalArgumentException(run.name() + " measured something else than " + first.name()
                            + ": its " + path + " is " + shorten(b) + ", not " + shorten(a));
                }
            }
        }
        List<Pooled> pooled = new ArrayList<>();
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Language language : Language.values()) {
                for (ClaimComparison comparison : claim.comparisons()) {
                    List<Optional<ClaimResult>> results = runs.stream()
                            .map(run -> result(run, claim, language, comparison)).toList();
                    List<RandomEffects.Run> observations = results.stream().flatMap(Optional::stream)
                            .filter(r -> Double.isFinite(r.paired().mean())
                                    && Double.isFinite(r.paired().standardError()))
                            .map(r -> new RandomEffects.Run(r.paired().mean(), r.paired().standardError(),
                                    r.paired().degreesOfFreedom()))
                            .toList();
                    if (!observations.isEmpty()) {
                        pooled.add(pool(claim, language, comparison, results, RandomEffects.of(observations)));
                    }
                }
            }
        }
        return new ClaimsPool(runs, pooled);
    }

    private static Pooled pool(OriginalClaim claim, Language language, ClaimComparison comparison,
            List<Optional<ClaimResult>> runs, RandomEffects effects) {
        ClaimUnit unit = comparison.unit();
        Interval value = Interval.inUnit(unit, effects.estimate(), effects.low(), effects.high());
        Interval prediction = Interval.inUnit(unit, effects.estimate(), effects.predictionLow(),
                effects.predictionHigh());
        return new Pooled(claim, language, comparison, runs, effects, value, prediction,
                Verdict.of(comparison.claimedLow(), comparison.claimedHigh(), value.low(), value.high(),
                        unit.meetsTarget(effects.low(), effects.high())));
    }

    /**
     * A run the pool refuses outright: not from a clean tree, without claims, or written before runs could be
     * pooled.
     */
    private static void requirePoolable(RunInput run) {
        if (!run.manifest().path("git").path("dirty").isBoolean()
                || run.manifest().path("git").path("dirty").asBoolean()) {
            throw new IllegalArgumentException(run.name() + " is not from a clean tree (manifest git.dirty is "
                    + run.manifest().path("git").path("dirty") + "): only clean runs are pooled");
        }
        if (run.report().isEmpty()) {
            throw new IllegalArgumentException(run.name() + " measured no claims of the original loader");
        }
        if (!run.report().roundTripTimes().contains(RoundTripDelay.LOOPBACK)) {
            throw new IllegalArgumentException(run.name() + " measured claims through a latency relay only (rtt "
                    + run.report().roundTripTimes() + "): the pool combines comparisons measured on loopback");
        }
        if (run.report().severalSizes()) {
            throw new IllegalArgumentException(run.name() + " measured claims at several sizes (" + run.report().sizes()
                    + " rows): the pool combines runs of one size per language, such as the claims profile's");
        }
        if (!run.manifest().path("claimArms").isArray() || run.manifest().path("claimArms").isEmpty()) {
            throw new IllegalArgumentException(run.name() + " does not record its claims' arms (manifest schema "
                    + run.manifest().path("schemaVersion") + ", before 7), so what it measured cannot be checked");
        }
    }

    private static Optional<ClaimResult> result(RunInput run, OriginalClaim claim, Language language,
            ClaimComparison comparison) {
        return run.report().results().stream()
                .filter(r -> r.claim() == claim && r.language() == language && !r.rtt().relayed()
                        && r.comparison().id().equals(comparison.id()))
                .findFirst();
    }

    /** Equal, where a list may hold its elements in another order (a run lists its arms in the order its forks ran). */
    private static boolean sameIgnoringOrder(JsonNode a, JsonNode b) {
        if (!a.isArray() || !b.isArray()) {
            return a.equals(b);
        }
        List<String> left = new ArrayList<>();
        a.forEach(element -> left.add(element.toString()));
        List<String> right = new ArrayList<>();
        b.forEach(element -> right.add(element.toString()));
        return left.stream().sorted().toList().equals(right.stream().sorted().toList());
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current.path(part);
        }
        return current;
    }

    private static String shorten(JsonNode node) {
        String text = node.isMissingNode() ? "absent" : node.toString();
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    public List<Pooled> pooled() {
        return pooled;
    }

    public List<RunInput> inputs() {
        return inputs;
    }

    static final List<Csv.Column<Pooled>> CSV_COLUMNS = List.of(
            pooledColumn("claim", Csv.Kind.TEXT, p -> p.claim().id()),
            pooledColumn("language", Csv.Kind.TEXT, p -> p.language().id()),
            pooledColumn("row", Csv.Kind.TEXT, p -> p.comparison().id()),
            pooledColumn("comparison", Csv.Kind.TEXT, p -> Csv.quote(p.comparison().comparison())),
            pooledColumn("unit", Csv.Kind.TEXT, p -> Csv.quote(p.comparison().unit().label())),
            pooledColumn("primary", Csv.Kind.FLAG, p -> String.valueOf(p.comparison().primary())),
            pooledColumn("claimed_low", Csv.Kind.NUMBER, p -> Csv.number(p.comparison().claimedLow())),
            pooledColumn("claimed_high", Csv.Kind.NUMBER, p -> Csv.number(p.comparison().claimedHigh())),
            pooledColumn("runs", Csv.Kind.NUMBER, p -> String.valueOf(p.pooled().runs())),
            pooledColumn("estimate", Csv.Kind.NUMBER, p -> Csv.number(p.value().estimate())),
            pooledColumn("ci_low", Csv.Kind.NUMBER, p -> Csv.number(p.value().low())),
            pooledColumn("ci_high", Csv.Kind.NUMBER, p -> Csv.number(p.value().high())),
            pooledColumn("prediction_low", Csv.Kind.NUMBER, p -> Csv.number(p.prediction().low())),
            pooledColumn("prediction_high", Csv.Kind.NUMBER, p -> Csv.number(p.prediction().high())),
            pooledColumn("i2_pct", Csv.Kind.NUMBER, p -> Csv.number(100 * p.pooled().i2())),
            pooledColumn("tau", Csv.Kind.NUMBER, p -> Csv.number(p.tau())),
            pooledColumn("precision", Csv.Kind.NUMBER, p -> Csv.number(p.precision())),
            pooledColumn("target", Csv.Kind.NUMBER, p -> Csv.number(p.comparison().unit().targetHalfWidth())),
            pooledColumn("precision_unit", Csv.Kind.TEXT, p -> Csv.quote(p.comparison().unit().precisionUnit())),
            pooledColumn("precision_met", Csv.Kind.FLAG, p -> String.valueOf(p.precisionMet())),
            pooledColumn("verdict", Csv.Kind.TEXT, p -> Csv.quote(p.verdict().text())),
            pooledColumn("run_estimates", Csv.Kind.TEXT, p -> Csv.quote(p.eachRun(x -> Csv.number(x.estimate()), " "))),
            pooledColumn("run_verdicts", Csv.Kind.TEXT, p -> Csv.quote(p.eachRun(x -> x.verdict().text(), "; "))),
            pooledColumn("runs_inside_prediction", Csv.Kind.NUMBER, p -> String.valueOf(p.runsInsidePrediction())));

    /** One row of {@code pooled-runs.csv}: a run's own result of one pooled comparison. */
    record RunRow(Pooled pooled, String run, ClaimResult result) {
    }

    static final List<Csv.Column<RunRow>> RUNS_CSV_COLUMNS = List.of(
            new Csv.Column<>("claim", Csv.Kind.TEXT, (RunRow r) -> r.pooled().claim().id()),
            new Csv.Column<>("language", Csv.Kind.TEXT, (RunRow r) -> r.pooled().language().id()),
            new Csv.Column<>("row", Csv.Kind.TEXT, (RunRow r) -> r.pooled().comparison().id()),
            new Csv.Column<>("run", Csv.Kind.TEXT, (RunRow r) -> Csv.quote(r.run())),
            new Csv.Column<>("estimate", Csv.Kind.NUMBER, (RunRow r) -> Csv.number(r.result().estimate())),
            new Csv.Column<>("ci_low", Csv.Kind.NUMBER, (RunRow r) -> Csv.number(r.result().low())),
            new Csv.Column<>("ci_high", Csv.Kind.NUMBER, (RunRow r) -> Csv.number(r.result().high())),
            new Csv.Column<>("verdict", Csv.Kind.TEXT, (RunRow r) -> Csv.quote(r.result().verdict().text())));

    private static Csv.Column<Pooled> pooledColumn(String name, Csv.Kind kind,
            java.util.function.Function<Pooled, String> cell) {
        return new Csv.Column<>(name, kind, cell);
    }

    /** {@code pooled-claims.csv}: one row per comparison pooled (results/README.md names the columns). */
    public String csv() {
        return Csv.table(CSV_COLUMNS, pooled);
    }

    /** {@code pooled-runs.csv}: each run's own estimate and verdict per comparison, the forest plot's rows. */
    public String runsCsv() {
        List<RunRow> rows = new ArrayList<>();
        for (Pooled p : pooled) {
            for (int i = 0; i < inputs.size(); i++) {
                String run = inputs.get(i).name();
                p.runs().get(i).ifPresent(result -> rows.add(new RunRow(p, run, result)));
            }
        }
        return Csv.table(RUNS_CSV_COLUMNS, rows);
    }

    /**
     * {@code pooled-claims.md}: the primary comparisons' verdicts ({@link #headline()}), then every comparison
     * ({@link #table()}), each beside the runs' own.
     *
     * @param git the commit of the code that pooled the runs, and whether its tree was dirty
     */
    public String markdown(RunManifest.Git git) {
        StringBuilder text = new StringBuilder(8192);
        text.append("# Claims of the original loader, pooled over ").append(inputs.size()).append(" runs\n\n");
        text.append("Runs: ").append(inputs.stream().map(run -> run.name() + " ("
                + shortCommit(run.manifest().path("git").path("commit").asText("?")) + ")")
                .collect(Collectors.joining(", ")))
                .append(". Pooled by the code at ")
                .append(git.commit() == null ? "an unknown commit" : shortCommit(git.commit()))
                .append(Boolean.FALSE.equals(git.dirty()) ? " (a clean tree)" : " (not a clean tree)").append(".\n\n");
        String relayed = inputs.stream().filter(run -> run.report().throughRelay())
                .map(run -> run.name() + " (" + run.report().roundTripTimes().stream().filter(RoundTripDelay::relayed)
                        .map(RoundTripDelay::toString).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
        if (!relayed.isEmpty()) {
            text.append("Not pooled: the comparisons measured through a latency relay, in ").append(relayed)
                    .append("; the pool combines the comparisons measured on loopback.\n\n");
        }
        text.append(HEADLINE_HEADING).append("\n\n").append(headline()).append('\n');
        text.append("## Every comparison\n\n* marks the comparison that decides a claim.\n\n")
                .append(table()).append('\n');
        text.append("""
                How to read it: each run is one observation, its estimate and standard error over its own rounds
                (each round a fresh server and JVM) on the analysis scale (log ratio for times, difference in
                percent of the dataset for memory). They are pooled by a random-effects model: the between-run
                variance tau^2 by DerSimonian and Laird, the interval by Hartung, Knapp, Sidik and Jonkman (t with
                runs - 1 degrees of freedom, never narrower than DerSimonian and Laird's), and the prediction
                interval, where another run's value is expected to land, by Higgins, Thompson and Spiegelhalter
                (t with runs - 2 degrees of freedom; three runs at least). I^2 is the share of the variation between
                the runs' estimates that is not explained by their own standard errors; tau is in the precision
                unit. The verdict reads the pooled interval as a run's verdict reads its own (claims.md); where the
                pooled interval is wider than the study's precision target (marked "not met") and straddles a
                boundary of the claimed range, it is inconclusive.
                """);
        return text.toString();
    }

    /** The heading of {@link #headline()} in {@code pooled-claims.md}, which README.md's headline table copies. */
    public static final String HEADLINE_HEADING = "## The claims' deciding comparisons";

    /**
     * The deciding (primary) comparisons only: the pooled estimate and interval with its precision, where another
     * run lands and how many of these runs did, I^2, the runs' own verdicts and the pooled verdict.
     */
    public String headline() {
        StringBuilder text = new StringBuilder(4096);
        text.append("| claim | language | comparison | claimed | pooled [95 % interval] | precision (target) | "
                + "prediction (95 %) | runs inside | I^2 | runs' verdicts | verdict |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Pooled p : pooled) {
            ClaimComparison c = p.comparison();
            if (!c.primary()) {
                continue;
            }
            ClaimUnit unit = c.unit();
            String verdicts = p.eachRun(x -> x.verdict().text(), "; ");
            text.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %.1f %s (%.1f)%s | %s | %s | %s | %s | %s |%n",
                    p.claim().id(), p.language().id(), c.comparison(), c.claimedRange(), p.valueCell(),
                    p.precision(), unit.precisionUnit(), unit.targetHalfWidth(), p.precisionMet() ? "" : " not met",
                    p.predictionCell(), Double.isNaN(p.prediction().low()) ? "-" : p.runsInsidePrediction() + " of "
                            + p.pooled().runs(), p.i2Cell(), verdicts, p.verdict().text()));
        }
        return text.toString();
    }

    private static String shortCommit(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }

    /**
     * Every comparison's pooled verdict with tau and each run's estimate, as the pool command prints it and
     * pooled-claims.md lists it.
     */
    public String table() {
        StringBuilder text = new StringBuilder(4096);
        text.append("| claim | language | comparison | claimed | pooled [95 % interval] | prediction (95 %) | I^2 | "
                + "tau | runs: estimate (verdict) | verdict |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Pooled p : pooled) {
            ClaimComparison c = p.comparison();
            ClaimUnit unit = c.unit();
            String runs = p.eachRun(x -> unit.format(x.estimate()) + " (" + x.verdict().text() + ")", "; ");
            text.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s | %s | %s | %s %s | %s | %s |%n",
                    p.claim().id(), c.primary() ? " *" : "", p.language().id(), c.comparison(), c.claimedRange(),
                    p.valueCell(), p.predictionCell(), p.i2Cell(),
                    Double.isNaN(p.tau()) ? "-" : String.format(Locale.ROOT, "%.2f", p.tau()),
                    Double.isNaN(p.tau()) ? "" : unit.precisionUnit(), runs,
                    p.verdict().text()));
        }
        return text.toString();
    }
}
