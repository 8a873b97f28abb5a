package dev.pginsertbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The summary rows as a Markdown table, which reads as well on a console as in summary.md. */
public final class SummaryTable {

    static final String HEADER = "| benchmark | params | rows | rows/s | ± rows/s | MB/s | alloc B/row | WAL B/row "
            + "| client CPU ns/row | server CPU ns/row | heap peak MB | x sync | % ceiling | x psql | x par. ceiling |";
    private static final String RULE = "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private SummaryTable() {
    }

    public static String markdown(List<SummaryRow> rows) {
        StringBuilder table = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
        for (SummaryRow row : rows) {
            table.append("| ").append(row.benchmark())
                    .append(" | ").append(params(row.params()))
                    .append(" | ").append(row.rows())
                    .append(" | ").append(format("%,.0f", row.rowsPerSecond()))
                    .append(" | ").append(format("%,.0f", row.rowsPerSecondError()))
                    .append(" | ").append(format("%.1f", row.megabytesPerSecond()))
                    .append(" | ").append(format("%,.0f", row.allocatedBytesPerRow()))
                    .append(" | ").append(format("%,.0f", row.walBytesPerRow()))
                    .append(" | ").append(format("%,.0f", row.clientCpuNsPerRow()))
                    .append(" | ").append(format("%,.0f", row.serverCpuNsPerRow()))
                    .append(" | ").append(format("%,.0f", row.peakHeapGrowthBytes() / 1e6))
                    .append(" | ").append(format("%.2f", row.speedupOverSync()))
                    .append(" | ").append(format("%.1f", row.percentOfCeiling()))
                    .append(" | ").append(format("%.2f", row.ratioToPsql()))
                    .append(" | ").append(format("%.2f", row.ratioToParallelCeiling()))
                    .append(" |\n");
        }
        return table.toString();
    }

    static String params(Map<String, String> params) {
        return params.isEmpty() ? "-" : params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
    }

    /** A number, or "-" for NaN and infinities (not applicable or not measured). */
    static String format(String pattern, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "-";
    }
}
