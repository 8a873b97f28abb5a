package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPathComparisonTest {

    @Test
    void namesTheFastestPathItsGainOverPlainBatchAndItsDistanceFromCopy() {
        List<SummaryRow> rows = List.of(
                factor("BATCH", "1000", 50_000), factor("BATCH", "10000", 60_000),
                factor("MULTI_VALUES", "1000", 80_000), factor("UNNEST", "10000", 90_000),
                copy(270_000));
        assertThat(BatchPathComparison.of(rows)).hasValueSatisfying(text -> assertThat(text)
                .contains("Fastest INSERT-based path: UNNEST at chunkSize=10000 protocol=UNNEST tasks=4, 90,000 rows/s")
                .contains("1.50 x plain BATCH with the same chunk size and tasks (60,000 rows/s)")
                .contains("PooledCopyBenchmark.load format=COPY_BINARY tasks=4, 270,000 rows/s) is 3.00 x faster"));
    }

    @Test
    void saysNothingWithoutTheFactorStudy() {
        assertThat(BatchPathComparison.of(List.of(copy(1)))).isEmpty();
    }

    private static SummaryRow factor(String protocol, String chunkSize, double rowsPerSecond) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("chunkSize", chunkSize);
        params.put("protocol", protocol);
        params.put("tasks", "4");
        return row("FactorBenchmark.load", params, rowsPerSecond);
    }

    private static SummaryRow copy(double rowsPerSecond) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("format", "COPY_BINARY");
        params.put("tasks", "4");
        return row("PooledCopyBenchmark.load", params, rowsPerSecond);
    }

    private static SummaryRow row(String benchmark, Map<String, String> params, double rowsPerSecond) {
        return SummaryRows.measured(benchmark, params, rowsPerSecond, Double.NaN, Double.NaN);
    }
}
