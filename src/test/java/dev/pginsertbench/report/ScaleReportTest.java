package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.MemoryRoom;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.ScaleStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scale study: per-size intervals over rounds (or one fork's shots), and lines through every fork. */
class ScaleReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fork: its strategy, language, rows, shot times and the memory it held. */
    private static ObjectNode fork(ScaleStrategy strategy, Language language, long rows, double[] seconds,
            double held) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("benchmark", Catalogue.SCALE.jmhName());
        entry.putObject("params").put("strategy", strategy.name()).put("language", language.name())
                .put("rows", String.valueOf(rows)).put("round", "1");
        ArrayNode times = entry.putObject("primaryMetric").putArray("rawData").addArray();
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        ArrayNode retained = secondary.putObject(Counter.RETAINED_HEAP_BYTES.key()).putArray("rawData").addArray();
        ArrayNode dataset = secondary.putObject(Counter.DATASET_HEAP_BYTES.key()).putArray("rawData").addArray();
        ArrayNode rss = secondary.putObject(Counter.PEAK_RSS_GROWTH_BYTES.key()).putArray("rawData").addArray();
        ArrayNode cpu = secondary.putObject(Counter.CLIENT_CPU_NS_PER_ROW.key()).putArray("rawData").addArray();
        for (double s : seconds) {
            times.add(s);
            boolean java = language == Language.JAVA;
            retained.add(java ? held : Double.NaN);
            dataset.add(java ? 0 : held / 2);
            rss.add(java ? Double.NaN : held / 2);
            cpu.add(1_000);
        }
        return entry;
    }

    private static final MemoryRoom ROOM = new MemoryRoom(8.0 * (1L << 30), 24.0 * (1L << 30));

    @Test
    void aLineThroughForksOfExactTimesAndMemoryGivesItsInterceptAndSlope() {
        ArrayNode results = JSON.createArrayNode();
        // time = 0.5 s + 4 us per row, memory = 2 MB + 1,100 bytes per row, exactly, in either language
        for (Language language : Language.values()) {
            for (long rows : List.of(10_000L, 100_000L, 1_000_000L)) {
                double t = 0.5 + 4e-6 * rows;
                results.add(fork(ScaleStrategy.AFTER, language, rows, new double[] {t, t}, 2e6 + 1_100.0 * rows));
            }
        }
        ScaleReport report = ScaleReport.of(results, ROOM).orElseThrow();
        assertThat(report.fits()).hasSize(2).allSatisfy(fit -> {
            assertThat(fit.time().intercept().estimate()).isCloseTo(0.5, within(1e-9));
            assertThat(fit.time().slope().estimate()).isCloseTo(4e-6, within(1e-15));
            assertThat(fit.memory().intercept().estimate()).isCloseTo(2e6, within(1e-3));
            assertThat(fit.memory().slope().estimate()).isCloseTo(1_100, within(1e-9));
            assertThat(fit.time().forks()).isEqualTo(3);
        });
        assertThat(ScaleReport.rowsAtLimit(report.fits().get(0).memory(), 2e6 + 1_100.0 * 5_000_000))
                .hasValueSatisfying(rows -> assertThat(rows).isCloseTo(5_000_000, within(1e-3)));
        assertThat(report.points()).hasSize(6);
        assertThat(report.csv().lines().count()).isEqualTo(7);
        assertThat(report.fitsCsv()).contains("after,java,3,0.500000,", "after,python,3,0.500000,");
        // each language's room and where its line fills it: Java the fork's heap, Python the machine beside it
        assertThat(report.fits()).extracting(ScaleReport.Fit::roomBytes).containsExactly(8.0 * (1L << 30),
                16.0 * (1L << 30));
        assertThat(report.fitsCsv().lines().skip(1)).allSatisfy(line -> assertThat(line).doesNotEndWith(","));
        assertThat(report.fits().get(1).rowsAtLimit()).hasValueSatisfying(rows -> assertThat(rows)
                .isCloseTo((16.0 * (1L << 30) - 2e6) / 1_100, within(1e-3)));
    }

    @Test
    void noisyForksGiveIntervalsThatCoverTheTrueLineAndRoundsGiveEachSizeItsInterval() {
        ArrayNode results = JSON.createArrayNode();
        double[] noise = {0.97, 1.04, 1.0, 0.98, 1.03, 1.01};
        int i = 0;
        for (long rows : List.of(10_000L, 100_000L, 1_000_000L)) {
            for (int round = 0; round < 2; round++) {
                double t = (0.2 + 3e-6 * rows) * noise[i++];
                results.add(fork(ScaleStrategy.POOLED_COPY, Language.JAVA, rows, new double[] {t, t * 1.01}, 5e5));
            }
        }
        ScaleReport report = ScaleReport.of(results, ROOM).orElseThrow();
        ScaleReport.Line time = report.fits().get(0).time();
        assertThat(time.slope().low()).isLessThan(3e-6);
        assertThat(time.slope().high()).isGreaterThan(3e-6);
        assertThat(time.forks()).isEqualTo(6);
        // the line's value at a size inside the measured ones is near the truth, its interval around it
        Interval atMillion = time.intervalAt(1_000_000);
        assertThat(atMillion.low()).isLessThan(atMillion.estimate()).isLessThan(3.2);
        assertThat(atMillion.high()).isGreaterThan(3.2 * 0.97);
        // memory that does not grow with the rows has no size at which it stops fitting
        assertThat(ScaleReport.rowsAtLimit(report.fits().get(0).memory(), 8e9)).isEmpty();
        ScaleReport.Point largest = report.points().get(2);
        assertThat(largest.rows()).isEqualTo(1_000_000);
        assertThat(largest.replicate()).isEqualTo("rounds");
        assertThat(largest.forks()).isEqualTo(2);
        assertThat(largest.secondsPerRow().low()).isLessThan(largest.secondsPerRow().estimate());
    }

    @Test
    void aSizeRunInOneRoundTakesItsIntervalOverThatForksShotsAndSaysSo() {
        ArrayNode results = JSON.createArrayNode();
        results.add(fork(ScaleStrategy.SYNC, Language.JAVA, 10_000_000, new double[] {100, 104}, 3e6));
        ScaleReport.Point point = ScaleReport.of(results, ROOM).orElseThrow().points().get(0);
        assertThat(point.replicate()).isEqualTo("shots of one fork");
        assertThat(point.secondsPerRow().estimate()).isCloseTo(102e-7, within(1e-12));
        assertThat(point.secondsPerRow().high()).isGreaterThan(104e-7);
        assertThat(point.clientCpuNsPerRow()).isEqualTo(1_000);
    }

    @Test
    void aSizeMeasuredInOneShotHasNoIntervalOfItsOwnAndTheSummaryPutsItsLinesBesideIt() {
        ArrayNode results = JSON.createArrayNode();
        // three noisy forks on 1 + 3 us a row, then ten million rows measured once, 10 % above the line
        double[] noise = {1.02, 0.97, 1.01};
        List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
        for (int i = 0; i < sizes.size(); i++) {
            double seconds = (1 + 3e-6 * sizes.get(i)) * noise[i];
            results.add(fork(ScaleStrategy.SYNC, Language.JAVA, sizes.get(i), new double[] {seconds, seconds}, 1e6));
        }
        results.add(fork(ScaleStrategy.SYNC, Language.JAVA, 10_000_000, new double[] {33}, Double.NaN));
        ScaleReport report = ScaleReport.of(results, ROOM).orElseThrow();
        ScaleReport.Point once = report.points().get(3);
        assertThat(once.replicate()).isEqualTo("one shot");
        assertThat(once.shots()).isEqualTo(1);
        assertThat(once.secondsPerRow().estimate()).isCloseTo(3.3e-6, within(1e-12));
        assertThat(once.secondsPerRow().low()).isNaN();
        assertThat(report.points().get(2).replicate()).isEqualTo("shots of one fork");
        ScaleReport.Line line = report.fits().get(0).time();
        Interval there = line.intervalAt(10_000_000);
        assertThat(there.low()).isLessThan(there.estimate());
        assertThat(report.markdown()).contains("Measured once (one fork, one shot)")
                .contains(String.format(java.util.Locale.ROOT, "sync in Java at 10,000,000 rows 3.30 us/row (its "
                        + "line there: %.3g [%.3g, %.3g])", there.estimate() / 10, there.low() / 10,
                        there.high() / 10));
        assertThat(report.csv()).contains("sync,java,10000000,1,1,one shot,3.30000,NaN,NaN");
    }

    @Test
    void theSummaryPredictsTheOriginals34MinuteLoadFromTheFitsAndSaysWhereMemoryStopsFitting() {
        ArrayNode results = JSON.createArrayNode();
        for (long rows : List.of(10_000L, 100_000L, 1_000_000L)) {
            double before = 0.5 + 4e-6 * rows;
            double after = 0.5 + 2e-6 * rows;
            results.add(fork(ScaleStrategy.BEFORE, Language.JAVA, rows, new double[] {before, before}, 1e6));
            results.add(fork(ScaleStrategy.AFTER, Language.JAVA, rows, new double[] {after, after}, 1_000.0 * rows));
        }
        // a larger load of another strategy, or of one side alone, does not move the bound of what both measured
        results.add(fork(ScaleStrategy.POOLED_COPY, Language.JAVA, 10_000_000, new double[] {60, 62}, 1e5));
        double tenMillion = 0.5 + 4e-6 * 10_000_000;
        // ... and a fork without a heap probe (no warm-up shot) counts for time but not for memory
        results.add(fork(ScaleStrategy.BEFORE, Language.JAVA, 10_000_000, new double[] {tenMillion, tenMillion},
                Double.NaN));
        String text = ScaleReport.of(results, ROOM).orElseThrow().markdown();
        // before takes 34 minutes at (2040 - 0.5) / 4e-6 rows; after loads them in 0.5 + 2e-6 x that
        assertThat(text).contains("\"before\" would take 34 minutes at 509,875,000 rows by its fit")
                .contains("\"after\" would load them in 17.0 minutes [17.0, 17.0] (50 % less time; the interval is "
                        + "after's line's alone, not the rows' own uncertainty), an extrapolation beyond the "
                        + "1,000,000 rows measured")
                .contains("| after | java | 3 | 0.500 [0.500, 0.500] | 2.00 [2.00, 2.00] | 0.00 [0.00, 0.00] "
                        + "| 1.00e+03 [1.00e+03, 1.00e+03] | 8,589,935 rows (8.0 GiB) |")
                .contains("| before | java | 4 (memory 3) | 0.500 [0.500, 0.500] | 4.00 [4.00, 4.00] | 1.00 [1.00, 1.00] ")
                .contains("| does not grow with the rows |");
    }

    @Test
    void aRunWithoutScaleForksHasNoScaleReport() {
        assertThat(ScaleReport.of(JSON.createArrayNode(), ROOM)).isEmpty();
    }
}
