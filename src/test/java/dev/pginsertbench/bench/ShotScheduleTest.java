package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of an interleaved fork's shots: every measured block holds each arm once, whatever the warm-up. */
class ShotScheduleTest {

    @Test
    void aWarmupThatIsNotWholeBlocksStillLeavesTheMeasuredShotsInWholeBlocks() {
        for (int arms : List.of(2, 3)) {
            for (int warmup : List.of(0, 1, 3, 4)) {
                ShotSchedule schedule = ShotSchedule.withWarmupShots(arms, warmup, 2, 42L);
                assertThat(schedule.shots()).isEqualTo(warmup + 2 * arms);
                for (int block = 0; block < 2; block++) {
                    int first = warmup + block * arms;
                    assertThat(new HashSet<>(schedule.order().subList(first, first + arms))).hasSize(arms);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        assertThat(ShotSchedule.withWarmupShots(3, 3, 4, 7L)).isEqualTo(ShotSchedule.withWarmupShots(3, 3, 4, 7L));
        assertThat(ShotSchedule.withWarmupShots(3, 3, 4, 7L).order())
                .isNotEqualTo(ShotSchedule.withWarmupShots(3, 3, 4, 8L).order());
    }

    @Test
    void measuredShotsThatAreNotWholeBlocksAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ShotSchedule.blocks(6, 4, "fork x: measured shots (-i)"))
                .hasMessageContaining("fork x: measured shots (-i)").hasMessageContaining("blocks of 4");
    }

    @Test
    void memoryIsProbedInTheLastWarmupBlockAfterEveryArmHasLoadedOnce() {
        ShotSchedule schedule = ShotSchedule.of(3, 2, 4, 9);
        for (int shot = 0; shot < schedule.shots(); shot++) {
            assertThat(schedule.inProbeBlock(shot)).as("shot " + shot).isEqualTo(shot >= 3 && shot < 6);
        }
        ShotSchedule oneWarmup = ShotSchedule.of(2, 1, 2, 9);
        assertThat(oneWarmup.inProbeBlock(0)).isTrue();
        assertThat(oneWarmup.inProbeBlock(2)).isFalse();
    }
}
