package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every run draws its own seed unless one is given, and a given one repeats a run's order exactly. */
class RunSeedTest {

    @Test
    void runsWithoutASeedDrawDifferentOnes() throws UsageException {
        Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            RunSeed seed = RunSeed.of(null);
            assertThat(seed.drawn()).isTrue();
            assertThat(seed.value()).isBetween(0L, RunSeed.BOUND - 1);
            drawn.add(seed.value());
        }
        assertThat(drawn).hasSize(20);
    }

    @Test
    void aGivenSeedIsKeptAndReordersTheClaimsProfileAsTheRunItCameFrom() throws UsageException {
        RunSeed given = RunSeed.of(1234L);
        assertThat(given).isEqualTo(new RunSeed(1234, false));
        assertThat(given.describe()).isEqualTo("seed 1234 (given)");
        RunPlan first = RunPlan.of(RunOptions.parse(List.of("claims", "--seed", "1234")));
        RunPlan again = RunPlan.of(RunOptions.parse(List.of("claims", "--seed", "1234")));
        RunPlan other = RunPlan.of(RunOptions.parse(List.of("claims", "--seed", "1235")));
        assertThat(again.configurations()).isEqualTo(first.configurations());
        assertThat(other.configurations()).isNotEqualTo(first.configurations());
        assertThat(first.forkFlags(java.nio.file.Path.of("c"))).contains("-Dbench.scheduleSeed=1234", "-Dbench.seed=42");
        assertThat(first.order().seed()).isEqualTo(1234);
        assertThat(first.order().seedDrawn()).isFalse();
        assertThat(first.order().roundsShuffled()).isTrue();
    }

    @Test
    void aSeedOutsideTheRangeIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> RunSeed.of(-1L)).isInstanceOf(UsageException.class).hasMessageStartingWith("--seed -1:");
        assertThatThrownBy(() -> RunSeed.of(RunSeed.BOUND)).isInstanceOf(UsageException.class);
    }
}
