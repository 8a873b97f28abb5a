package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.bench.Counter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary's arithmetic on a small hand-made JMH JSON (src/test/resources/report), every
 * expected value worked out by hand: 1,000 rows per load, average row 1,000 bytes. Mean shot
 * times and rows/s: sync 0.5 s (5 shots, 2,000) and 0.4 s (one shot, 2,500), pooled COPY 0.1 s
 * (5 shots, 10,000), ceilings 0.02 s (2 equal shots, 50,000) and 0.025 s (40,000), parallel
 * ceiling 0.05 s (tasks 2, 20,000) and 0.04 s (tasks 4, 25,000), psql 0.125 s (8,000). Student's
 * t 97.5 % quantile with 4 degrees of freedom: 2.776445.
 */
class ResultSummaryTest {

    private static List<SummaryRow> rows;

    @BeforeAll
    static void read() throws Exception {
        rows = ResultSummary.read(resource("report/small-result.json"), 1000.0);
    }

    @Test
    void throughputIsRowsOverTheMeanShotTimeWithTheTimesStudentInterval() {
        SummaryRow sync = rows.get(0);
        assertThat(sync.benchmark()).isEqualTo("SyncBaselineBenchmark.load");
        assertThat(sync.family()).isEqualTo("baseline");
        assertThat(sync.rows()).isEqualTo(1000);
        assertThat(sync.params()).containsExactly(Map.entry("chunkSize", "1000"));
        assertThat(sync.times().n()).isEqualTo(5);
        assertThat(sync.rowsPerSecond()).isCloseTo(2000.0, within(1e-9));
        // shots 0.4 0.5 0.6 0.45 0.55: sd sqrt(0.00625); h = 2.776445 x sd / sqrt(5) = 0.098165; 1000 / (0.5 +- h)
        assertThat(sync.throughput().low()).isCloseTo(1671.787, within(1e-3));
        assertThat(sync.throughput().high()).isCloseTo(2488.566, within(1e-3));
        assertThat(sync.megabytesPerSecond()).isCloseTo(2.0, within(1e-9));
        assertThat(sync.memory().allocatedBytesPerRow()).isCloseTo(3000.0, within(1e-9));
        // the mean of the per-shot values in rawData; the score is their sum
        assertThat(sync.walBytesPerRow()).isCloseTo(1100.0, within(1e-9));
        // the sync baseline has a loader: chunk counters it did not record are NaN, not zero
        assertThat(sync.chunks().meanSeconds()).isNaN();
    }

    @Test
    void aSingleShotHasNoIntervalAndMissingProfilersLeaveNaN() {
        SummaryRow single = rows.get(1);
        assertThat(single.rowsPerSecond()).isCloseTo(2500.0, within(1e-9));
        assertThat(single.throughput().low()).isNaN();
        assertThat(single.throughput().high()).isNaN();
        assertThat(single.memory().allocatedBytesPerRow()).isNaN();
        assertThat(single.walBytesPerRow()).isNaN();
    }

