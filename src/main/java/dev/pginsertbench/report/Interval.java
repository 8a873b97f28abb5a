package dev.pginsertbench.report;

import dev.pginsertbench.claims.ClaimUnit;

/**
 * An estimate with its 95 % interval. The bounds are NaN where no interval can be given (a single
 * shot, or a reference measured once); an upper bound can be infinite where the interval of a
 * time reaches zero.
 */
public record Interval(double estimate, double low, double high) {

    /**
     * An estimate and its interval on a claim's analysis scale, in the claim's unit (the bounds
     * swap where the unit decreases).
     */
    static Interval inUnit(ClaimUnit unit, double estimate, double low, double high) {
        double a = unit.fromAnalysisScale(low);
        double b = unit.fromAnalysisScale(high);
        return new Interval(unit.fromAnalysisScale(estimate), Math.min(a, b), Math.max(a, b));
    }

    static Interval unknown() {
        return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }

    /** A value known without sampling error, such as a configuration compared with itself. */
    static Interval exact(double value) {
        return new Interval(value, value, value);
    }

    static Interval withoutBounds(double estimate) {
        return new Interval(estimate, Double.NaN, Double.NaN);
    }

    /** The mean of independent values and its 95 % t interval; no bounds below two values, NaN values left out. */
    static Interval meanOf(double[] values) {
        double[] known = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        double mean = java.util.Arrays.stream(known).average().orElse(Double.NaN);
        if (known.length < 2) {
            return withoutBounds(mean);
        }
        double sd = Math.sqrt(java.util.Arrays.stream(known).map(v -> (v - mean) * (v - mean)).sum()
                / (known.length - 1));
        double half = PairedEstimate.tQuantile(known.length - 1) * sd / Math.sqrt(known.length);
        return new Interval(mean, mean - half, mean + half);
    }
}
