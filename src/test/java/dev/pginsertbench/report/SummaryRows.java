package dev.pginsertbench.report;

import java.util.Map;

/** Summary rows made by hand for the tests of the paragraphs under the summary table. */
final class SummaryRows {

    private SummaryRows() {
    }

    /** A configuration measured once on 100,000 rows at this rate and CPU per row; everything else unknown. */
    static SummaryRow measured(String benchmark, Map<String, String> params, double rowsPerSecond, double clientCpu,
            double serverCpu) {
        return new SummaryRow(benchmark, "strategy", benchmark, params, 100_000, 1,
                ShotTimes.of(new double[] {100_000 / rowsPerSecond}), Interval.withoutBounds(rowsPerSecond), Double.NaN,
                new SummaryRow.Cpu(clientCpu, serverCpu), Double.NaN, new SummaryRow.Memory(Double.NaN, Double.NaN),
                SummaryRow.ChunkMetrics.none(),
                SummaryRow.WaitShares.none(), Map.of(), false);
    }
}