    @Test
    void eachRatioIsOverTheFastestReferenceWithTheSameRows() {
        SummaryRow copy = rows.get(2);
        assertThat(copy.rowsPerSecond()).isCloseTo(10_000.0, within(1e-9));
        assertThat(copy.ratio(Reference.SYNC).estimate()).isCloseTo(4.0, within(1e-9));
        assertThat(copy.ratio(Reference.INSERT_SELECT).estimate()).isCloseTo(0.2, within(1e-9));
        assertThat(copy.ratio(Reference.SERVER_COPY).estimate()).isCloseTo(0.25, within(1e-9));
        assertThat(rows.get(0).ratio(Reference.SYNC).estimate()).isCloseTo(0.8, within(1e-9));
        // the fastest reference compared with itself is exactly 1
        assertThat(rows.get(1).ratio(Reference.SYNC)).isEqualTo(new Interval(1, 1, 1));
        assertThat(rows.get(3).ratio(Reference.INSERT_SELECT)).isEqualTo(new Interval(1, 1, 1));
        assertThat(rows.get(4).ratio(Reference.INSERT_SELECT).estimate()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void aRatioHasAnIntervalOnlyWhenBothSidesHaveSeveralShots() {
        SummaryRow copy = rows.get(2);
        // over the single-shot sync baseline: no interval
        assertThat(copy.ratio(Reference.SYNC).low()).isNaN();
        // over INSERT ... SELECT (two equal shots, no variance): only the copy's own spread counts.
        // ln-variance (sd/mean)^2/n = (sqrt(0.00005)/0.1)^2/5 = 0.001, Welch df = 4:
        // 0.2 x exp(-+ 2.776445 x sqrt(0.001))
        assertThat(copy.ratio(Reference.INSERT_SELECT).low()).isCloseTo(0.183189, within(1e-6));
        assertThat(copy.ratio(Reference.INSERT_SELECT).high()).isCloseTo(0.218354, within(1e-6));
    }

    @Test
    void pooledCopyIsComparedWithPsqlAndTheParallelCeilingOfItsOwnTaskCount() {
        SummaryRow copy = rows.get(2);
        assertThat(copy.memory().allocatedBytesPerRow()).isCloseTo(2000.0, within(1e-9)); // older JMH's dotted key
        assertThat(copy.walBytesPerRow()).isCloseTo(1075.5, within(1e-9));
        // per-shot means of rawData: (1500+1700+1600+1400+1800)/5 and (4 x 2000 + 2500)/5
        assertThat(copy.cpu().clientNsPerRow()).isCloseTo(1600.0, within(1e-9));
        assertThat(copy.cpu().serverNsPerRow()).isCloseTo(2100.0, within(1e-9));
        // the worst shot, not the mean: 12,000,000 bytes
        assertThat(copy.memory().heapPeakGrowthBytes()).isEqualTo(12_000_000.0);
        assertThat(copy.ratio(Reference.PSQL).estimate()).isCloseTo(1.25, within(1e-9));
        assertThat(copy.ratio(Reference.PARALLEL_CEILING).estimate()).isCloseTo(0.5, within(1e-9));
        // the sync baseline has no tasks: no parallel ceiling matches it
        assertThat(rows.get(0).ratio(Reference.PARALLEL_CEILING).estimate()).isNaN();
    }

    @Test
    void chunkMetricsAreMeansPerShotAndAbsentWithoutALoader() {
        SummaryRow copy = rows.get(2);
        assertThat(copy.chunks().chunks()).isCloseTo(2.0, within(1e-9));
        assertThat(copy.chunks().successfulChunks()).isCloseTo(2.0, within(1e-9));
        assertThat(copy.chunks().meanSeconds()).isCloseTo(0.04, within(1e-12));
        assertThat(copy.chunks().maxSeconds()).isCloseTo(0.05, within(1e-12));
        assertThat(rows.get(3).chunks().chunks()).isNaN();
        assertThat(rows.get(3).family()).isEqualTo("ceiling");
        assertThat(rows.get(7).family()).isEqualTo("reference");
    }

    @Test
    void referencesAreTakenOnlyFromTheSameRowCount() {
        SummaryRow larger = rows.get(8);
        assertThat(larger.rows()).isEqualTo(2000);
        assertThat(larger.rowsPerSecond()).isCloseTo(2000.0, within(1e-9));
        assertThat(larger.ratio(Reference.SYNC).estimate()).isCloseTo(1.0, within(1e-9));
        assertThat(larger.ratio(Reference.INSERT_SELECT).estimate()).isNaN();
    }

    @Test
    void theTableShowsEveryRowWithDashesForWhatDoesNotApply() {
        String table = SummaryTable.markdown(rows);
        assertThat(table.lines()).hasSize(2 + rows.size());
        assertThat(table).contains("| PooledCopyBenchmark.load | chunkSize=500 format=COPY_BINARY tasks=2 | 1000 | 5 | 10,000 "
                + "| 9,193 to 10,962 | 10.0 | 2,000 | 1,076 | 1,600 | 2,100 | 12 | 40.0 | 4.00 | 0.20 | 0.25 | - | 0.50 | 1.25 |");
        assertThat(table).contains("| SyncBaselineBenchmark.load | chunkSize=5000 | 1000 | 1 | 2,500 | - | 2.5 | - | - | - | - | - "
                + "| - | 1.00 | 0.05 | 0.06 | - | - | 0.31 |");
        assertThat(table).contains("| CeilingBenchmark.insertSelect | - | 1000 | 2 | 50,000 |");
    }

    @Test
    void theCsvHasOneRowPerConfigurationAndEmptyCellsForWhatDoesNotApply() {
        List<String> lines = SummaryCsv.of(rows).lines().toList();
        assertThat(lines).hasSize(1 + rows.size());
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> copy = List.of(lines.get(3).split(",", -1));
        assertThat(copy).hasSameSizeAs(header);
        assertThat(copy.get(header.indexOf("benchmark"))).isEqualTo("PooledCopyBenchmark.load");
        assertThat(copy.get(header.indexOf("family"))).isEqualTo("strategy");
        assertThat(copy.get(header.indexOf("format"))).isEqualTo("COPY_BINARY");
        assertThat(copy.get(header.indexOf("protocol"))).isEmpty();
        assertThat(copy.get(header.indexOf("rows_per_s"))).isEqualTo("10000");
        assertThat(copy.get(header.indexOf("rows_per_s_low"))).isEqualTo("9192.88");
        assertThat(copy.get(header.indexOf("mean_chunk_ms"))).isEqualTo("40");
        assertThat(copy.get(header.indexOf("x_insert_select_high"))).isEqualTo("0.218354");
        assertThat(copy.get(header.indexOf("x_sync_low"))).isEmpty();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ResultSummaryTest.class.getClassLoader().getResource(name).toURI());
    }

    @Test
    void aCounterThisVersionDoesNotKnowIsAnErrorAndOneItLacksIsNotMeasured() {
        ObjectNode secondary = new ObjectMapper().createObjectNode();
        secondary.putObject("walBytesPerRow").putArray("rawData").addArray().add(1.0);
        secondary.putObject("gc.alloc.rate").putArray("rawData").addArray().add(1.0);
        // results written before a counter existed lack it: not measured
        assertThat(ResultSummary.metric(secondary, Counter.CLIENT_CPU_NS_PER_ROW)).isEmpty();
        assertThat(ResultSummary.metric(secondary, Counter.WAL_BYTES_PER_ROW)).isPresent();
        // a counter renamed on one side only is a name the reader does not know: an error naming it
        secondary.putObject("walBytesPerRowRenamed").putArray("rawData").addArray().add(1.0);
        assertThatThrownBy(() -> ResultSummary.metric(secondary, Counter.WAL_BYTES_PER_ROW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'walBytesPerRowRenamed'");
    }
}
