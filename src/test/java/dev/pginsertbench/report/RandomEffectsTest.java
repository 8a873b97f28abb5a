package dev.pginsertbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pooled estimate against values derived by hand from the DerSimonian–Laird, HKSJ and
 * Higgins et al. formulas. t quantiles (two-sided 95 %): t(1) = 12.7062047, t(2) = 4.30265273,
 * t(3) = 3.18244631, t(7) = 2.36462425.
 */
class RandomEffectsTest {

    @Test
    void runsThatAgreeWithinTheirErrorsHaveNoBetweenRunVariance() {
        // w = {1, 1}, sum w = 2, ybar = 0.5; Q = 1 * 0.25 + 1 * 0.25 = 0.5
        // C = 2 - 2 / 2 = 1; tau2 = max(0, (0.5 - 1) / 1) = 0; I2 = max(0, (0.5 - 1) / 0.5) = 0
        // w* = {1, 1}, mu = 0.5; var_HK = (0.25 + 0.25) / (1 * 2) = 0.25 < 1 / sum w* = 0.5,
        // so the ad hoc correction gives SE = sqrt(0.5) = 0.70710678
        RandomEffects pooled = RandomEffects.of(List.of(run(0, 1), run(1, 1)));
        assertClose(0.5, pooled.estimate());
        assertClose(0.5, pooled.q());
        assertClose(0, pooled.tau2());
        assertClose(0, pooled.tau());
        assertClose(0, pooled.i2());
        assertClose(0.70710678, pooled.standardError());
        assertClose(0.5 - 12.7062047 * 0.70710678, pooled.low());
        assertClose(0.5 + 12.7062047 * 0.70710678, pooled.high());
        // k = 2 leaves no degrees of freedom for the prediction interval
        assertTrue(Double.isNaN(pooled.predictionLow()));
        assertTrue(Double.isNaN(pooled.predictionHigh()));
        assertEquals(2, pooled.runs());
    }

    @Test
    void runsThatDisagreeBeyondTheirErrorsShowBetweenRunVariance() {
        // w = {1, 1, 1}, sum w = 3, ybar = 2; Q = 4 + 0 + 4 = 8; C = 3 - 3 / 3 = 2
        // tau2 = (8 - 2) / 2 = 3; I2 = (8 - 2) / 8 = 0.75
        // w* = 1 / (1 + 3) = 0.25 each, sum w* = 0.75, mu = 2
        // var_HK = 0.25 * (4 + 0 + 4) / (2 * 0.75) = 4/3 = 1 / sum w*, SE = sqrt(4/3) = 1.15470054
        // prediction: 2 -/+ t(1) * sqrt(3 + 4/3) = 2 -/+ 12.7062047 * 2.08166600
        RandomEffects pooled = RandomEffects.of(List.of(run(0, 1), run(2, 1), run(4, 1)));
        assertClose(2, pooled.estimate());
        assertClose(8, pooled.q());
        assertClose(3, pooled.tau2());
        assertClose(Math.sqrt(3), pooled.tau());
        assertClose(0.75, pooled.i2());
        assertClose(1.15470054, pooled.standardError());
        assertClose(2 - 4.30265273 * 1.15470054, pooled.low());
        assertClose(2 + 4.30265273 * 1.15470054, pooled.high());
        assertClose(2 - 12.7062047 * 2.08166600, pooled.predictionLow());
        assertClose(2 + 12.7062047 * 2.08166600, pooled.predictionHigh());
        assertEquals(3, pooled.runs());
    }

    @Test
    void unequalWeightsFollowTheFormulasStepByStep() {
        // y = {0.1, 0.3, 0.2, 0.6}, s = {0.05, 0.1, 0.05, 0.15}
        // w = 1 / s^2 = {400, 100, 400, 44.4444}, sum w = 944.444, sum w^2 = 331975
        // sum w y = 40 + 30 + 80 + 26.6667 = 176.667, ybar_w = 176.667 / 944.444 = 0.187059
        // y - ybar_w = {-0.0870588, 0.112941, 0.0129412, 0.412941}
        // Q = 3.03170 + 1.27557 + 0.0669896 + 7.57869 = 11.9529
        // C = 944.444 - 331975 / 944.444 = 592.941; tau2 = (11.9529 - 3) / 592.941 = 0.0150992
        // I2 = (11.9529 - 3) / 11.9529 = 0.749016
        // s^2 + tau2 = {0.0175992, 0.0250992, 0.0175992, 0.0375992}
        // w* = {56.8207, 39.8419, 56.8207, 26.5963}, sum w* = 180.080
        // sum w* y = 5.68207 + 11.9526 + 11.3641 + 15.9578 = 44.9566, mu = 44.9566 / 180.080 = 0.249648
        // sum w* (y - mu)^2 = 1.27248 + 0.101011 + 0.140060 + 3.26460 = 4.77815
        // var_HK = 4.77815 / (3 * 180.080) = 0.00884451 > 1 / sum w* = 0.00555310, so HK stands
        // SE = sqrt(0.00884451) = 0.0940452; interval mu -/+ t(3) * SE = 0.249648 -/+ 0.299294
        // prediction: mu -/+ t(2) * sqrt(0.0150992 + 0.00884451) = 0.249648 -/+ 4.30265273 * 0.154738
        RandomEffects pooled = RandomEffects.of(List.of(run(0.1, 0.05), run(0.3, 0.1), run(0.2, 0.05), run(0.6, 0.15)));
        assertClose(11.9529412, pooled.q());
        assertClose(0.0150992063, pooled.tau2());
        assertClose(0.749015748, pooled.i2());
        assertClose(0.249648229, pooled.estimate());
        assertClose(0.0940452419, pooled.standardError());
        assertClose(0.249648229 - 3.18244631 * 0.0940452419, pooled.low());
        assertClose(0.249648229 + 3.18244631 * 0.0940452419, pooled.high());
        double predictionSd = Math.sqrt(0.0150992063 + 0.0940452419 * 0.0940452419);
        assertClose(0.249648229 - 4.30265273 * predictionSd, pooled.predictionLow());
        assertClose(0.249648229 + 4.30265273 * predictionSd, pooled.predictionHigh());
    }

