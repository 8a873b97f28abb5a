package dev.pginsertbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of paired values with its 95 % interval over rounds: for times, log ratios
 * {@code ln(new) - ln(old)} of shots taken in one block; for memory, differences held once per
 * fork. Values are grouped by fork, and every fork is a round of its own: its own JVM and its own
 * freshly started server, so rounds are the independent replicates, and the pairs of one fork
 * (sharing its JIT state and server instance) are not. The interval is Student's t over the fork
 * means, forks - 1 degrees of freedom (Georges, Buytaert and Eeckhout, OOPSLA 2007; Kalibera and
 * Jones, ISMM 2013: replicate at the level that varies most). With a single fork its pairs are
 * taken as independent instead, and {@link #forks()} says so.
 *
 * <p>Also reported, so that a reader sees which level dominates: the variance components
 * ({@link Spread}: block to block within a round, and the true variation between rounds beyond
 * what that explains), and the {@link WarmupCheck}: the first measured block against the rest.
 *
 * @param mean          mean over forks of each fork's mean value
 * @param low           lower end of the 95 % interval
 * @param high          upper end (both NaN when fewer than two values exist)
 * @param standardError the mean's standard error (NaN likewise)
 * @param pairs         paired values in all forks
 * @param forks         forks (rounds) they came from
 * @param spread        the variance components
 * @param warmup        the first measured block against the later ones
 */
public record PairedEstimate(double mean, double low, double high, double standardError, int pairs, int forks,
        Spread spread, WarmupCheck warmup) {

    static final double CONFIDENCE = 0.95;

    /**
     * Standard deviations on the analysis scale: of one block's value around its round's mean
     * (pooled over rounds), and of the rounds' true means around the overall one (the one-way
     * random-effects component, {@code var(round means) - within^2 / blocks}, at least 0). NaN where
     * a level has too few values.
     */
    public record Spread(double withinRound, double betweenRounds) {

        /**
         * The fewest measured blocks per round with which an interval over {@code rounds} rounds would
         * be at most {@code halfWidth} wide on each side (analysis scale), were the components as
         * measured: {@code t(rounds - 1) sqrt((within^2 / blocks + between^2) / rounds) <= halfWidth}.
         * Empty where the rounds' own spread alone keeps it wider (more rounds would narrow it, more
         * blocks would not) or where a component was not measured.
         */
        public OptionalInt blocksFor(double halfWidth, int rounds) {
            if (Double.isNaN(withinRound) || Double.isNaN(betweenRounds) || rounds < 2) {
                return OptionalInt.empty();
            }
            double t = tQuantile(rounds - 1);
            double room = rounds * (halfWidth / t) * (halfWidth / t) - betweenRounds * betweenRounds;
            if (room <= 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Math.max(1, (int) Math.ceil(withinRound * withinRound / room)));
        }
    }

    /**
     * The first measured block's value minus the mean of the later blocks of its fork, with its 95 %
     * interval over forks: where warm-up was long enough it contains 0.
     *
     * @param forks forks with at least two measured blocks (NaN values below two)
     */
    public record WarmupCheck(double difference, double low, double high, int forks) {

        /** Whether the interval lies wholly on one side of 0: the first measured block still differs. */
        public boolean flagged() {
            return low > 0 || high < 0;
        }
    }

    /** @param forksValues each fork's paired values, in block order; a fork without any is left out */
    public static PairedEstimate of(List<double[]> forksValues) {
        List<double[]> byFork = forksValues.stream().filter(values -> values.length > 0).toList();
        int pairs = byFork.stream().mapToInt(values -> values.length).sum();
        double[] units = byFork.size() > 1
                ? byFork.stream().mapToDouble(PairedEstimate::mean).toArray()
                : byFork.isEmpty() ? new double[0] : byFork.get(0);
        double mean = units.length == 0 ? Double.NaN : mean(units);
        Spread spread = spread(byFork);
        WarmupCheck warmup = warmup(byFork);
        if (units.length < 2) {
            return new PairedEstimate(mean, Double.NaN, Double.NaN, Double.NaN, pairs, byFork.size(), spread, warmup);
        }
        double se = Math.sqrt(variance(units) / units.length);
        double half = tQuantile(units.length - 1) * se;
        return new PairedEstimate(mean, mean - half, mean + half, se, pairs, byFork.size(), spread, warmup);
    }

    /**
     * The columns both paired studies' CSV files carry for every comparison (results/README.md): the
     * estimate and its standard error on the analysis scale, the interval's degrees of freedom, the
     * variance components and the warm-up check, the last two in the file's precision unit.
     */
    static final List<Csv.Column<InUnit>> CSV_COLUMNS = List.of(
            column("scale_estimate", Csv.Kind.NUMBER, e -> Csv.number(e.estimate().mean)),
            column("scale_se", Csv.Kind.NUMBER, e -> Csv.number(e.estimate().standardError)),
            column("df", Csv.Kind.NUMBER, e -> String.valueOf(e.estimate().degreesOfFreedom())),
            column("sd_within_round", Csv.Kind.NUMBER,
                    e -> Csv.number(e.factor() * e.estimate().spread.withinRound())),
            column("sd_between_rounds", Csv.Kind.NUMBER,
                    e -> Csv.number(e.factor() * e.estimate().spread.betweenRounds())),
            column("warmup_difference", Csv.Kind.NUMBER,
                    e -> Csv.number(e.factor() * e.estimate().warmup.difference())),
            column("warmup_low", Csv.Kind.NUMBER, e -> Csv.number(e.factor() * e.estimate().warmup.low())),
            column("warmup_high", Csv.Kind.NUMBER, e -> Csv.number(e.factor() * e.estimate().warmup.high())),
            column("warmup_forks", Csv.Kind.NUMBER, e -> String.valueOf(e.estimate().warmup.forks())),
            column("warmup_flagged", Csv.Kind.FLAG, e -> String.valueOf(e.estimate().warmup.flagged())));

    /**
     * An estimate with the factor its variance components and warm-up check are written in.
     *
     * @param factor what they are multiplied by (100 for log-%)
     */
    record InUnit(PairedEstimate estimate, double factor) {
    }

    private static Csv.Column<InUnit> column(String name, Csv.Kind kind,
            java.util.function.Function<InUnit, String> cell) {
        return new Csv.Column<>(name, kind, cell);
    }

    /** Degrees of freedom of the interval: units - 1. */
    public int degreesOfFreedom() {
        return (forks > 1 ? forks : pairs) - 1;
    }

    /** The mean and its bounds as ratios, {@code exp} of each (NaN bounds stay NaN). */
    public Interval asRatio() {
        return new Interval(Math.exp(mean), Math.exp(low), Math.exp(high));
    }

    /** The two-sided 95 % quantile of Student's t (fractional degrees of freedom for Welch's interval). */
    static double tQuantile(double degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    private static Spread spread(List<double[]> byFork) {
        double squares = 0;
        int degrees = 0;
        for (double[] fork : byFork) {
            double forkMean = mean(fork);
            for (double value : fork) {
                squares += (value - forkMean) * (value - forkMean);
            }
            degrees += fork.length - 1;
        }
        double within = degrees > 0 ? Math.sqrt(squares / degrees) : Double.NaN;
        if (byFork.size() < 2) {
            return new Spread(within, Double.NaN);
        }
        double[] means = byFork.stream().mapToDouble(PairedEstimate::mean).toArray();
        double blocks = byFork.stream().mapToInt(fork -> fork.length).average().orElseThrow();
        double explained = Double.isNaN(within) ? 0 : within * within / blocks;
        return new Spread(within, Math.sqrt(Math.max(0, variance(means) - explained)));
    }

    private static WarmupCheck warmup(List<double[]> byFork) {
        List<Double> differences = new ArrayList<>();
        for (double[] fork : byFork) {
            if (fork.length >= 2) {
                differences.add(fork[0] - mean(Arrays.copyOfRange(fork, 1, fork.length)));
            }
        }
        double[] values = differences.stream().mapToDouble(Double::doubleValue).toArray();
        if (values.length < 2) {
            return new WarmupCheck(values.length == 1 ? values[0] : Double.NaN, Double.NaN, Double.NaN, values.length);
        }
        double center = mean(values);
        double half = tQuantile(values.length - 1) * Math.sqrt(variance(values) / values.length);
        return new WarmupCheck(center, center - half, center + half, values.length);
    }

    private static double variance(double[] values) {
        double center = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - center) * (value - center);
        }
        return sum / (values.length - 1);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
