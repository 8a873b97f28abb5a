package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summary's arithmetic on a small hand-made JMH JSON (src/test/resources/report), every
 * expected value worked out by hand: 1,000 rows per load, average row 1,000 bytes. Rows/s:
 * sync 2,000 (0.5 s) and 2,500 (0.4 s), pooled COPY 10,000 (0.1 s), ceilings 50,000 (0.02 s) and
 * 40,000 (0.025 s), parallel ceiling 20,000 (tasks 2) and 25,000 (tasks 4), psql 8,000 (0.125 s).
 */
class ResultSummaryTest {

    private static List<SummaryRow> rows;

    @BeforeAll
    static void read() throws Exception {
        rows = ResultSummary.read(resource("report/small-result.json"), 1000.0);
    }

    @Test
    void throughputIsRowsOverTheShotTimeAndTheErrorIsCarriedToFirstOrder() {
        SummaryRow sync = rows.get(0);
        assertThat(sync.benchmark()).isEqualTo("SyncBaselineBenchmark.load");
        assertThat(sync.rows()).isEqualTo(1000);
        assertThat(sync.params()).containsExactly(java.util.Map.entry("chunkSize", "1000"));
        assertThat(sync.rowsPerSecond()).isCloseTo(2000.0, within(1e-9));
        // 1000 * 0.1 / 0.5^2
        assertThat(sync.rowsPerSecondError()).isCloseTo(400.0, within(1e-9));
        assertThat(sync.megabytesPerSecond()).isCloseTo(2.0, within(1e-9));
        assertThat(sync.allocatedBytesPerRow()).isCloseTo(3000.0, within(1e-9));
        // the mean of the per-shot values in rawData; the score is their sum
        assertThat(sync.walBytesPerRow()).isCloseTo(1100.0, within(1e-9));
    }

    @Test
    void aSingleShotHasNoErrorAndMissingProfilersLeaveNaN() {
        SummaryRow single = rows.get(1);
        assertThat(single.rowsPerSecond()).isCloseTo(2500.0, within(1e-9));
        assertThat(single.rowsPerSecondError()).isNaN();
        assertThat(single.allocatedBytesPerRow()).isNaN();
        assertThat(single.walBytesPerRow()).isNaN();
    }

    @Test
    void speedupIsOverTheFastestSyncBaselineAndCeilingIsTheFastestCeiling() {
        SummaryRow copy = rows.get(2);
        assertThat(copy.rowsPerSecond()).isCloseTo(10_000.0, within(1e-9));
        assertThat(copy.speedupOverSync()).isCloseTo(4.0, within(1e-9));
        assertThat(copy.percentOfCeiling()).isCloseTo(20.0, within(1e-9));
        assertThat(rows.get(0).speedupOverSync()).isCloseTo(0.8, within(1e-9));
        assertThat(rows.get(0).percentOfCeiling()).isCloseTo(4.0, within(1e-9));
        assertThat(rows.get(3).percentOfCeiling()).isCloseTo(100.0, within(1e-9));
        assertThat(rows.get(4).percentOfCeiling()).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void pooledCopyIsComparedWithPsqlAndTheParallelCeilingOfItsOwnTaskCount() {
        SummaryRow copy = rows.get(2);
        assertThat(copy.allocatedBytesPerRow()).isCloseTo(2000.0, within(1e-9)); // older JMH's dotted key
        // no rawData: the summed score over 5 shots x 1 fork
        assertThat(copy.walBytesPerRow()).isCloseTo(1075.5, within(1e-9));
        // per-shot means of rawData: (1500+1700+1600+1400+1800)/5 and (4 x 2000 + 2500)/5
        assertThat(copy.clientCpuNsPerRow()).isCloseTo(1600.0, within(1e-9));
        assertThat(copy.serverCpuNsPerRow()).isCloseTo(2100.0, within(1e-9));
        // the worst shot, not the mean: 12,000,000 bytes
        assertThat(copy.peakHeapGrowthBytes()).isEqualTo(12_000_000.0);
        assertThat(copy.ratioToPsql()).isCloseTo(1.25, within(1e-9));
        assertThat(copy.ratioToParallelCeiling()).isCloseTo(0.5, within(1e-9));
        assertThat(rows.get(0).ratioToPsql()).isNaN();
        assertThat(rows.get(0).ratioToParallelCeiling()).isNaN();
    }

    @Test
    void referencesAreTakenOnlyFromTheSameRowCount() {
        SummaryRow larger = rows.get(8);
        assertThat(larger.rows()).isEqualTo(2000);
        assertThat(larger.rowsPerSecond()).isCloseTo(2000.0, within(1e-9));
        assertThat(larger.speedupOverSync()).isCloseTo(1.0, within(1e-9));
        assertThat(larger.percentOfCeiling()).isNaN();
    }

    @Test
    void theTableShowsEveryRowWithDashesForWhatDoesNotApply() {
        String table = SummaryTable.markdown(rows);
        assertThat(table.lines()).hasSize(2 + rows.size());
        assertThat(table).contains("| PooledCopyBenchmark.load | chunkSize=500 format=COPY_BINARY tasks=2 | 1000 | 10,000 | 1,000 "
                + "| 10.0 | 2,000 | 1,076 | 1,600 | 2,100 | 12 | 4.00 | 20.0 | 1.25 | 0.50 |");
        assertThat(table).contains("| SyncBaselineBenchmark.load | chunkSize=5000 | 1000 | 2,500 | - | 2.5 | - | - | - | - | - | 1.00 | 5.0 | - | - |");
        assertThat(table).contains("| CeilingBenchmark.insertSelect | - | 1000 | 50,000 |");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ResultSummaryTest.class.getClassLoader().getResource(name).toURI());
    }
}
