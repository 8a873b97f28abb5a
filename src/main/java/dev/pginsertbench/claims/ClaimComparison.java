package dev.pginsertbench.claims;

import java.util.Objects;

/**
 * One measured row of a claim: the ratio of the changed arm to the original one, in the claim's
 * unit, against the range the original author claimed.
 *
 * @param id          short name, unique within the claim ({@code text_per_chunk})
 * @param comparison  what is compared, in words
 * @param changed     id of the arm with the claimed improvement
 * @param original    id of the arm it is compared with
 * @param measure     what is taken from each shot
 * @param unit        the unit the claim is stated in
 * @param claimedLow  lower end of the claimed range, in {@code unit}; null when unbounded
 * @param claimedHigh upper end, in {@code unit}; null when unbounded (both null: no claim, only a measurement)
 * @param primary     whether this row decides the claim (a claim of two parts has two)
 */
public record ClaimComparison(String id, String comparison, String changed, String original, Measure measure,
        ClaimUnit unit, Double claimedLow, Double claimedHigh, boolean primary) {

    public ClaimComparison {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(unit, "unit");
        if (claimedLow != null && claimedHigh != null && claimedLow > claimedHigh) {
            throw new IllegalArgumentException(id + ": claimed range " + claimedLow + " > " + claimedHigh);
        }
    }

    public boolean hasClaim() {
        return claimedLow != null || claimedHigh != null;
    }

    /** The claimed range as text in the unit: {@code 2.00x to 5.00x}, {@code above 0.0 %}, {@code -}. */
    public String claimedRange() {
        if (claimedLow != null && claimedHigh != null) {
            return unit.format(claimedLow) + " to " + unit.format(claimedHigh);
        }
        if (claimedLow != null) {
            return "above " + unit.format(claimedLow);
        }
        return claimedHigh != null ? "below " + unit.format(claimedHigh) : "-";
    }
}
