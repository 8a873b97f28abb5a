package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every verdict from hand-placed intervals against a claimed 10-20 % and against one-sided claims, boundaries included. */
class VerdictTest {

    private static Verdict tenToTwenty(double low, double high, boolean precise) {
        return Verdict.of(10.0, 20.0, low, high, precise);
    }

    @Test
    void insideTheRangeIsConfirmedWhateverItsWidth() {
        assertThat(tenToTwenty(12, 18, true)).isEqualTo(Verdict.CONFIRMED);
        assertThat(tenToTwenty(10.5, 19.5, false)).isEqualTo(Verdict.CONFIRMED);
    }

    @Test
    void anIntervalEqualToTheRangeIsInsideIt() {
        assertThat(tenToTwenty(10, 20, false)).isEqualTo(Verdict.CONFIRMED);
    }

    @Test
    void whollyBelowIsSmallerAndWhollyAboveIsLargerWhateverTheWidth() {
        assertThat(tenToTwenty(2, 9.99, true)).isEqualTo(Verdict.SMALLER);
        assertThat(tenToTwenty(-30, 9, false)).isEqualTo(Verdict.SMALLER);
        assertThat(tenToTwenty(20.01, 25, true)).isEqualTo(Verdict.LARGER);
        assertThat(tenToTwenty(21, 60, false)).isEqualTo(Verdict.LARGER);
    }

    @Test
    void touchingABoundaryFromOutsideOverlapsIt() {
        assertThat(tenToTwenty(5, 10, true)).isEqualTo(Verdict.PARTLY);
        assertThat(tenToTwenty(20, 24, true)).isEqualTo(Verdict.PARTLY);
        assertThat(tenToTwenty(5, 10, false)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void straddlingABoundaryIsPartlyWhenPreciseAndInconclusiveWhenNot() {
        assertThat(tenToTwenty(8, 13, true)).isEqualTo(Verdict.PARTLY);
        assertThat(tenToTwenty(17, 23, true)).isEqualTo(Verdict.PARTLY);
        assertThat(tenToTwenty(8, 13, false)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(tenToTwenty(5, 25, false)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aOneSidedClaimIsNeverLargerThanClaimed() {
        assertThat(Verdict.of(0.0, null, 0.5, 90, false)).isEqualTo(Verdict.CONFIRMED);
        assertThat(Verdict.of(0.0, null, -4, -1, true)).isEqualTo(Verdict.SMALLER);
        assertThat(Verdict.of(0.0, null, -1, 1, true)).isEqualTo(Verdict.PARTLY);
        assertThat(Verdict.of(1.0, null, 0.9, 3, false)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.of(null, 5.0, 6, 7, true)).isEqualTo(Verdict.LARGER);
    }

    @Test
    void noClaimedRangeIsNoClaimAndAMissingIntervalIsInconclusive() {
        assertThat(Verdict.of(null, null, 1, 2, true)).isEqualTo(Verdict.NO_CLAIM);
        assertThat(tenToTwenty(Double.NaN, Double.NaN, false)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aReversedIntervalIsRejected() {
        assertThatThrownBy(() -> tenToTwenty(15, 12, true)).hasMessageContaining("reversed");
    }
}
