package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The interval over fork means, against values computed by hand. */
class PairedEstimateTest {

    @Test
    void theIntervalIsStudentsTOverTheForkMeans() {
        // fork means 0.1, 0.2, 0.3: mean 0.2, sd 0.1, t(2, 0.975) = 4.302653
        PairedEstimate ratio = PairedEstimate.of(List.of(new double[] {0.0, 0.2}, new double[] {0.2}, new double[] {0.3, 0.3, 0.3}));
        assertThat(ratio.mean()).isCloseTo(0.2, within(1e-12));
        double half = 4.302653 * 0.1 / Math.sqrt(3);
        assertThat(ratio.low()).isCloseTo(0.2 - half, within(1e-6));
        assertThat(ratio.high()).isCloseTo(0.2 + half, within(1e-6));
        assertThat(ratio.pairs()).isEqualTo(6);
        assertThat(ratio.forks()).isEqualTo(3);
    }

    @Test
    void forksThatDisagreeWidenTheIntervalEvenWhenEachIsTight() {
        PairedEstimate agreeing = PairedEstimate.of(List.of(new double[] {0.10, 0.10}, new double[] {0.11, 0.11}));
        PairedEstimate disagreeing = PairedEstimate.of(List.of(new double[] {0.0, 0.0}, new double[] {0.3, 0.3}));
        assertThat(disagreeing.high() - disagreeing.low()).isGreaterThan(20 * (agreeing.high() - agreeing.low()));
    }

    @Test
    void aSingleForkTakesItsPairsAsTheUnits() {
        // pairs 0.1, 0.3: mean 0.2, sd 0.141421, t(1) = 12.706205
        PairedEstimate ratio = PairedEstimate.of(List.of(new double[] {0.1, 0.3}));
        double half = 12.706205 * Math.sqrt(0.02) / Math.sqrt(2);
        assertThat(ratio.low()).isCloseTo(0.2 - half, within(1e-5));
        assertThat(ratio.forks()).isEqualTo(1);
    }

    @Test
    void aForkWithoutPairsIsLeftOut() {
        PairedEstimate ratio = PairedEstimate.of(List.of(new double[] {0.1, 0.3}, new double[0]));
        assertThat(ratio.forks()).isEqualTo(1);
        assertThat(ratio.mean()).isCloseTo(0.2, within(1e-12));
        assertThat(PairedEstimate.of(List.of(new double[0])).mean()).isNaN();
    }

    @Test
    void oneValueHasNoInterval() {
        PairedEstimate ratio = PairedEstimate.of(List.of(new double[] {0.4}));
        assertThat(ratio.mean()).isEqualTo(0.4);
        assertThat(ratio.low()).isNaN();
        assertThat(ratio.high()).isNaN();
    }

    @Test
    void theBlocksATargetNeedsFollowFromTheVarianceComponents() {
        // t(7) = 2.364624: room = 8 (0.03 / t)^2 - 0.01^2 = 0.00118768, and 0.1^2 / room = 8.42, so 9
        PairedEstimate.Spread spread = new PairedEstimate.Spread(0.10, 0.01);
        assertThat(spread.blocksFor(0.03, 8)).hasValue(9);
        double t = 2.364624;
        assertThat(t * Math.sqrt((0.01 / 9 + 0.0001) / 8)).isLessThanOrEqualTo(0.03);
        assertThat(t * Math.sqrt((0.01 / 8 + 0.0001) / 8)).isGreaterThan(0.03);
        // rounds that vary by 0.04 alone give t 0.04 / sqrt(8) = 0.0334 > 0.03: no number of blocks reaches it
        assertThat(new PairedEstimate.Spread(0.10, 0.04).blocksFor(0.03, 8)).isEmpty();
        assertThat(new PairedEstimate.Spread(0.10, 0.04).blocksFor(0.03, 16)).isPresent();
        assertThat(new PairedEstimate.Spread(Double.NaN, 0.0).blocksFor(0.03, 8)).isEmpty();
    }
}
