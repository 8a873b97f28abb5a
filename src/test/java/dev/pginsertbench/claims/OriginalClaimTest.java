package dev.pginsertbench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.load.Chunking;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.Conversion;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.load.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The study's arms are what the claims say: the original's "after", and one factor changed at a time. */
class OriginalClaimTest {

    @Test
    void afterIsTheOriginalRewriteAsPorted() {
        Arm after = OriginalClaim.after();
        assertThat(after.plan().protocol()).isEqualTo(Protocol.COPY_TEXT);
        assertThat(after.plan().connections()).isEqualTo(ConnectionMode.POOLED);
        assertThat(after.plan().conversion()).isEqualTo(Conversion.UPFRONT);
        assertThat(after.plan().chunking()).isEqualTo(Chunking.ADAPTIVE);
        assertThat(after.plan().chunkSize()).isEqualTo(5_000);
        assertThat(after.options().poolMinIdle(after.plan().tasks())).isEqualTo(1);
        assertThat(after.options().poolMaxSize(after.plan().tasks())).isEqualTo(5);
        LoadPlan before = OriginalClaim.END_TO_END.arm("before").plan();
        assertThat(before.protocol()).isEqualTo(Protocol.BATCH);
        assertThat(before.connections()).isEqualTo(ConnectionMode.PER_CHUNK);
        assertThat(before.chunking()).isEqualTo(Chunking.FIXED);
        assertThat(before.chunkSize()).isEqualTo(5_000);
        assertThat(before.tasks()).isEqualTo(after.plan().tasks());
    }

    @Test
    void everySingleChangeComparisonDiffersInExactlyOneFactor() {
        for (OriginalClaim claim : List.of(OriginalClaim.COPY, OriginalClaim.POOL, OriginalClaim.CONVERSION,
                OriginalClaim.ADAPTIVE)) {
            for (ClaimComparison comparison : claim.comparisons()) {
                List<String> differences = differences(claim.arm(comparison.changed()), claim.arm(comparison.original()));
                assertThat(differences).as(claim + " " + comparison.id()).hasSize(1);
            }
        }
        ClaimComparison executors = OriginalClaim.SYNC_VS_ASYNC.comparisons().stream()
                .filter(c -> c.id().equals("virtual_vs_platform")).findFirst().orElseThrow();
        assertThat(differences(OriginalClaim.SYNC_VS_ASYNC.arm(executors.changed()),
                OriginalClaim.SYNC_VS_ASYNC.arm(executors.original()))).containsExactly("executor");
    }

    @Test
    void theAdaptiveRuleFiresAtFiveHundredRowsPerChunkAndNotAtFiveThousand() {
        assertThat(OriginalClaim.adaptiveRuleFires(OriginalClaim.ADAPTIVE.arm("adaptive_500"), 100_000)).isTrue();
        assertThat(OriginalClaim.adaptiveRuleFires(OriginalClaim.ADAPTIVE.arm("after"), 100_000)).isFalse();
        assertThat(OriginalClaim.adaptiveRuleFires(OriginalClaim.ADAPTIVE.arm("fixed_500"), 100_000)).isFalse();
    }

    @Test
    void theEndToEndReadingsAreTheAuthorsNumbers() {
        ClaimComparison minutes = OriginalClaim.END_TO_END.comparisons().get(0);
        assertThat(minutes.primary()).isTrue();
        assertThat(minutes.claimedLow()).isCloseTo(26.47, org.assertj.core.data.Offset.offset(0.01));
        assertThat(minutes.claimedHigh()).isCloseTo(41.18, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyClaimHasAPrimaryComparisonAndArmIdsAreUniqueWithinIt() {
        for (OriginalClaim claim : OriginalClaim.values()) {
            assertThat(claim.comparisons()).as(claim.name()).anyMatch(ClaimComparison::primary);
            assertThat(claim.arms().stream().map(Arm::id).distinct()).hasSameSizeAs(claim.arms());
        }
    }

    private static List<String> differences(Arm a, Arm b) {
        List<String> out = new ArrayList<>();
        LoadPlan x = a.plan();
        LoadPlan y = b.plan();
        add(out, "protocol", x.protocol(), y.protocol());
        add(out, "connections", x.connections(), y.connections());
        add(out, "tasks", x.tasks(), y.tasks());
        add(out, "executor", x.executor(), y.executor());
        add(out, "chunkSize", x.chunkSize(), y.chunkSize());
        add(out, "chunking", x.chunking(), y.chunking());
        add(out, "conversion", x.conversion(), y.conversion());
        add(out, "errorPolicy", x.errorPolicy(), y.errorPolicy());
        boolean pooled = x.connections() == ConnectionMode.POOLED && y.connections() == ConnectionMode.POOLED;
        if (pooled) {
            LoaderOptions o = a.options();
            LoaderOptions p = b.options();
            add(out, "pool", o.poolMinIdle(x.tasks()) + "-" + o.poolMaxSize(x.tasks()), p.poolMinIdle(y.tasks()) + "-" + p.poolMaxSize(y.tasks()));
        }
        return out;
    }

    private static void add(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name);
        }
    }


    @Test
    void everyArmHasACodeOfItsOwnThatNoIndexCanBe() {
        for (OriginalClaim claim : OriginalClaim.values()) {
            List<Long> codes = claim.arms().stream().map(Arm::code).toList();
            assertThat(codes).as(claim.id()).doesNotHaveDuplicates()
                    .allSatisfy(code -> assertThat(code).isGreaterThanOrEqualTo(claim.arms().size()));
        }
        // the code is the arm's id, not its place: the same arm has it in every claim
        assertThat(OriginalClaim.ADAPTIVE.arm("after").code()).isEqualTo(OriginalClaim.COPY.arm("after").code());
        // CRC-32 of "after", as zlib.crc32(b"after") computes it
        assertThat(new Arm("after", "another label", OriginalClaim.after().plan(), LoaderOptions.defaults()).code())
                .isEqualTo(2302955073L);
    }

    @Test
    void bothClaimsBenchmarksOfferEveryClaim() throws NoSuchFieldException {
        // JMH reads a parameter's values from the annotation, which cannot name the enum: held to it here
        for (Class<?> benchmark : List.of(dev.pginsertbench.bench.ClaimBenchmark.class,
                dev.pginsertbench.bench.PythonClaimBenchmark.class)) {
            assertThat(benchmark.getField("claim").getAnnotation(org.openjdk.jmh.annotations.Param.class).value())
                    .as(benchmark.getSimpleName()).containsExactly(Arrays.stream(OriginalClaim.values()).map(Enum::name)
                            .toArray(String[]::new));
        }
    }
}
