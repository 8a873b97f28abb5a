package dev.pginsertbench.report;

import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;

/**
 * One row of {@code claims.csv}: a comparison of the claims study, measured, in the claim's unit.
 *
 * @param claim      the claim
 * @param language   the port of the original loader that measured it
 * @param comparison what was compared and what was claimed
 * @param estimate   the measured value (geometric mean of the paired ratios, in the unit)
 * @param low        lower end of the 95 % interval, in the unit
 * @param high       upper end
 * @param precision  the interval's half-width: percentage points, or percent of the estimate for ratios
 * @param pairs      paired comparisons
 * @param forks      forks they came from
 * @param verdict    what the interval says about the claimed range
 */
public record ClaimResult(OriginalClaim claim, Language language, ClaimComparison comparison, double estimate, double low,
        double high,
        double precision, int pairs, int forks, Verdict verdict) {

    /** Measures a comparison from its paired log ratios (changed over original). */
    public static ClaimResult of(OriginalClaim claim, Language language, ClaimComparison comparison, PairedLogRatio ratio) {
        ClaimUnit unit = comparison.unit();
        Interval ratios = ratio.asRatio();
        double estimate = unit.of(ratios.estimate());
        double a = unit.of(ratios.low());
        double b = unit.of(ratios.high());
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        double halfWidth = (high - low) / 2;
        double precision = unit == ClaimUnit.PERCENT_LESS_TIME ? halfWidth : 100 * halfWidth / estimate;
        boolean precise = precision <= unit.targetHalfWidth();
        return new ClaimResult(claim, language, comparison, estimate, low, high, precision, ratio.pairs(), ratio.forks(),
                Verdict.of(comparison.claimedLow(), comparison.claimedHigh(), low, high, precise));
    }

    /** Whether the interval is as narrow as the study's target (NaN precision never is). */
    public boolean precisionMet() {
        return precision <= comparison.unit().targetHalfWidth();
    }
}
