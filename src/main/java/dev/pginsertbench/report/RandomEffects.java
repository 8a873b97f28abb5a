package dev.pginsertbench.report;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A random-effects pooled estimate over independent runs of a benchmark, each run one
 * observation. Runs replicate at the level that varies most (a fresh server, a fresh JVM, another
 * day), and a run's own interval, built from the units inside it, says nothing of how much the
 * next run will differ. So the runs are pooled as studies are in a meta-analysis: {@link #tau()} is
 * the standard deviation of the true value between runs, and {@link #i2()} the share of the
 * observed variation that is between runs rather than within them.
 *
 * <p>The between-run variance is the DerSimonian–Laird moment estimate (DerSimonian &amp; Laird,
 * Controlled Clinical Trials 7, 1986). The interval for the pooled value is Hartung–Knapp–Sidik–
 * Jonkman (Hartung &amp; Knapp, Statistics in Medicine 20, 2001), t with runs - 1 degrees of
 * freedom, because with few runs the plain DL normal interval is far too narrow (IntHout,
 * Ioannidis &amp; Borm, BMC Medical Research Methodology 14, 2014); the ad hoc correction keeps it
 * never narrower than the DL interval, which plain HK can be when runs agree better than their
 * standard errors say. The prediction interval for a new run is that of Higgins, Thompson &amp;
 * Spiegelhalter (JRSS A 172, 2009), t with runs - 2 degrees of freedom.
 *
 * <p>A run whose standard error is 0 (all its units equal) would get an infinite weight; it is
 * given instead the smallest positive standard error among the runs times {@value #ZERO_SE_FRACTION}
 * (or {@value #ZERO_SE_FALLBACK} when all are 0), so it dominates the pooled value as it should
 * while the arithmetic stays finite. When all standard errors are 0 and all estimates equal,
 * nothing varies at all and the result is that value with zero-width intervals.
 *
 * @param estimate       pooled value on the analysis scale (e.g. a mean log ratio)
 * @param low            lower end of its 95 % interval
 * @param high           upper end (both NaN when a single run has no usable interval)
 * @param standardError  standard error of the pooled value (HKSJ, never below the DL one)
 * @param tau2           between-run variance (NaN for a single run)
 * @param i2             share of the variation that is between runs, 0..1 (NaN for a single run)
 * @param q              Cochran's Q (NaN for a single run)
 * @param predictionLow  lower end of the 95 % interval for a new run's true value
 * @param predictionHigh upper end (both NaN with fewer than three runs)
 * @param runs           runs pooled
 */
public record RandomEffects(double estimate, double low, double high, double standardError, double tau2, double i2,
        double q, double predictionLow, double predictionHigh, int runs) {

    /** A zero standard error becomes this fraction of the smallest positive one, to keep weights finite. */
    static final double ZERO_SE_FRACTION = 1e-6;
    /** The stand-in standard error when every run's is 0. */
    static final double ZERO_SE_FALLBACK = 1e-12;

    /**
     * One run's estimate on the analysis scale (e.g. a mean log ratio), its standard error and the
     * degrees of freedom of its own interval.
     */
    public record Run(double estimate, double standardError, double degreesOfFreedom) { }

    /** @param runs one entry per independent run; must not be empty */
    public static RandomEffects of(List<Run> runs) {
        validate(runs);
        int k = runs.size();
        if (k == 1) {
            return single(runs.get(0));
        }
        double[] y = runs.stream().mapToDouble(Run::estimate).toArray();
        double[] variances = withinVariances(runs);
        if (variances == null) {
            // every SE is 0 and every estimate equal: no variation within or between runs
            double value = y[0];
            double prediction = k >= 3 ? value : Double.NaN;
            return new RandomEffects(value, value, value, 0, 0, 0, 0, prediction, prediction, k);
        }

        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = 1 / variances[i];
        }
        double fixedMean = weightedMean(w, y);
        double q = 0;
        double sumW = 0;
        double sumW2 = 0;
        for (int i = 0; i < k; i++) {
            q += w[i] * (y[i] - fixedMean) * (y[i] - fixedMean);
            sumW += w[i];
            sumW2 += w[i] * w[i];
        }
        double tau2 = Math.max(0, (q - (k - 1)) / (sumW - sumW2 / sumW));

        double[] wStar = new double[k];
        double sumWStar = 0;
        for (int i = 0; i < k; i++) {
            wStar[i] = 1 / (variances[i] + tau2);
            sumWStar += wStar[i];
        }
        double mu = weightedMean(wStar, y);
        double spread = 0;
        for (int i = 0; i < k; i++) {
            spread += wStar[i] * (y[i] - mu) * (y[i] - mu);
        }
        double varianceHk = spread / ((k - 1) * sumWStar);
        // ad hoc correction: HK alone is narrower than DL when the runs agree unusually well
        double se = Math.sqrt(Math.max(varianceHk, 1 / sumWStar));
        double half = PairedEstimate.tQuantile(k - 1) * se;

        double i2 = q == 0 ? 0 : Math.max(0, (q - (k - 1)) / q);
        double predictionLow = Double.NaN;
        double predictionHigh = Double.NaN;
        if (k >= 3) {
            // a new run differs by tau on top of the uncertainty in mu; k - 2 df as Higgins et al.
            double predictionHalf = PairedEstimate.tQuantile(k - 2) * Math.sqrt(tau2 + se * se);
            predictionLow = mu - predictionHalf;
            predictionHigh = mu + predictionHalf;
        }
        return new RandomEffects(mu, mu - half, mu + half, se, tau2, i2, q, predictionLow, predictionHigh, k);
    }

    /** The standard deviation of the true value between runs. */
    public double tau() {
        return Math.sqrt(tau2);
    }

    /** A single run says nothing of variation between runs, so only its own interval is left. */
    private static RandomEffects single(Run run) {
        double y = run.estimate();
        double s = run.standardError();
        double df = run.degreesOfFreedom();
        double half = Double.isNaN(s) || !(df >= 1) ? Double.NaN : quantile(df) * s;
        return new RandomEffects(y, y - half, y + half, s, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 1);
    }

    /** t quantile for a run's own interval; infinite df (a normal-theory interval) is the normal quantile. */
    private static double quantile(double degreesOfFreedom) {
        return Double.isInfinite(degreesOfFreedom)
                ? new NormalDistribution(null, 0, 1)
                        .inverseCumulativeProbability(1 - (1 - PairedEstimate.CONFIDENCE) / 2)
                : PairedEstimate.tQuantile(degreesOfFreedom);
    }

    /**
     * Each run's squared standard error, zero ones replaced by a tiny positive stand-in; null when
     * every SE is 0 and every estimate equal, where no stand-in would give an exact answer.
     */
    private static double[] withinVariances(List<Run> runs) {
        double smallest = Double.POSITIVE_INFINITY;
        for (Run run : runs) {
            if (run.standardError() > 0) {
                smallest = Math.min(smallest, run.standardError());
            }
        }
        if (smallest == Double.POSITIVE_INFINITY
                && runs.stream().allMatch(run -> run.estimate() == runs.get(0).estimate())) {
            return null;
        }
        double standIn = smallest == Double.POSITIVE_INFINITY ? ZERO_SE_FALLBACK : smallest * ZERO_SE_FRACTION;
        return runs.stream()
                .mapToDouble(run -> run.standardError() > 0 ? run.standardError() : standIn)
                .map(s -> s * s)
                .toArray();
    }

    /** Weighted mean taken about the first value, so equal values give exactly that value back. */
    private static double weightedMean(double[] weights, double[] values) {
        double sum = 0;
        double sumWeights = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * (values[i] - values[0]);
            sumWeights += weights[i];
        }
        return values[0] + sum / sumWeights;
    }

    private static void validate(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to pool");
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            if (!Double.isFinite(run.estimate())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "run %d: estimate %s is not finite", i, run.estimate()));
            }
            double s = run.standardError();
            // a single run may lack an SE (NaN bounds follow); pooling needs one for every run
            boolean usable = runs.size() == 1 ? !(s < 0) : s >= 0 && s < Double.POSITIVE_INFINITY;
            if (!usable) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "run %d: standard error %s must be finite and not negative", i, s));
            }
        }
    }
}
