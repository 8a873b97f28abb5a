package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** summary.md's "Where the time goes": the fastest configuration of each strategy, psql and the ceilings, with their waits. */
class WaitEventsTest {

    private static SummaryRow row(String benchmark, Map<String, String> params, double rowsPerSecond,
            SummaryRow.WaitShares waits) {
        SummaryRow measured = SummaryRows.measured(benchmark, params, rowsPerSecond, 2_000, 4_000);
        return new SummaryRow(measured.benchmark(), measured.family(), measured.label(), measured.params(), measured.rows(),
                measured.forks(), measured.times(), measured.throughput(), Double.NaN, new SummaryRow.Cpu(2_000, 4_000), Double.NaN,
                new SummaryRow.Memory(Double.NaN, Double.NaN), SummaryRow.ChunkMetrics.none(), waits, Map.of(), false);
    }

    @Test
    void theFastestOfEachStrategyAndPsqlAreShownWithTheirShares() {
        SummaryRow.WaitShares clientBound = new SummaryRow.WaitShares(0.3, 0.6, 0.05, 0.05, 0, 0);
        List<SummaryRow> summary = List.of(
                row("PooledCopyBenchmark.load", Map.of("server", "17.6 embedded", "tasks", "2"), 200_000, clientBound),
                row("PooledCopyBenchmark.load", Map.of("server", "17.6 embedded", "tasks", "4"), 300_000, clientBound),
                row("PsqlCopyBenchmark.psqlCopy", Map.of("server", "17.6 embedded"), 120_000,
                        new SummaryRow.WaitShares(0.9, 0.1, 0, 0, 0, 0)),
                row("CeilingBenchmark.insertSelect", Map.of("server", "17.6 embedded"), 400_000, clientBound));
        String section = WaitEvents.of(summary).orElseThrow();
        assertThat(section).contains("## Where the time goes",
                "| PooledCopyBenchmark.load tasks=4 | 17.6 embedded | 300,000 | 2,000 | 4,000 | 30 % | 60 % | 5 % | 5 % | 0 % | 0 % |",
                "| PsqlCopyBenchmark.psqlCopy | 17.6 embedded | 120,000 | 2,000 | 4,000 | 90 % | 10 % |")
                .doesNotContain("tasks=2 |").doesNotContain("insertSelect");
    }

    @Test
    void aRunWithoutSamplesHasNoSuchSection() {
        List<SummaryRow> summary = List.of(row("PooledCopyBenchmark.load", Map.of("server", "17.6 embedded"), 200_000,
                SummaryRow.WaitShares.none()));
        assertThat(WaitEvents.of(summary)).isEmpty();
    }
}
