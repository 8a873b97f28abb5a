package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.claims.ScaleStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryNeedTest {

    private static final MemoryRoom ROOM = new MemoryRoom(8.0 * (1L << 30), 24.0 * (1L << 30));

    private static Map<Parameter, Object> scale(ScaleStrategy strategy, Language language) {
        return Map.of(Parameter.STRATEGY, strategy, Parameter.LANGUAGE, language, Parameter.ROUND, 1);
    }

    @Test
    void convertingTenMillionRowsUpFrontIsRefusedNamingTheSizeAndTheMemoryItNeeds() {
        assertThat(MemoryNeed.refusal(Catalogue.SCALE, scale(ScaleStrategy.AFTER, Language.JAVA), 10_000_000, ROOM)).hasValueSatisfying(reason -> assertThat(reason)
                        .contains("10,000,000 rows", "10.3 GiB", "Java", "converted up front", "1,104 bytes a row",
                                "the fork's heap of 8.0 GiB"));
        assertThat(MemoryNeed.refusal(Catalogue.SCALE, scale(ScaleStrategy.AFTER, Language.JAVA), 1_000_000, ROOM)).isEmpty();
    }

    @Test
    void aStreamingStrategyFitsAtEverySize() {
        for (ScaleStrategy strategy : new ScaleStrategy[] {ScaleStrategy.SYNC, ScaleStrategy.BEFORE,
                ScaleStrategy.POOLED_COPY}) {
            assertThat(MemoryNeed.refusal(Catalogue.SCALE, scale(strategy, Language.JAVA), Integer.MAX_VALUE, ROOM)).as(strategy.id()).isEmpty();
        }
    }

    @Test
    void thePythonPortsModelsMustFitBesideTheForksHeap() {
        Map<Parameter, Object> before = scale(ScaleStrategy.BEFORE, Language.PYTHON);
        assertThat(MemoryNeed.refusal(Catalogue.SCALE, before, 1_000_000, ROOM)).isEmpty();
        assertThat(MemoryNeed.refusal(Catalogue.SCALE, before, 10_000_000, ROOM))
                .hasValueSatisfying(reason -> assertThat(reason).contains("10,000,000 rows", "Python", "models held",
                        "the machine's 24.0 GiB less the fork's heap"));
    }

    @Test
    void aClaimForkHoldsItsRowsTwiceAndConvertsThemUpFront() {
        Map<Parameter, Object> claim = Map.of(Parameter.CLAIM, OriginalClaim.CONVERSION);
        assertThat(MemoryNeed.of(Catalogue.CLAIM, claim, 1_000_000).get(Language.JAVA).bytes())
                .isEqualTo(1_000_000 * (2 * MemoryNeed.JAVA_ROW_BYTES + MemoryNeed.JAVA_UPFRONT_BYTES));
        assertThat(MemoryNeed.refusal(Catalogue.CLAIM, claim, 1_000_000, ROOM)).isEmpty();
        assertThat(MemoryNeed.refusal(Catalogue.CLAIM, claim, 5_000_000, ROOM)).isPresent();
    }

    @Test
    void theForkHeapIsReadFromItsFlag() {
        assertThat(ForkFlags.maxHeapBytes()).isEqualTo(Long.parseLong(ForkFlags.MAX_HEAP.replaceAll("\\D", ""))
                * (1L << 30));
    }
}
