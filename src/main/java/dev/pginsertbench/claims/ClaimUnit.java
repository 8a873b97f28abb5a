package dev.pginsertbench.claims;

import java.util.Locale;

/**
 * The unit a claim is stated in, and how a ratio {@code r = new / old} (time or memory of the
 * changed arm over the original one) reads in it.
 */
public enum ClaimUnit {

    /** Speed-up: {@code old / new}; "2-5x faster" is 2 to 5. */
    TIMES_FASTER("x faster") {
        @Override
        public double of(double ratio) {
            return 1 / ratio;
        }
    },
    /** Time saved in percent: {@code 100 (1 - new / old)}; "10-20 % faster" read as 10 to 20 % less time. */
    PERCENT_LESS_TIME("% less time") {
        @Override
        public double of(double ratio) {
            return 100 * (1 - ratio);
        }
    },
    /** Memory held: {@code new / old}; "uses more memory" is above 1. */
    TIMES_MEMORY("x memory") {
        @Override
        public double of(double ratio) {
            return ratio;
        }
    };

    private final String label;

    ClaimUnit(String label) {
        this.label = label;
    }

    /** The ratio new/old expressed in this unit. */
    public abstract double of(double ratio);

    public String label() {
        return label;
    }

    /** Whether this unit's value falls as the ratio new/old rises. */
    public boolean decreasing() {
        return of(2) < of(1);
    }

    /**
     * The precision the study aims for, as the half-width of the 95 % interval: 3 percentage points
     * of time saved, or 5 % of a ratio.
     */
    public double targetHalfWidth() {
        return this == PERCENT_LESS_TIME ? 3.0 : 5.0;
    }

    /** {@code pp} or {@code % of ratio}: what {@link #targetHalfWidth()} is measured in. */
    public String precisionUnit() {
        return this == PERCENT_LESS_TIME ? "pp" : "% of ratio";
    }

    public String format(double value) {
        return this == PERCENT_LESS_TIME ? String.format(Locale.ROOT, "%.1f %%", value)
                : String.format(Locale.ROOT, "%.2fx", value);
    }
}
