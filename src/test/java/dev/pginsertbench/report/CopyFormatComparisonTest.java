package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyFormatComparisonTest {

    @Test
    void namesTheFasterFormatWithItsCpuCostsAndJudgesTheDefault() {
        List<SummaryRow> rows = List.of(
                copy("COPY_BINARY", "2", 300_000, 2_000, 3_000),
                copy("COPY_BINARY", "4", 250_000, 2_100, 3_200),
                copy("COPY_CSV", "2", 150_000, 2_600, 6_500));
        assertThat(CopyFormatComparison.of(rows)).hasValueSatisfying(text -> assertThat(text)
                .contains("COPY_BINARY 300,000 rows/s (chunkSize=5000 format=COPY_BINARY tasks=2), client CPU 2,000 ns/row, "
                        + "server CPU 3,000 ns/row")
                .contains("COPY_CSV 150,000 rows/s")
                .contains("the pooled COPY preset's default, COPY_BINARY, was the faster format in this run"));
    }

    @Test
    void saysSoWhenTheDefaultLost() {
        List<SummaryRow> rows = List.of(copy("COPY_BINARY", "2", 100_000, 1, 1), copy("COPY_CSV", "2", 120_000, 1, 1));
        assertThat(CopyFormatComparison.of(rows)).hasValueSatisfying(text -> assertThat(text)
                .contains("in this run COPY_CSV was faster than the pooled COPY preset's default, COPY_BINARY"));
    }

    @Test
    void saysNothingWithoutBothFormats() {
        assertThat(CopyFormatComparison.of(List.of(copy("COPY_BINARY", "2", 1, 1, 1)))).isEmpty();
    }

    private static SummaryRow copy(String format, String tasks, double rowsPerSecond, double clientCpu, double serverCpu) {
        return SummaryRows.measured("PooledCopyBenchmark.load",
                Map.of("chunkSize", "5000", "format", format, "tasks", tasks).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                                java.util.LinkedHashMap::new)),
                rowsPerSecond, clientCpu, serverCpu);
    }
}
