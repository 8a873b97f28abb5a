package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From JMH's JSON to verdicts, on a hand-made pool claim whose ratios are known. */
class ClaimsReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The dataset's live size every hand-made fork reports. */
    private static final double DATASET_BYTES = 1e7;

    /**
     * A POOL fork: arm 0 is "after" (pooled), arm 1 "new_connection_per_chunk". Shots alternate
     * in the order given; every block holds both arms once.
     */
    private static ObjectNode poolFork(int round, double[] seconds, int[] arms) {
        return fork("ClaimBenchmark", "POOL", round, seconds, arms, null);
    }

    /** A fork of {@code benchmark} (ClaimBenchmark or PythonClaimBenchmark); {@code rss} per shot, or null for none. */
    private static ObjectNode fork(String benchmark, String claim, int round, double[] seconds, int[] arms, double[] rss) {
        return fork(benchmark, claim, round, seconds, arms, rss, null);
    }

    /** As above, with {@code heap} the retained heap per shot (NaN where not probed), or null for none. */
    private static ObjectNode fork(String benchmark, String claim, int round, double[] seconds, int[] arms, double[] rss,
            double[] heap) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("benchmark", "dev.pginsertbench.bench." + benchmark + ".load");
        entry.put("mode", "ss");
        entry.putObject("params").put("claim", claim).put("round", String.valueOf(round)).put("rows", "1000");
        ArrayNode times = entry.putObject("primaryMetric").put("scoreUnit", "s/op").putArray("rawData").addArray();
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        ArrayNode armData = secondary.putObject("arm").putArray("rawData").addArray();
        ArrayNode chunkData = secondary.putObject("meanChunkSeconds").putArray("rawData").addArray();
        ArrayNode heapData = secondary.putObject("retainedHeapBytes").putArray("rawData").addArray();
        ArrayNode rssData = rss == null ? null : secondary.putObject("peakRssGrowthBytes").putArray("rawData").addArray();
        ArrayNode datasetData = secondary.putObject("datasetHeapBytes").putArray("rawData").addArray();
        for (int i = 0; i < seconds.length; i++) {
            times.add(seconds[i]);
            armData.add(arms[i]);
            chunkData.add(seconds[i] / 10);
            heapData.add(heap == null ? Double.NaN : heap[i]);
            datasetData.add(DATASET_BYTES);
            if (rssData != null) {
                rssData.add(rss[i]);
            }
        }
        return entry;
    }

    private static JsonNode twoForks() {
        ArrayNode results = JSON.createArrayNode();
        // fork 1: pooled/new = 0.8 in both blocks; fork 2: 0.9 in both blocks
        results.add(poolFork(1, new double[] {1.0, 0.8, 0.4, 0.5}, new int[] {1, 0, 0, 1}));
        results.add(poolFork(2, new double[] {0.9, 1.0, 1.8, 2.0}, new int[] {0, 1, 0, 1}));
        return results;
    }

    @Test
    void eachRoundTripTimeIsComparedOnItsOwn() {
        ArrayNode results = (ArrayNode) twoForks();
        // through a 20 ms relay, pooled/new = 0.5 in every block of both rounds
        for (int round = 1; round <= 2; round++) {
            ObjectNode far = poolFork(round, new double[] {2.0, 1.0, 1.0, 2.0}, new int[] {1, 0, 0, 1});
            ((ObjectNode) far.get("params")).put("rtt", "20ms");
            results.add(far);
        }
        ClaimsReport report = ClaimsReport.of(ClaimShotResults.of(results));
        assertThat(report.roundTripTimes()).extracting(RoundTripDelay::toString).containsExactly("loopback", "20ms");
        assertThat(report.results()).extracting(r -> r.rtt().toString()).containsExactly("loopback", "20ms");
        assertThat(report.results().get(0).estimate()).isCloseTo(100 * (1 - Math.sqrt(0.8 * 0.9)), within(1e-9));
        assertThat(report.results().get(1).estimate()).isCloseTo(50.0, within(1e-9));
        assertThat(report.results().get(1).forks()).isEqualTo(2);
        assertThat(report.csv().lines().skip(2).findFirst().orElseThrow())
                .startsWith("pool,java,20ms,20.0000,1000,pooled_vs_per_chunk,");
        assertThat(report.table()).contains("| rtt |").contains(" 20ms | 50.0 % [50.0 %, 50.0 %]");
        assertThat(report.shotsCsv()).contains("pool,java,20ms,2,1,4,2,new_connection_per_chunk,");
        assertThat(report.throughRelay()).isTrue();
        assertThat(report.markdown("r", 1000)).contains("## The network").contains("| pool | java @20ms | after |");
    }

    @Test
    void eachSizeIsComparedOnItsOwnWhereALanguageMeasuredSeveral() {
        ArrayNode results = (ArrayNode) twoForks();
        // on ten times the rows, pooled/new = 0.5 in every block of both rounds
        for (int round = 1; round <= 2; round++) {
            ObjectNode larger = poolFork(round, new double[] {20.0, 10.0, 10.0, 20.0}, new int[] {1, 0, 0, 1});
            ((ObjectNode) larger.get("params")).put("rows", "10000");
            results.add(larger);
        }
        ClaimsReport report = ClaimsReport.of(ClaimShotResults.of(results));
        assertThat(report.severalSizes()).isTrue();
        assertThat(report.sizes()).containsExactly(1_000L, 10_000L);
        assertThat(report.results()).extracting(ClaimResult::rows).containsExactly(1_000L, 10_000L);
        assertThat(report.results().get(0).estimate()).isCloseTo(100 * (1 - Math.sqrt(0.8 * 0.9)), within(1e-9));
        assertThat(report.results().get(1).estimate()).isCloseTo(50.0, within(1e-9));
        assertThat(report.csv().lines().skip(2).findFirst().orElseThrow())
                .startsWith("pool,java,loopback,0.00000,10000,pooled_vs_per_chunk,");
        assertThat(report.table()).contains("| rows |").contains(" 10,000 | 50.0 % [50.0 %, 50.0 %]");
        assertThat(report.markdown("r", 1000)).contains("| pool | java @10,000 rows | after |")
                .contains("| pool | java @1,000 rows | after |")
                .contains("## As the load grows")
                .contains("| pool | java | pooled_vs_per_chunk | 1,000 rows: ").contains("; 10,000 rows: 50.0 % [50.0 %, 50.0 %], ");
    }

    @Test
    void aRunOfOneSizePerLanguageShowsNoRowsColumn() {
        ClaimsReport report = ClaimsReport.of(ClaimShotResults.of(twoForks()));
        assertThat(report.severalSizes()).isFalse();
        assertThat(report.table()).doesNotContain("| rows |");
    }

    @Test
    void aRunOnLoopbackOnlyShowsNoRoundTripColumn() {
        ClaimsReport report = ClaimsReport.of(ClaimShotResults.of(twoForks()));
        assertThat(report.throughRelay()).isFalse();
        assertThat(report.table()).doesNotContain("rtt");
        assertThat(report.markdown("r", 1000)).doesNotContain("## The network");
    }

    @Test
    void shotsAreListedInOrderWithTheirArmAndBlock() {
        List<ClaimShotResult> shots = ClaimShotResults.of(twoForks());
        assertThat(shots).hasSize(8);
        assertThat(shots.get(0).arm()).isEqualTo("new_connection_per_chunk");
        assertThat(shots.get(1).arm()).isEqualTo("after");
        assertThat(shots.get(2).block()).isEqualTo(2);
        assertThat(shots.get(4).round()).isEqualTo(2);
        assertThat(ClaimsReport.of(shots).shotsCsv().lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("pool,java,loopback,1,1,1,1,new_connection_per_chunk,1.00000,1000,100.000,NaN,NaN,NaN,10.0000,"
                        + "NaN,NaN,NaN,NaN,NaN,NaN");
    }

    @Test
    void theRatioIsTheMeanOfTheForksAndTheIntervalStudentsTOverThem() {
        ClaimResult result = ClaimsReport.of(ClaimShotResults.of(twoForks())).results().get(0);
        double mean = (Math.log(0.8) + Math.log(0.9)) / 2;
        double sd = Math.abs(Math.log(0.8) - Math.log(0.9)) / Math.sqrt(2);
        double half = 12.706205 * sd / Math.sqrt(2);
        assertThat(result.estimate()).isCloseTo(100 * (1 - Math.exp(mean)), within(1e-9));
        assertThat(result.low()).isCloseTo(100 * (1 - Math.exp(mean + half)), within(1e-4));
        assertThat(result.high()).isCloseTo(100 * (1 - Math.exp(mean - half)), within(1e-4));
        assertThat(result.pairs()).isEqualTo(4);
        assertThat(result.forks()).isEqualTo(2);
        // 15 % saved on average, but two forks leave the interval far wider than 3 points
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.precisionMet()).isFalse();
    }

    @Test
    void theCsvHasOneRowPerComparisonOfEachMeasuredClaim() {
        String csv = ClaimsReport.of(ClaimShotResults.of(twoForks())).csv();
        assertThat(csv.lines()).hasSize(1 + OriginalClaim.POOL.comparisons().size());
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .startsWith("pool,java,loopback,0.00000,1000,pooled_vs_per_chunk,Connection pooling: 10-20 % faster (less connection overhead),")
                .contains(",% less time,true,10.0000,20.0000,15.")
                .contains(",4,2,inconclusive,log_ratio,");
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
        List<String> cells = cells(csv.lines().skip(1).findFirst().orElseThrow());
        assertThat(cells).hasSameSizeAs(header);
        // each fork's two blocks agree exactly: nothing varies within a round, all between the rounds
        assertThat(Double.parseDouble(cells.get(header.indexOf("sd_within_round")))).isCloseTo(0, within(1e-9));
        assertThat(Double.parseDouble(cells.get(header.indexOf("sd_between_rounds"))))
                .isCloseTo(100 * Math.abs(Math.log(0.8 / 0.9)) / Math.sqrt(2), within(1e-4));
        assertThat(Double.parseDouble(cells.get(header.indexOf("warmup_difference")))).isCloseTo(0, within(1e-9));
        assertThat(cells.get(header.indexOf("warmup_flagged"))).isEqualTo("false");
        assertThat(Double.parseDouble(cells.get(header.indexOf("scale_estimate"))))
                .isCloseTo((Math.log(0.8) + Math.log(0.9)) / 2, within(1e-5));
        assertThat(cells.get(header.indexOf("df"))).isEqualTo("1");
    }

    @Test
    void armsAreReadByTheirCodesAndOlderResultsByTheirIndexes() {
        JsonNode byIndex = twoForks();
        JsonNode byCode = twoForks().deepCopy();
        for (JsonNode entry : byCode) {
            ArrayNode arms = (ArrayNode) entry.path("secondaryMetrics").path("arm").path("rawData").get(0);
            for (int shot = 0; shot < arms.size(); shot++) {
                arms.set(shot, OriginalClaim.POOL.arms().get(arms.get(shot).asInt()).code());
            }
        }
        assertThat(ClaimShotResults.of(byCode).stream().map(ClaimShotResult::arm))
                .containsExactlyElementsOf(ClaimShotResults.of(byIndex).stream().map(ClaimShotResult::arm).toList())
                .contains("after", "new_connection_per_chunk");
        ((ArrayNode) byCode.get(0).path("secondaryMetrics").path("arm").path("rawData").get(0)).set(0, 12345L);
        assertThatThrownBy(() -> ClaimShotResults.of(byCode)).hasMessageContaining("ran arm 12345 (none of the claim's)");
    }

    @Test
    void aShotWithoutItsArmIsAnErrorNamingTheFork() {
        ArrayNode results = JSON.createArrayNode();
        ObjectNode fork = poolFork(1, new double[] {1.0, 0.8}, new int[] {1, 0});
        ((ObjectNode) fork.path("secondaryMetrics")).remove("arm");
        results.add(fork);
        assertThatThrownBy(() -> ClaimShotResults.of(results)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ClaimBenchmark.load {claim=POOL, round=1}").hasMessageContaining("no 'arm' counter");
    }

    @Test
    void theMarkdownSaysWhetherMoreBlocksWouldMeetTheTarget() {
        // the two forks disagree by 8.3 log-% and agree within themselves: with two rounds only more rounds help
        assertThat(ClaimsReport.of(ClaimShotResults.of(twoForks())).markdown("r", 1000))
                .contains("| pool | java | pooled_vs_per_chunk | log-% | 0.0 | 8.3 | -0.0 [-0.0, 0.0] | no | none (2) |");
    }

    @Test
    void memoryIsTheDifferenceInPercentOfTheDatasetAndSlightlyMoreMeansAtMostATenth() {
        ArrayNode results = JSON.createArrayNode();
        // conversion: arm 0 "after" (up front) holds 7.5 MB, arm 1 "convert_per_chunk" 0.5 MB; the dataset is 10 MB
        for (int round = 1; round <= 3; round++) {
            double extra = 0.01 * round; // so that the rounds differ a little
            results.add(fork("ClaimBenchmark", "CONVERSION", round, new double[] {1.0, 1.1}, new int[] {0, 1}, null,
                    new double[] {7.5e6 + extra * 1e6, 0.5e6}));
        }
        ClaimResult memory = ClaimsReport.of(ClaimShotResults.of(results)).results().stream()
                .filter(r -> r.comparison().id().equals("retained_memory")).findFirst().orElseThrow();
        assertThat(memory.estimate()).isCloseTo(70.2, within(1e-9));
        assertThat(memory.verdict()).isEqualTo(Verdict.LARGER);
        assertThat(memory.memory().changedBytes()).isCloseTo(7.52e6, within(1e-3));
        assertThat(memory.memory().extraBytesPerRow()).isCloseTo(7020, within(1e-6));
        // per chunk holds 5 % of the dataset: below a tenth, so no ratio is given
        assertThat(memory.memory().ratio()).isNaN();
    }

    /** The cells of one CSV line, quotes removed. */
    private static List<String> cells(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void theTableSaysSoWhenOneForkGivesNoIntervalInsteadOfPrintingNaN() {
        ArrayNode results = JSON.createArrayNode();
        // one fork of one block: a single pair, nothing to put an interval on
        results.add(poolFork(1, new double[] {1.0, 0.8}, new int[] {1, 0}));
        String table = ClaimsReport.of(ClaimShotResults.of(results)).table();
        assertThat(table).contains("(no interval from one fork)").doesNotContain("NaN");
        assertThat(ClaimsReport.of(ClaimShotResults.of(twoForks())).table()).doesNotContain("no interval");
    }

    @Test
    void aForkWhoseShotsDoNotFormWholeBlocksIsRejected() {
        ArrayNode results = JSON.createArrayNode();
        results.add(poolFork(1, new double[] {1.0, 0.8, 0.4, 0.5}, new int[] {1, 1, 0, 0}));
        assertThatThrownBy(() -> ClaimShotResults.of(results)).hasMessageContaining("does not complete a block of 2");
    }

    @Test
    void pythonForksAreComparedApartAndShownBesideJava() {
        ArrayNode results = (ArrayNode) twoForks();
        // Python: pooled/new = 0.5 in every block of both forks; no virtual-thread arm in sync_vs_async
        results.add(fork("PythonClaimBenchmark", "POOL", 1, new double[] {2.0, 1.0, 1.0, 2.0}, new int[] {1, 0, 0, 1},
                new double[] {1e6, 1e6, 1e6, 1e6}));
        results.add(fork("PythonClaimBenchmark", "POOL", 2, new double[] {4.0, 2.0, 2.0, 4.0}, new int[] {1, 0, 0, 1},
                new double[] {1e6, 1e6, 1e6, 1e6}));
        ClaimsReport report = ClaimsReport.of(ClaimShotResults.of(results));
        assertThat(report.results()).extracting(r -> r.language().id()).containsExactly("java", "python");
        ClaimResult python = report.results().get(1);
        assertThat(python.estimate()).isCloseTo(50.0, within(1e-9));
        assertThat(python.forks()).isEqualTo(2);
        assertThat(report.csv().lines().skip(2).findFirst().orElseThrow()).startsWith("pool,python,loopback,0.00000,1000,pooled_vs_per_chunk,");
        assertThat(report.shots()).filteredOn(shot -> shot.language() == Language.PYTHON).hasSize(8)
                .allSatisfy(shot -> assertThat(shot.allocatedBytes()).isNaN())
                .allSatisfy(shot -> assertThat(shot.peakRssGrowthBytes()).isEqualTo(1e6));
        String table = report.table();
        assertThat(table.lines().findFirst().orElseThrow()).contains("Java: measured", "Python: measured", "Python: verdict");
        assertThat(table).contains("| pool * | pool of 1-5 vs a new connection per chunk, whole load | 10.0 % to 20.0 % | 15.");
        assertThat(report.markdown("r", 1000)).contains("| pool | python | after |");
    }

    @Test
    void aPythonForkBlockHasNoVirtualThreadArm() {
        ArrayNode results = JSON.createArrayNode();
        // sync_vs_async in Python: arms sync (0) and after (1) only; arm 2 (after_virtual) has no counterpart
        results.add(fork("PythonClaimBenchmark", "SYNC_VS_ASYNC", 1, new double[] {2.0, 1.0}, new int[] {0, 1},
                new double[] {1e6, 4e6}));
        ClaimsReport report = ClaimsReport.of(ClaimShotResults.of(results));
        assertThat(report.results()).extracting(r -> r.comparison().id()).containsExactly("speed", "retained_memory",
                "peak_rss");
        // peak RSS 4 MB after against 1 MB sync, of a 10 MB dataset: 30 % of the dataset more
        assertThat(report.results().get(2).estimate()).isCloseTo(30.0, within(1e-9));
        ArrayNode wrong = JSON.createArrayNode();
        wrong.add(fork("PythonClaimBenchmark", "SYNC_VS_ASYNC", 1, new double[] {2.0, 1.0}, new int[] {0, 2}, null));
        assertThatThrownBy(() -> ClaimShotResults.of(wrong)).hasMessageContaining("does not complete a block of 2");
    }

    @Test
    void otherBenchmarksAreNotClaims() {
        ArrayNode results = JSON.createArrayNode();
        results.addObject().put("benchmark", "dev.pginsertbench.bench.PooledCopyBenchmark.load");
        assertThat(ClaimsReport.of(ClaimShotResults.of(results)).isEmpty()).isTrue();
    }
}
