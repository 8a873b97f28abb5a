package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Python peers' side-by-side table, from shots whose times and CPU are known exactly. */
class PeersReportTest {

    private static final long ROWS = 20_000;
    /** Seconds per load of each Python arm; every round is this times the round's factor. */
    private static final Map<String, Double> PYTHON_SECONDS = Map.of("before", 4.0, "after", 1.0, "copy_binary", 0.5,
            "asyncpg_copy", 0.25, "copy_batch", 2.0, "executemany_no_pipeline", 8.0);
    private static final double[] ROUND_FACTOR = {0.9, 1.0, 1.1};

    private static List<ClaimShotResult> pythonShots() {
        List<ClaimShotResult> shots = new ArrayList<>();
        List<Arm> arms = Language.PYTHON.arms(OriginalClaim.PYTHON_PEERS);
        for (int round = 1; round <= ROUND_FACTOR.length; round++) {
            int shot = 0;
            for (int block = 1; block <= 2; block++) {
                for (Arm arm : arms) {
                    double seconds = PYTHON_SECONDS.get(arm.id()) * ROUND_FACTOR[round - 1];
                    shots.add(new ClaimShotResult(OriginalClaim.PYTHON_PEERS, Language.PYTHON, round, 1, ++shot, block,
                            arm.id(), seconds, ROWS, seconds / 4, Double.NaN, Double.NaN, 1e6, 5e7,
                            new ShotNetwork(RoundTripDelay.LOOPBACK, Double.NaN, 4, Double.NaN, 0.1, 0.1, Double.NaN),
                            new ClaimShotResult.ShotCpu(1_000.0 * round, 500)));
                }
            }
        }
        return shots;
    }

    @Test
    void eachArmsSpeedIsOverTheForksAndItsMultipleOfAfterIsThePairedComparison() {
        ClaimsReport claims = ClaimsReport.of(pythonShots());
        PeersReport peers = PeersReport.of(claims, 1_000).orElseThrow();
        assertThat(peers.rows()).extracting(r -> r.arm().id()).containsExactly("before", "after", "copy_binary",
                "asyncpg_copy", "copy_batch", "executemany_no_pipeline");
        PeersReport.Row asyncpg = peers.rows().get(3);
        // rows/s per round: 80,000 / factor; the mean of the three rounds and a t interval around it
        double expected = (ROWS / 0.25) * (1 / 0.9 + 1 / 1.0 + 1 / 1.1) / 3;
        assertThat(asyncpg.rowsPerSecond().estimate()).isCloseTo(expected, within(1e-6));
        assertThat(asyncpg.rowsPerSecond().low()).isLessThan(expected);
        assertThat(asyncpg.rowsPerSecond().high()).isGreaterThan(expected);
        assertThat(asyncpg.megabytesPerSecond().estimate()).isCloseTo(expected * 1_000 / 1e6, within(1e-9));
        assertThat(asyncpg.forks()).isEqualTo(3);
        assertThat(asyncpg.shots()).isEqualTo(6);
        assertThat(asyncpg.clientCpuNsPerRow().estimate()).isCloseTo(2_000, within(1e-9));
        assertThat(asyncpg.serverCpuNsPerRow().estimate()).isCloseTo(500, within(1e-9));
        // paired within blocks, every pair is exactly 4x: the interval has no width
        assertThat(asyncpg.timesAfter()).hasValueSatisfying(times -> {
            assertThat(times.estimate()).isCloseTo(4, within(1e-9));
            assertThat(times.low()).isCloseTo(4, within(1e-9));
        });
        assertThat(peers.rows().get(0).timesAfter()).hasValueSatisfying(
                times -> assertThat(times.estimate()).as("before, the inverse of after's 4x").isCloseTo(0.25,
                        within(1e-9)));
        assertThat(peers.rows().get(1).timesAfter()).hasValueSatisfying(
                times -> assertThat(times.estimate()).isEqualTo(1));
        assertThat(peers.rows().get(5).timesAfter()).hasValueSatisfying(
                times -> assertThat(times.estimate()).isCloseTo(0.125, within(1e-9)));
        assertThat(peers.csv().lines().skip(1)).hasSize(6).allSatisfy(line -> assertThat(line).startsWith("python,"));
        assertThat(peers.csv()).contains("python,asyncpg_copy,asyncpg copy_records_to_table (binary COPY),asyncpg,3,6,");
        assertThat(peers.markdown()).contains("| Python | asyncpg copy_records_to_table (binary COPY) | 3 | ")
                .contains("| 4.00 [4.00, 4.00] |");
    }

    @Test
    void aRunWithoutPeersHasNoPeersTable() {
        assertThat(PeersReport.of(ClaimsReport.of(List.of()), 1_000)).isEmpty();
    }
}
