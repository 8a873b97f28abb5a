package dev.pginsertbench.report;

import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;

/**
 * One row of {@code claims.csv}: a comparison of the claims study, measured, in the claim's unit.
 *
 * @param claim      the claim
 * @param language   the port of the original loader that measured it
 * @param rtt        the round-trip time its forks' relay added, or loopback
 * @param rows       rows per load of its forks
 * @param comparison what was compared and what was claimed
 * @param value      the measured value and its 95 % interval, in the unit (for times the geometric mean of the
 *                   paired ratios)
 * @param paired     the estimate on the analysis scale, with its standard error, variance components and warm-up
 *                   check
 * @param memory     what each arm held, for a memory comparison; null for a time comparison
 * @param verdict    what the interval says about the claimed range
 */
public record ClaimResult(OriginalClaim claim, Language language, RoundTripDelay rtt, long rows,
        ClaimComparison comparison,
        Interval value,
        PairedEstimate paired, HeldMemory memory, Verdict verdict) {

    /** Measures a comparison from its paired values (changed against original) on the unit's analysis scale. */
    public static ClaimResult of(OriginalClaim claim, Language language, RoundTripDelay rtt, long rows,
            ClaimComparison comparison, PairedEstimate paired, HeldMemory memory) {
        ClaimUnit unit = comparison.unit();
        Interval value = Interval.inUnit(unit, paired.mean(), paired.low(), paired.high());
        boolean precise = unit.meetsTarget(paired.low(), paired.high());
        return new ClaimResult(claim, language, rtt, rows, comparison, value, paired, memory,
                Verdict.of(comparison.claimedLow(), comparison.claimedHigh(), value.low(), value.high(), precise));
    }

    public double estimate() {
        return value.estimate();
    }

    public double low() {
        return value.low();
    }

    public double high() {
        return value.high();
    }

    /** The interval's half-width on the analysis scale, in the unit's precision unit (NaN without an interval). */
    public double precision() {
        return comparison.unit().precision(paired.low(), paired.high());
    }

    public int pairs() {
        return paired.pairs();
    }

    public int forks() {
        return paired.forks();
    }

    /** Whether the interval is as narrow as the study's target (NaN precision never is). */
    public boolean precisionMet() {
        return comparison.unit().meetsTarget(paired.low(), paired.high());
    }
}
