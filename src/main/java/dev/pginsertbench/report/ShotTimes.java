package dev.pginsertbench.report;

/**
 * The measured shot times of one configuration (every fork's measured shots, in seconds), and
 * what follows from them: rows/s with its interval, and the ratio to another configuration's
 * rows/s with its interval. Shots are taken as independent draws; with several forks their
 * fork-to-fork variation is part of the spread.
 *
 * @param n    shots
 * @param mean mean seconds per shot
 * @param sd   sample standard deviation of the seconds (NaN for one shot)
 */
public record ShotTimes(int n, double mean, double sd) {

    static ShotTimes of(double[] seconds) {
        int n = seconds.length;
        if (n == 0) {
            return new ShotTimes(0, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double value : seconds) {
            sum += value;
        }
        double mean = sum / n;
        if (n == 1) {
            return new ShotTimes(1, mean, Double.NaN);
        }
        double squares = 0;
        for (double value : seconds) {
            squares += (value - mean) * (value - mean);
        }
        return new ShotTimes(n, mean, Math.sqrt(squares / (n - 1)));
    }

    /**
     * {@code rows / mean} with the 95 % Student's t interval of the mean time (n - 1 degrees of
     * freedom) carried over exactly: {@code rows / (mean + h)} to {@code rows / (mean - h)}; the
     * upper bound is infinite when the time's interval reaches zero.
     */
    Interval rowsPerSecond(long rows) {
        double rate = rows / mean;
        if (n < 2) {
            return Interval.withoutBounds(rate);
        }
        double half = PairedEstimate.tQuantile(n - 1) * sd / Math.sqrt(n);
        return new Interval(rate, rows / (mean + half), mean > half ? rows / (mean - half) : Double.POSITIVE_INFINITY);
    }

    /**
     * How many times faster this configuration is than {@code reference} on the same rows:
     * {@code reference.mean / mean}. Interval: the log of the ratio, with the delta method's
     * variance {@code (sd/mean)^2/n} for each side and Welch's degrees of freedom; NaN bounds when
     * either side has fewer than two shots.
     */
    Interval speedupOver(ShotTimes reference) {
        double ratio = reference.mean / mean;
        if (n < 2 || reference.n < 2) {
            return Interval.withoutBounds(ratio);
        }
        double own = relativeVariance();
        double theirs = reference.relativeVariance();
        double variance = own + theirs;
        if (variance == 0) {
            return Interval.exact(ratio);
        }
        double degreesOfFreedom = variance * variance / (own * own / (n - 1) + theirs * theirs / (reference.n - 1));
        double half = PairedEstimate.tQuantile(degreesOfFreedom) * Math.sqrt(variance);
        return new Interval(ratio, ratio * Math.exp(-half), ratio * Math.exp(half));
    }

    /** The variance of ln(mean): (sd / mean)^2 / n. */
    private double relativeVariance() {
        return sd * sd / (mean * mean) / n;
    }
}
