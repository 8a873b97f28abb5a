package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the claims forks waited for on the network: the relay checked per level, and each arm's chunk time split. */
class ClaimsNetworkTest {

    private static final RoundTripDelay TWENTY = RoundTripDelay.ofMillis(20);

    /** One POOL shot; the fork's paths measured at its start repeat on every shot, as the counters do. */
    private static ClaimShotResult shot(RoundTripDelay rtt, int round, int shot, String arm, double chunkMs,
            double roundTrips, double loaderMs, double directMs) {
        return new ClaimShotResult(OriginalClaim.POOL, Language.JAVA, round, 1, shot, (shot + 1) / 2, arm, 1.0, 1000,
                chunkMs / 1e3, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                new ShotNetwork(rtt, roundTrips, 10, rtt.relayed() ? 500 : Double.NaN, loaderMs, directMs,
                        rtt.relayed() ? directMs + 0.1 : Double.NaN), ClaimShotResult.ShotCpu.UNKNOWN);
    }

    @Test
    void eachForkCountsOnceAgainstTheToleranceOfItsLevel() {
        List<ClaimShotResult> shots = new ArrayList<>();
        double[] added = {20.5, 21.5, 23.0};
        for (int round = 1; round <= 3; round++) {
            for (int s = 1; s <= 4; s++) {
                shots.add(shot(TWENTY, round, s, s % 2 == 0 ? "after" : "new_connection_per_chunk", 100, 50,
                        added[round - 1] + 0.3, 0.2));
            }
        }
        shots.add(shot(RoundTripDelay.ofMillis(0), 1, 1, "after", 10, 20, 0.34, 0.2));
        shots.add(shot(RoundTripDelay.ofMillis(0), 2, 1, "after", 10, 20, 0.42, 0.2));
        shots.add(shot(RoundTripDelay.LOOPBACK, 1, 1, "after", 10, Double.NaN, 0.2, 0.2));
        ClaimsNetwork network = ClaimsNetwork.of(shots);

        ClaimsNetwork.Accuracy zero = network.accuracy().get(0);
        assertThat(zero.rtt()).hasToString("0ms");
        assertThat(zero.toleranceMs()).isEqualTo(0.05);
        assertThat(zero.forks()).isEqualTo(2);
        assertThat(zero.within()).isEqualTo(1);
        assertThat(zero.accurate()).isFalse();

        ClaimsNetwork.Accuracy twenty = network.accuracy().get(1);
        assertThat(twenty.forks()).isEqualTo(3);
        assertThat(twenty.toleranceMs()).isCloseTo(2.0, within(1e-12));
        assertThat(twenty.added().medianMs()).isCloseTo(21.5, within(1e-9));
        assertThat(twenty.added().minMs()).isCloseTo(20.5, within(1e-9));
        assertThat(twenty.added().maxMs()).isCloseTo(23.0, within(1e-9));
        assertThat(twenty.relayOwn().medianMs()).isCloseTo(0.1, within(1e-9));
        assertThat(twenty.within()).isEqualTo(2);
        assertThat(network.accuracy()).as("loopback has no relay to check").hasSize(2);
        assertThat(network.markdown())
                .contains("| 20ms | 3 | 21.50 [20.50, 23.00] | 2 of 3 (outside the tolerance) | 0.10 [0.10, 0.10] |");
    }

    @Test
    void aChunksTimeIsSplitIntoItsRoundTripsTimesTheDelayAndTheRest() {
        List<ClaimShotResult> shots = List.of(
                shot(TWENTY, 1, 1, "new_connection_per_chunk", 200, 60, 20.2, 0.2),
                shot(TWENTY, 1, 2, "after", 90, 30, 20.2, 0.2),
                shot(TWENTY, 1, 3, "after", 110, 50, 20.2, 0.2),
                shot(TWENTY, 1, 4, "new_connection_per_chunk", 220, 80, 20.2, 0.2));
        ClaimsNetwork.ArmNetwork after = ClaimsNetwork.of(shots).arms().stream()
                .filter(a -> a.arm().equals("after")).findFirst().orElseThrow();
        assertThat(after.shots()).isEqualTo(2);
        assertThat(after.roundTripsPerChunk()).isCloseTo(4.0, within(1e-12));
        assertThat(after.meanChunkMs()).isCloseTo(100.0, within(1e-9));
        assertThat(after.networkWaitMs()).isCloseTo(80.0, within(1e-9));
        assertThat(after.restMs()).isCloseTo(20.0, within(1e-9));
        assertThat(ClaimsNetwork.of(shots).csv().lines().skip(1))
                .contains("pool,java,20ms,20.0000,after,2,4.00000,100.000,80.0000,20.0000,500.000");
    }

    @Test
    void onLoopbackNothingCountsRoundTripsSoNoneAreClaimed() {
        ClaimsNetwork.ArmNetwork loopback = ClaimsNetwork.of(List.of(
                shot(RoundTripDelay.LOOPBACK, 1, 1, "after", 10, Double.NaN, 0.2, 0.2))).arms().get(0);
        assertThat(loopback.roundTripsPerChunk()).isNaN();
        assertThat(loopback.networkWaitMs()).isNaN();
    }
}
