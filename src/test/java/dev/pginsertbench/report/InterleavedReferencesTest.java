package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.bench.ReferenceArm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From JMH's JSON of interleaved reference forks to paired ratios and per-arm summary rows, on hand-made shots. */
class InterleavedReferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COPY = ReferenceArm.POOLED_COPY.ordinal();
    private static final int PSQL = ReferenceArm.PSQL.ordinal();
    private static final int CEILING = ReferenceArm.PARALLEL_CEILING.ordinal();

    /** One round's fork: shots in the order given, {@code arms} their ReferenceArm ordinals; client CPU = 100 x arm. */
    private static ObjectNode fork(int round, int tasks, double[] seconds, int[] arms) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("benchmark", "dev.pginsertbench.bench.InterleavedReferenceBenchmark.load");
        entry.put("mode", "ss");
        entry.putObject("params").put("chunkSize", "20000").put("tasks", String.valueOf(tasks))
                .put("round", String.valueOf(round)).put("rows", "1000").put("server", "17.6 embedded");
        ArrayNode times = entry.putObject("primaryMetric").put("scoreUnit", "s/op").putArray("rawData").addArray();
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        ArrayNode armData = secondary.putObject("referenceArm").putArray("rawData").addArray();
        ArrayNode cpuData = secondary.putObject("clientCpuNsPerRow").putArray("rawData").addArray();
        for (int i = 0; i < seconds.length; i++) {
            times.add(seconds[i]);
            armData.add(arms[i]);
            cpuData.add(100.0 * arms[i]);
        }
        return entry;
    }

    /**
     * Two rounds at 2 tasks: in round 1 psql takes 3x and the ceiling 0.5x pooled COPY's time in
     * every block; in round 2, 2x and 0.8x. A standalone psql entry, faster than any interleaved
     * shot, must not become the reference.
     */
    private static JsonNode twoRounds() {
        ArrayNode results = JSON.createArrayNode();
        results.add(fork(1, 2, new double[] {1.0, 3.0, 0.5, 4.5, 1.5, 0.75},
                new int[] {COPY, PSQL, CEILING, PSQL, COPY, CEILING}));
        results.add(fork(2, 2, new double[] {0.8, 1.0, 2.0, 1.6, 4.0, 2.0},
                new int[] {CEILING, COPY, PSQL, CEILING, PSQL, COPY}));
        ObjectNode standalone = JSON.createObjectNode();
        standalone.put("benchmark", "dev.pginsertbench.bench.PsqlCopyBenchmark.psqlCopy");
        standalone.putObject("params").put("rows", "1000").put("server", "17.6 embedded");
        standalone.putObject("primaryMetric").put("scoreUnit", "s/op").putArray("rawData").addArray().add(0.1).add(0.1);
        standalone.putObject("secondaryMetrics");
        results.add(standalone);
        return results;
    }

    @Test
    void eachBlockPairsPooledCopyWithEachReferenceAndTheIntervalIsOverRounds() {
        InterleavedReferences.Group group = InterleavedReferences.of(twoRounds()).get(0);
        assertThat(group.shots()).hasSize(12);
        PairedEstimate psql = group.ratio(ReferenceArm.PSQL).orElseThrow();
        assertThat(psql.forks()).isEqualTo(2);
        assertThat(psql.pairs()).isEqualTo(4);
        assertThat(Math.exp(psql.mean())).isCloseTo(Math.sqrt(3 * 2), within(1e-9));
        double half = 12.706205 * Math.abs(Math.log(3) - Math.log(2)) / Math.sqrt(2) / Math.sqrt(2);
        assertThat(psql.high() - psql.mean()).isCloseTo(half, within(1e-5));
        assertThat(group.roundRatios(ReferenceArm.PARALLEL_CEILING)).containsExactly(0.5, 0.8);
    }

    @Test
    void theArmsBecomeRowsAndPooledCopysRatiosAreThePairedOnes() {
        List<SummaryRow> rows = ResultSummary.of(twoRounds(), 1000.0);
        SummaryRow pooled = rows.stream().filter(r -> r.interleaved() && r.benchmark().equals("PooledCopyBenchmark.load"))
                .findFirst().orElseThrow();
        assertThat(pooled.params()).containsEntry("chunkSize", "20000").containsEntry("tasks", "2")
                .containsEntry("format", "COPY_BINARY").containsEntry("transport", "TCP");
        assertThat(pooled.times().n()).isEqualTo(4);
        assertThat(pooled.forks()).isEqualTo(2);
        assertThat(pooled.cpu().clientNsPerRow()).isEqualTo(100.0 * COPY);
        assertThat(pooled.ratio(Reference.PSQL).estimate()).isCloseTo(Math.sqrt(6), within(1e-9));
        assertThat(pooled.ratio(Reference.PARALLEL_CEILING).estimate()).isCloseTo(Math.sqrt(0.4), within(1e-9));
        SummaryRow psql = rows.stream().filter(r -> r.interleaved() && r.benchmark().equals("PsqlCopyBenchmark.psqlCopy"))
                .findFirst().orElseThrow();
        assertThat(psql.times().n()).isEqualTo(4);
        assertThat(psql.cpu().clientNsPerRow()).isEqualTo(100.0 * PSQL);
        assertThat(psql.label()).endsWith(ResultSummary.INTERLEAVED_LABEL);
        // the standalone psql row is compared with the interleaved psql, not the other way round
        SummaryRow standalone = rows.stream().filter(r -> !r.interleaved() && r.benchmark().startsWith("Psql")).findFirst()
                .orElseThrow();
        assertThat(standalone.ratio(Reference.PSQL).estimate()).isGreaterThan(1);
        assertThat(psql.ratio(Reference.PSQL).estimate()).isEqualTo(1.0);
        assertThat(rows.stream().filter(r -> r.interleaved() && r.benchmark().startsWith("ParallelCeiling")))
                .singleElement().satisfies(r -> assertThat(r.params()).containsEntry("tasks", "2"));
    }

    @Test
    void theSummaryAndTheCsvFilesShowTheRatiosAndEveryShot() {
        JsonNode results = twoRounds();
        List<InterleavedReferences.Group> groups = InterleavedReferences.of(results);
        String section = InterleavedReferences.markdown(groups, ResultSummary.of(results, 1000.0)).orElseThrow();
        assertThat(section).contains("| 17.6 embedded | 20,000 x 2 |").contains("| 2.45 [").contains("| 4 (2) | 3.00, 2.00 |");
        assertThat(InterleavedReferences.csv(groups).lines()).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("17.6 embedded,1000,20000,2,psql,2.44949,"));
        assertThat(InterleavedReferences.shotsCsv(groups).lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("17.6 embedded,1000,20000,2,1,1,1,1,pooled_copy,1,1000");
    }

    @Test
    void aForkWhoseShotsAreNotWholeBlocksIsRefusedWithItsPlace() {
        ArrayNode results = JSON.createArrayNode();
        results.add(fork(1, 2, new double[] {1.0, 3.0, 1.0}, new int[] {COPY, PSQL, COPY}));
        assertThatThrownBy(() -> InterleavedReferences.of(results)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fork 1, shot 3").hasMessageContaining("round=1");
    }

    @Test
    void referenceArmsAreReadByTheirCodesAndOlderResultsByTheirIndexes() {
        for (ReferenceArm arm : ReferenceArm.values()) {
            assertThat(ReferenceArm.of(arm.code())).isEqualTo(arm);
            assertThat(ReferenceArm.of(arm.ordinal())).isEqualTo(arm);
            assertThat(arm.code()).isGreaterThanOrEqualTo(ReferenceArm.values().length);
        }
        // CRC-32 of "PSQL", as zlib.crc32(b"PSQL") computes it
        assertThat(ReferenceArm.PSQL.code()).isEqualTo(1484333561L);
        assertThatThrownBy(() -> ReferenceArm.of(7)).hasMessageContaining("no reference arm 7");
    }
}
