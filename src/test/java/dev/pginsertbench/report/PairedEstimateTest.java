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
}