    @Test
    void oneRunKeepsItsOwnInterval() {
        // y = 0.05, s = 0.01, df = 7: 0.05 -/+ 2.36462425 * 0.01
        RandomEffects pooled = RandomEffects.of(List.of(new RandomEffects.Run(0.05, 0.01, 7)));
        assertClose(0.05, pooled.estimate());
        assertClose(0.01, pooled.standardError());
        assertClose(0.05 - 2.36462425 * 0.01, pooled.low());
        assertClose(0.05 + 2.36462425 * 0.01, pooled.high());
        assertTrue(Double.isNaN(pooled.tau2()));
        assertTrue(Double.isNaN(pooled.i2()));
        assertTrue(Double.isNaN(pooled.q()));
        assertTrue(Double.isNaN(pooled.predictionLow()));
        assertTrue(Double.isNaN(pooled.predictionHigh()));
        assertEquals(1, pooled.runs());
    }

    @Test
    void oneRunWithoutAUsableIntervalHasNaNBounds() {
        RandomEffects tooFewDf = RandomEffects.of(List.of(new RandomEffects.Run(0.05, 0.01, 0.5)));
        assertTrue(Double.isNaN(tooFewDf.low()));
        assertTrue(Double.isNaN(tooFewDf.high()));
        RandomEffects noSe = RandomEffects.of(List.of(new RandomEffects.Run(0.05, Double.NaN, 7)));
        assertClose(0.05, noSe.estimate());
        assertTrue(Double.isNaN(noSe.low()));
        assertTrue(Double.isNaN(noSe.high()));
    }

    @Test
    void identicalEstimatesWithZeroErrorsGiveThatValueExactly() {
        RandomEffects pooled = RandomEffects.of(List.of(run(0.3, 0), run(0.3, 0), run(0.3, 0)));
        assertEquals(0.3, pooled.estimate());
        assertEquals(0.3, pooled.low());
        assertEquals(0.3, pooled.high());
        assertEquals(0, pooled.tau2());
        assertEquals(0, pooled.i2());
        assertEquals(0, pooled.q());
        assertEquals(0.3, pooled.predictionLow());
        assertEquals(0.3, pooled.predictionHigh());
    }

    @Test
    void identicalEstimatesWithPositiveErrorsHaveNoHeterogeneity() {
        // Q = 0 exactly, so I2 = 0 rather than 0 / 0
        RandomEffects pooled = RandomEffects.of(List.of(run(0.3, 0.1), run(0.3, 0.2)));
        assertEquals(0.3, pooled.estimate());
        assertEquals(0, pooled.q());
        assertEquals(0, pooled.i2());
        assertEquals(0, pooled.tau2());
    }

    @Test
    void aZeroErrorRunDominatesButStaysFinite() {
        // its SE becomes 0.1 * 1e-6, a weight of 1e14 against 100: the pooled value is that run's
        RandomEffects pooled = RandomEffects.of(List.of(run(0.1, 0), run(0.12, 0.1), run(0.08, 0.1)));
        assertEquals(0.1, pooled.estimate(), 1e-9);
        assertTrue(Double.isFinite(pooled.low()) && Double.isFinite(pooled.high()));
        assertTrue(pooled.low() <= pooled.estimate() && pooled.estimate() <= pooled.high());
        assertTrue(Double.isFinite(pooled.tau2()));
    }

    @Test
    void invalidInputIsRejectedNamingTheRun() {
        assertThrows(IllegalArgumentException.class, () -> RandomEffects.of(List.of()));
        assertMessage(List.of(run(0.1, 0.1), run(Double.NaN, 0.1)), "run 1", "NaN");
        assertMessage(List.of(run(Double.POSITIVE_INFINITY, 0.1), run(0.1, 0.1)), "run 0", "Infinity");
        assertMessage(List.of(run(0.1, 0.1), run(0.2, 0.1), run(0.3, -0.5)), "run 2", "-0.5");
        assertMessage(List.of(run(0.1, Double.NaN), run(0.2, 0.1)), "run 0", "NaN");
        assertMessage(List.of(new RandomEffects.Run(0.1, -0.01, 5)), "run 0", "-0.01");
    }

    private static RandomEffects.Run run(double estimate, double standardError) {
        return new RandomEffects.Run(estimate, standardError, 10);
    }

    /** Relative tolerance 1e-6, with a tiny absolute floor for expected zeros. */
    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-12);
    }

    private static void assertMessage(List<RandomEffects.Run> runs, String... parts) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RandomEffects.of(runs));
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), () -> error.getMessage() + " lacks " + part);
        }
    }
}
