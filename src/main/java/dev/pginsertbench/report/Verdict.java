package dev.pginsertbench.report;

/**
 * What a measured 95 % interval says about a claimed range. An interval that lies wholly inside
 * or wholly outside the range decides the claim whatever its width; one that straddles a
 * boundary is {@code partly} when it is as narrow as the study's target and {@code inconclusive}
 * when it is wider (a more precise measurement could still move it to either side). Ranges are
 * closed: an interval touching a boundary from outside still overlaps it.
 */
public enum Verdict {
    CONFIRMED("confirmed"),
    SMALLER("smaller than claimed"),
    LARGER("larger than claimed"),
    PARTLY("partly"),
    INCONCLUSIVE("inconclusive"),
    NO_CLAIM("no claim");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /**
     * @param claimedLow  lower end of the claimed range, null when unbounded
     * @param claimedHigh upper end, null when unbounded; both null means there is no claim
     * @param low         lower end of the measured interval, in the claim's unit
     * @param high        upper end
     * @param precise     whether the interval is as narrow as the study's target
     */
    public static Verdict of(Double claimedLow, Double claimedHigh, double low, double high, boolean precise) {
        if (claimedLow == null && claimedHigh == null) {
            return NO_CLAIM;
        }
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return INCONCLUSIVE;
        }
        if (low > high) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is reversed");
        }
        if (claimedLow != null && high < claimedLow) {
            return SMALLER;
        }
        if (claimedHigh != null && low > claimedHigh) {
            return LARGER;
        }
        boolean inside = (claimedLow == null || low >= claimedLow) && (claimedHigh == null || high <= claimedHigh);
        if (inside) {
            return CONFIRMED;
        }
        return precise ? PARTLY : INCONCLUSIVE;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
