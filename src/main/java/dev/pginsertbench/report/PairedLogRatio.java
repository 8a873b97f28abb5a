package dev.pginsertbench.report;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of paired log ratios {@code ln(new) - ln(old)} with its 95 % interval. Pairs are
 * grouped by fork: pairs of one fork share its JIT state and its server, so they are not
 * independent of each other. The interval is Student's t over the fork means, with forks - 1
 * degrees of freedom (Georges, Buytaert, Eeckhout, OOPSLA 2007: repeat VM invocations, take each
 * invocation's mean); it widens when forks disagree, which pooling all pairs would hide. With a
 * single fork there is nothing to say about fork-to-fork variation: its pairs are then taken as
 * independent, and {@link #forks()} says so.
 *
 * @param mean  mean over forks of each fork's mean log ratio
 * @param low   lower end of the 95 % interval
 * @param high  upper end (both NaN when fewer than two values exist)
 * @param pairs paired comparisons in all forks
 * @param forks forks they came from
 */
public record PairedLogRatio(double mean, double low, double high, int pairs, int forks) {

    static final double CONFIDENCE = 0.95;

    /** @param forksRatios each fork's paired log ratios; a fork without any is left out */
    public static PairedLogRatio of(List<double[]> forksRatios) {
        List<double[]> byFork = forksRatios.stream().filter(values -> values.length > 0).toList();
        int pairs = byFork.stream().mapToInt(values -> values.length).sum();
        double[] units = byFork.size() > 1
                ? byFork.stream().mapToDouble(PairedLogRatio::mean).toArray()
                : byFork.isEmpty() ? new double[0] : byFork.get(0);
        double mean = units.length == 0 ? Double.NaN : mean(units);
        if (units.length < 2) {
            return new PairedLogRatio(mean, Double.NaN, Double.NaN, pairs, byFork.size());
        }
        double variance = 0;
        for (double value : units) {
            variance += (value - mean) * (value - mean);
        }
        variance /= units.length - 1;
        double half = tQuantile(units.length - 1) * Math.sqrt(variance / units.length);
        return new PairedLogRatio(mean, mean - half, mean + half, pairs, byFork.size());
    }

    /** The mean and its bounds as ratios, {@code exp} of each (NaN bounds stay NaN). */
    public Interval asRatio() {
        return new Interval(Math.exp(mean), Math.exp(low), Math.exp(high));
    }

    /** The two-sided 95 % quantile of Student's t (fractional degrees of freedom for Welch's interval). */
    static double tQuantile(double degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
