package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.MemoryRoom;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.ScaleStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The scale study, computed once from {@link Catalogue#SCALE}'s forks. Per strategy, language and size:
 * time per row with its 95 % interval over rounds (each a fresh JVM and server; Student's t over the
 * rounds' fork means), or over the shots of the one fork where a size ran a single round, which the
 * {@code replicate} column says; CPU and WAL per row; and the memory held. Per strategy and language, the
 * fits {@code time = a + b x rows} and {@code memory = c + d x rows} over every fork, by least squares
 * weighted by 1 / rows² (each fork's per-row value counts alike, so the smallest loads are not lost beside
 * the largest), with 95 % intervals (t, forks - 2 degrees of freedom).
 *
 * <p>Memory is what the load holds beside what the process held before it: in Java the retained heap
 * probed in the fork's last warm-up shot (its rows are streamed, none held beforehand; unknown in a fork
 * without warm-up shots); in Python the
 * worker's models of the rows plus its peak RSS growth during each load.
 */
public record ScaleReport(List<Point> points, List<Fit> fits) {

    /** The methods paragraph on the scale study, in the suite's words; the notebook reads it from schema.json. */
    public static final String METHOD = "The scale study loaded each strategy at 10,000 to 10,000,000 rows per load, "
            + "one strategy and size per fork (a fresh JVM and server), in three rounds up to 100,000 rows and one "
            + "from 1,000,000; one warm-up shot then two measured; at 10,000,000 rows, where a shot takes minutes "
            + "and earlier runs' first measured shot was within 4 % of their second, one measured shot only. Unlike "
            + "every other benchmark, whose rows are generated in memory before any measurement, its Java forks "
            + "streamed their rows: each row was generated from the seed and its id as the loader read it, so "
            + "that no load was capped by a list held beforehand; their times include generating the rows, whose "
            + "cost per row on one thread is reported beside them. The Python worker generated the same rows into "
            + "models before the first shot and held them, as the original held its list of models. Memory held is "
            + "what the load holds at its fullest moment: in Java the live heap probed in the warm-up shot, above "
            + "the heap before the load (not probed without one: the probe stalls the load); in Python the models "
            + "plus the worker's peak RSS growth during the load, the models' size traced on every row up to "
            + "100,000 and above that on every k-th chunk of 10,000 (about 100,000 rows spread over the load) and "
            + "scaled to all. Each size's interval is Student's t over its rounds' mean times, or over one fork's "
            + "shots where it ran once; a size measured in one shot has none of its own, and the fitted line's "
            + "value there, with its interval, stands beside it. Time = a + b x rows and memory = c + d x rows were "
            + "fitted through every fork by least squares weighted by 1 / rows^2, with t intervals over forks - 2 "
            + "degrees of freedom. A size whose expected memory would not fit in the fork's heap (Java) or the "
            + "machine beside it (Python) was refused before its fork started.";

    /** A point's replicate: its interval is over the rounds' forks, over one fork's shots, or it has none. */
    static final String ROUNDS = "rounds";
    static final String SHOTS_OF_ONE_FORK = "shots of one fork";
    static final String ONE_SHOT = "one shot";

    /** One fork: its size, mean shot time, its shots' times, and its per-row measures. */
    record Fork(ScaleStrategy strategy, Language language, long rows, double[] seconds, double clientCpuNsPerRow,
            double serverCpuNsPerRow, double walBytesPerRow, double heldBytes, double generatorNsPerRow) {

        double meanSeconds() {
            return mean(seconds);
        }
    }

    /** One strategy in one language at one size. */
    public record Point(ScaleStrategy strategy, Language language, long rows, int forks, int shots,
            Interval secondsPerRow, String replicate, double clientCpuNsPerRow, double serverCpuNsPerRow,
            double walBytesPerRow, double heldBytes, double generatorNsPerRow) {

        double heldBytesPerRow() {
            return heldBytes / rows;
        }
    }

    /** A line through one strategy's forks: intercept and slope, each with its interval. */
    public record Line(Interval intercept, Interval slope, int forks, Spread spread) {

        Line(Interval intercept, Interval slope, int forks) {
            this(intercept, slope, forks, null);
        }

        double at(double rows) {
            return intercept.estimate() + slope.estimate() * rows;
        }

        /** The fitted value at {@code rows} with its 95 % interval (the line's own uncertainty), where it has one. */
        Interval intervalAt(double rows) {
            double value = at(rows);
            if (spread == null) {
                return Interval.withoutBounds(value);
            }
            double u = 1.0 / rows;
            double half = spread.t() * rows * Math.sqrt(spread.residualVariance()
                    * (1.0 / forks + (u - spread.meanU()) * (u - spread.meanU()) / spread.suu()));
            return new Interval(value, value - half, value + half);
        }
    }

    /** What a fitted line's intervals come from: the residual variance of y / rows, and the spread of 1 / rows. */
    record Spread(double residualVariance, double meanU, double suu, double t) {
    }

    /**
     * @param time      seconds = a + b x rows
     * @param memory    bytes held = c + d x rows
     * @param roomBytes the memory its loads have ({@link MemoryRoom}): the fork's heap in Java, the machine's
     *                  beside it in Python
     */
    public record Fit(ScaleStrategy strategy, Language language, Line time, Line memory, double roomBytes) {

        /** Rows per load at which the fitted memory fills {@link #roomBytes}; empty where it does not grow. */
        Optional<Double> rowsAtLimit() {
            return ScaleReport.rowsAtLimit(memory, roomBytes);
        }
    }

    public static boolean isEntry(JsonNode entry) {
        return Catalogue.byName(entry.path("benchmark").asText()).filter(e -> e == Catalogue.SCALE).isPresent();
    }

    /**
     * The scale study of a run, empty where it has no scale forks.
     *
     * @param room the memory the run's loads had, where each fit stops fitting
     */
    public static Optional<ScaleReport> of(JsonNode results, MemoryRoom room) {
        List<Fork> forks = new ArrayList<>();
        for (JsonNode entry : results) {
            if (isEntry(entry)) {
                forks.addAll(forks(entry));
            }
        }
        if (forks.isEmpty()) {
            return Optional.empty();
        }
        forks.sort(Comparator.comparing(Fork::language).thenComparing(Fork::strategy).thenComparingLong(Fork::rows));
        List<Point> points = new ArrayList<>();
        List<Fit> fits = new ArrayList<>();
        for (Language language : Language.values()) {
            for (ScaleStrategy strategy : ScaleStrategy.values()) {
                List<Fork> mine = forks.stream().filter(f -> f.language() == language && f.strategy() == strategy)
                        .toList();
                if (mine.isEmpty()) {
                    continue;
                }
                mine.stream().mapToLong(Fork::rows).distinct().forEach(rows -> points.add(point(
                        mine.stream().filter(f -> f.rows() == rows).toList())));
                fits.add(new Fit(strategy, language, line(mine, Fork::meanSeconds), line(mine, Fork::heldBytes),
                        room.bytes(language)));
            }
        }
        return Optional.of(new ScaleReport(points, fits));
    }

    private static List<Fork> forks(JsonNode entry) {
        JsonNode params = entry.path("params");
        ScaleStrategy strategy = ScaleStrategy.of(params.path(Parameter.STRATEGY.field()).asText());
        Language language = Language.of(params.path(Parameter.LANGUAGE.field()).asText());
        long rows = params.path(Parameter.ROWS.field()).asLong();
        JsonNode times = entry.path("primaryMetric").path("rawData");
        List<Fork> forks = new ArrayList<>();
        for (int fork = 0; fork < times.size(); fork++) {
            int f = fork;
            double[] seconds = new double[times.get(fork).size()];
            for (int shot = 0; shot < seconds.length; shot++) {
                seconds[shot] = ResultSummary.number(times.get(fork).get(shot));
            }
            ToDoubleFunction<Counter> counter = c -> mean(shots(entry, c, f));
            double held = language == Language.JAVA ? counter.applyAsDouble(Counter.RETAINED_HEAP_BYTES)
                    : counter.applyAsDouble(Counter.DATASET_HEAP_BYTES)
                            + counter.applyAsDouble(Counter.PEAK_RSS_GROWTH_BYTES);
            forks.add(new Fork(strategy, language, rows, seconds, counter.applyAsDouble(Counter.CLIENT_CPU_NS_PER_ROW),
                    counter.applyAsDouble(Counter.SERVER_CPU_NS_PER_ROW),
                    counter.applyAsDouble(Counter.WAL_BYTES_PER_ROW), held,
                    counter.applyAsDouble(Counter.GENERATOR_NS_PER_ROW)));
        }
        return forks;
    }

    private static double[] shots(JsonNode entry, Counter counter, int fork) {
        return ResultSummary.metric(entry.path("secondaryMetrics"), counter)
                .map(metric -> metric.path("rawData").path(fork))
                .map(values -> {
                    double[] shots = new double[values.size()];
                    for (int i = 0; i < shots.length; i++) {
                        shots[i] = ResultSummary.number(values.get(i));
                    }
                    return shots;
                }).orElse(new double[0]);
    }

    /** One size: over its forks' means where it has several, else over its one fork's shots. */
    private static Point point(List<Fork> forks) {
        Fork first = forks.get(0);
        long rows = first.rows();
        double[] perRow = forks.size() > 1
                ? forks.stream().mapToDouble(f -> f.meanSeconds() / rows).toArray()
                : java.util.Arrays.stream(first.seconds()).map(s -> s / rows).toArray();
        int shots = forks.stream().mapToInt(f -> f.seconds().length).sum();
        return new Point(first.strategy(), first.language(), rows, forks.size(), shots, Interval.meanOf(perRow),
                forks.size() > 1 ? ROUNDS : shots > 1 ? SHOTS_OF_ONE_FORK : ONE_SHOT,
                forks.stream().mapToDouble(Fork::clientCpuNsPerRow).average().orElse(Double.NaN),
                forks.stream().mapToDouble(Fork::serverCpuNsPerRow).average().orElse(Double.NaN),
                forks.stream().mapToDouble(Fork::walBytesPerRow).average().orElse(Double.NaN),
                forks.stream().mapToDouble(Fork::heldBytes).average().orElse(Double.NaN),
                forks.stream().mapToDouble(Fork::generatorNsPerRow).average().orElse(Double.NaN));
    }

    /**
     * {@code y = a + b x} by least squares weighted by 1 / x²: ordinary least squares of y / x on 1 / x,
     * whose intercept is b and slope a. Intervals need three forks over two sizes at least.
     */
    static Line line(List<Fork> forks, ToDoubleFunction<Fork> y) {
        List<Fork> known = forks.stream().filter(f -> Double.isFinite(y.applyAsDouble(f))).toList();
        int n = known.size();
        double[] u = known.stream().mapToDouble(f -> 1.0 / f.rows()).toArray();
        double[] v = known.stream().mapToDouble(f -> y.applyAsDouble(f) / f.rows()).toArray();
        if (n < 2 || java.util.Arrays.stream(u).distinct().count() < 2) {
            return new Line(Interval.unknown(), Interval.unknown(), n);
        }
        double meanU = mean(u);
        double meanV = mean(v);
        double suu = 0;
        double suv = 0;
        for (int i = 0; i < n; i++) {
            suu += (u[i] - meanU) * (u[i] - meanU);
            suv += (u[i] - meanU) * (v[i] - meanV);
        }
        double a = suv / suu;
        double b = meanV - a * meanU;
        if (n < 3) {
            return new Line(Interval.withoutBounds(a), Interval.withoutBounds(b), n);
        }
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double r = v[i] - b - a * u[i];
            residuals += r * r;
        }
        double s2 = residuals / (n - 2);
        double seA = Math.sqrt(s2 / suu);
        double seB = Math.sqrt(s2 * (1.0 / n + meanU * meanU / suu));
        double t = PairedEstimate.tQuantile(n - 2);
        return new Line(new Interval(a, a - t * seA, a + t * seA), new Interval(b, b - t * seB, b + t * seB), n,
                new Spread(s2, meanU, suu, t));
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /**
     * Rows per load at which a strategy's fitted memory reaches {@code limitBytes}; empty where it does not grow
     * with the rows (a slope whose interval includes zero).
     */
    static Optional<Double> rowsAtLimit(Line memory, double limitBytes) {
        if (!(memory.slope().low() > 0)) {
            return Optional.empty();
        }
        return Optional.of((limitBytes - memory.intercept().estimate()) / memory.slope().estimate());
    }

    static final List<Csv.Column<Point>> CSV_COLUMNS = List.of(
            new Csv.Column<>("strategy", Csv.Kind.TEXT, (Point p) -> p.strategy().id()),
            new Csv.Column<>("language", Csv.Kind.TEXT, (Point p) -> p.language().id()),
            new Csv.Column<>("rows", Csv.Kind.NUMBER, (Point p) -> String.valueOf(p.rows())),
            new Csv.Column<>("forks", Csv.Kind.NUMBER, (Point p) -> String.valueOf(p.forks())),
            new Csv.Column<>("shots", Csv.Kind.NUMBER, (Point p) -> String.valueOf(p.shots())),
            new Csv.Column<>("replicate", Csv.Kind.TEXT, (Point p) -> Csv.quote(p.replicate())),
            new Csv.Column<>("us_per_row", Csv.Kind.NUMBER,
                    (Point p) -> Csv.number(1e6 * p.secondsPerRow().estimate())),
            new Csv.Column<>("us_per_row_low", Csv.Kind.NUMBER, (Point p) -> Csv.number(1e6 * p.secondsPerRow().low())),
            new Csv.Column<>("us_per_row_high", Csv.Kind.NUMBER,
                    (Point p) -> Csv.number(1e6 * p.secondsPerRow().high())),
            new Csv.Column<>("client_cpu_ns_per_row", Csv.Kind.NUMBER, (Point p) -> Csv.number(p.clientCpuNsPerRow())),
            new Csv.Column<>("server_cpu_ns_per_row", Csv.Kind.NUMBER, (Point p) -> Csv.number(p.serverCpuNsPerRow())),
            new Csv.Column<>("wal_bytes_per_row", Csv.Kind.NUMBER, (Point p) -> Csv.number(p.walBytesPerRow())),
            new Csv.Column<>("held_mb", Csv.Kind.NUMBER, (Point p) -> Csv.number(p.heldBytes() / 1e6)),
            new Csv.Column<>("held_bytes_per_row", Csv.Kind.NUMBER, (Point p) -> Csv.number(p.heldBytesPerRow())),
            new Csv.Column<>("generator_ns_per_row", Csv.Kind.NUMBER, (Point p) -> Csv.number(p.generatorNsPerRow())));

    static final List<Csv.Column<Fit>> FIT_COLUMNS = List.of(
            new Csv.Column<>("strategy", Csv.Kind.TEXT, (Fit f) -> f.strategy().id()),
            new Csv.Column<>("language", Csv.Kind.TEXT, (Fit f) -> f.language().id()),
            new Csv.Column<>("forks", Csv.Kind.NUMBER, (Fit f) -> String.valueOf(f.time().forks())),
            new Csv.Column<>("a_s", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.time().intercept().estimate())),
            new Csv.Column<>("a_s_low", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.time().intercept().low())),
            new Csv.Column<>("a_s_high", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.time().intercept().high())),
            new Csv.Column<>("b_us_per_row", Csv.Kind.NUMBER, (Fit f) -> Csv.number(1e6 * f.time().slope().estimate())),
            new Csv.Column<>("b_us_per_row_low", Csv.Kind.NUMBER, (Fit f) -> Csv.number(1e6 * f.time().slope().low())),
            new Csv.Column<>("b_us_per_row_high", Csv.Kind.NUMBER,
                    (Fit f) -> Csv.number(1e6 * f.time().slope().high())),
            new Csv.Column<>("c_mb", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.memory().intercept().estimate() / 1e6)),
            new Csv.Column<>("c_mb_low", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.memory().intercept().low() / 1e6)),
            new Csv.Column<>("c_mb_high", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.memory().intercept().high() / 1e6)),
            new Csv.Column<>("d_bytes_per_row", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.memory().slope().estimate())),
            new Csv.Column<>("d_bytes_per_row_low", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.memory().slope().low())),
            new Csv.Column<>("d_bytes_per_row_high", Csv.Kind.NUMBER,
                    (Fit f) -> Csv.number(f.memory().slope().high())),
            new Csv.Column<>("room_mb", Csv.Kind.NUMBER, (Fit f) -> Csv.number(f.roomBytes() / 1e6)),
            new Csv.Column<>("rows_at_limit", Csv.Kind.NUMBER,
                    (Fit f) -> f.rowsAtLimit().map(Csv::number).orElse("")));

    /** scale.csv: one row per strategy, language and size. */
    public String csv() {
        return Csv.table(CSV_COLUMNS, points);
    }

    /** scale-fits.csv: one row per strategy and language. */
    public String fitsCsv() {
        return Csv.table(FIT_COLUMNS, fits);
    }

    /** The original loader's load as its author timed it, before the rewrite: 34 minutes. */
    static final double ORIGINAL_BEFORE_SECONDS = 34 * 60;

    /**
     * The summary.md section: the fits with their intervals, where each strategy's memory would stop fitting, and
     * what the original's 34-minute load would take here: the rows at which "before" takes 34 minutes by its fit,
     * and "after"'s fitted time at those rows.
     */
    public String markdown() {
        StringBuilder text = new StringBuilder(4096);
        text.append("## The scale study\n\n")
                .append("Each strategy's time and memory against the rows per load (scale.csv, scale-fits.csv): ")
                .append("time = a + b x rows and memory held = c + d x rows, fitted through every fork, weighted so ")
                .append("that each fork's per-row value counts alike, with 95 % intervals (t, forks - 2 degrees of ")
                .append("freedom). Java streams its rows (the generator's cost is in its time); the Python worker ")
                .append("holds its models, counted in its memory. A load stops fitting where its fitted memory fills ")
                .append("the fork's heap (Java) or the machine's memory beside it (Python).\n\n")
                .append("| strategy | language | forks | a, s | b, us/row | c, MB | d, B/row | stops fitting at |\n")
                .append("|---|---|---:|---|---|---|---|---|\n");
        for (Fit fit : fits) {
            String stops = fit.rowsAtLimit()
                    .map(rows -> String.format(Locale.ROOT, "%,.0f rows (%.1f GiB)", rows,
                            fit.roomBytes() / (1L << 30)))
                    .orElse("does not grow with the rows");
            // the memory line leaves out forks whose memory was not measured (no warm-up shot to probe in)
            String forks = fit.memory().forks() == fit.time().forks() ? String.valueOf(fit.time().forks())
                    : fit.time().forks() + " (memory " + fit.memory().forks() + ")";
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", fit.strategy().id(),
                    fit.language().id(), forks, interval(fit.time().intercept(), 1),
                    interval(fit.time().slope(), 1e6), interval(fit.memory().intercept(), 1e-6),
                    interval(fit.memory().slope(), 1), stops));
        }
        List<String> once = new ArrayList<>();
        for (Point point : points.stream().filter(p -> p.replicate().equals(ONE_SHOT)).toList()) {
            Optional<Fit> fit = fit(point.strategy(), point.language());
            if (fit.isPresent()) {
                once.add(String.format(Locale.ROOT, "%s in %s at %,d rows %.3g us/row (its line there: %s)",
                        point.strategy().id(), point.language().label(), point.rows(),
                        1e6 * point.secondsPerRow().estimate(),
                        interval(fit.get().time().intervalAt(point.rows()), 1e6 / point.rows())));
            }
        }
        if (!once.isEmpty()) {
            text.append("\nMeasured once (one fork, one shot), so without an interval of its own; the fitted line's "
                    + "value at that size, with its interval, beside it: ").append(String.join("; ", once))
                    .append(".\n");
        }
        for (Language language : Language.values()) {
            Optional<Fit> before = fit(ScaleStrategy.BEFORE, language);
            Optional<Fit> after = fit(ScaleStrategy.AFTER, language);
            if (before.isEmpty() || after.isEmpty() || !(before.get().time().slope().estimate() > 0)) {
                continue;
            }
            double rows = (ORIGINAL_BEFORE_SECONDS - before.get().time().intercept().estimate())
                    / before.get().time().slope().estimate();
            // the largest load both sides were measured at: beyond it one of the lines is an extrapolation
            long largest = Math.min(largestMeasured(ScaleStrategy.BEFORE, language),
                    largestMeasured(ScaleStrategy.AFTER, language));
            Interval afterSeconds = after.get().time().intervalAt(rows);
            String minutes = Double.isNaN(afterSeconds.low())
                    ? String.format(Locale.ROOT, "%.1f minutes", afterSeconds.estimate() / 60)
                    : String.format(Locale.ROOT, "%.1f minutes [%.1f, %.1f]", afterSeconds.estimate() / 60,
                            afterSeconds.low() / 60, afterSeconds.high() / 60);
            text.append(String.format(Locale.ROOT, "%nThe original's 34-minute load, in %s on this machine: \"before\" "
                    + "would take 34 minutes at %,.0f rows by its fit; \"after\" would load them in %s (%.0f %% less "
                    + "time; the interval is after's line's alone, not the rows' own uncertainty)%s.%n",
                    language.label(), rows, minutes, 100 * (1 - afterSeconds.estimate() / ORIGINAL_BEFORE_SECONDS),
                    rows > largest ? String.format(Locale.ROOT, ", an extrapolation beyond the %,d rows measured",
                            largest) : ""));
        }
        return text.toString();
    }

    private long largestMeasured(ScaleStrategy strategy, Language language) {
        return points.stream().filter(p -> p.language() == language && p.strategy() == strategy)
                .mapToLong(Point::rows).max().orElse(0);
    }

    private Optional<Fit> fit(ScaleStrategy strategy, Language language) {
        return fits.stream().filter(f -> f.strategy() == strategy && f.language() == language).findFirst();
    }

    private static String interval(Interval value, double scale) {
        if (Double.isNaN(value.low())) {
            return String.format(Locale.ROOT, "%.3g", value.estimate() * scale);
        }
        return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", value.estimate() * scale, value.low() * scale,
                value.high() * scale);
    }
}
