package dev.pginsertbench.claims;

import java.util.Locale;

/**
 * The unit a claim is stated in, how a paired estimate reads in it, and the one precision rule of
 * the study. Times are compared on the log scale: the estimate is a mean log ratio
 * {@code ln(new / old)}, and a ratio {@code r} reads as {@link #of(double)} says. Memory is
 * compared as a difference: what the changed arm holds more than the original, in percent of the
 * dataset's own size in memory, since a ratio of two amounts of which one is near zero says "more"
 * but not how much.
 *
 * <p>Precision: the 95 % interval's half-width on the analysis scale: for times 100 x the log
 * half-width ("log-%", about the half-width in percent of the ratio), at most 3 for time saved and
 * 5 for speed-ups; for memory at most 2 percentage points of the dataset's size.
 */
public enum ClaimUnit {

    /** Speed-up: {@code old / new}; "2-5x faster" is 2 to 5. */
    TIMES_FASTER("x faster", true, 5.0, "log-%") {
        @Override
        public double of(double ratio) {
            return 1 / ratio;
        }
    },
    /** Time saved in percent: {@code 100 (1 - new / old)}; "10-20 % faster" read as 10 to 20 % less time. */
    PERCENT_LESS_TIME("% less time", true, 3.0, "log-%") {
        @Override
        public double of(double ratio) {
            return 100 * (1 - ratio);
        }
    },
    /** Memory held more than the original arm, in percent of the dataset's own size in memory. */
    PERCENT_OF_DATASET_MORE("% of dataset more held", false, 2.0, "pp of dataset") {
        @Override
        public double of(double difference) {
            return difference;
        }
    };

    private final String label;
    private final boolean logScale;
    private final double target;
    private final String precisionUnit;

    ClaimUnit(String label, boolean logScale, double target, String precisionUnit) {
        this.label = label;
        this.logScale = logScale;
        this.target = target;
        this.precisionUnit = precisionUnit;
    }

    /**
     * A value on the analysis scale's natural form (a ratio new/old for times, the difference for
     * memory) in this unit.
     */
    public abstract double of(double value);

    /** A value on the analysis scale (a mean log ratio, or a difference) in this unit. */
    public double fromAnalysisScale(double value) {
        return of(logScale ? Math.exp(value) : value);
    }

    /** Whether the analysis scale is the log ratio (times) rather than a difference (memory). */
    public boolean logScale() {
        return logScale;
    }

    public String label() {
        return label;
    }

    /** Whether this unit's value falls as the analysis value rises. */
    public boolean decreasing() {
        return fromAnalysisScale(1) < fromAnalysisScale(0);
    }

    /** How many {@link #precisionUnit()}s one unit of the analysis scale is: 100 log-% a log unit, 1 for memory. */
    public double precisionFactor() {
        return logScale ? 100 : 1;
    }

    /** The interval's precision: its half-width on the analysis scale, in {@link #precisionUnit()}. */
    public double precision(double low, double high) {
        return precisionFactor() * (high - low) / 2;
    }

    /** Whether an interval on the analysis scale is as narrow as the study's target (an interval of NaN never is). */
    public boolean meetsTarget(double low, double high) {
        return precision(low, high) <= target;
    }

    /** The precision the study aims for (the class comment states the rule). */
    public double targetHalfWidth() {
        return target;
    }

    /** What {@link #targetHalfWidth()} and {@link #precision} are measured in. */
    public String precisionUnit() {
        return precisionUnit;
    }

    public String format(double value) {
        return switch (this) {
            case TIMES_FASTER -> String.format(Locale.ROOT, "%.2fx", value);
            case PERCENT_LESS_TIME -> String.format(Locale.ROOT, "%.1f %%", value);
            case PERCENT_OF_DATASET_MORE -> String.format(Locale.ROOT, "%+.1f %% of dataset", value);
        };
    }
}
