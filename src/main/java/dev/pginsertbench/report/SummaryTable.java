package dev.pginsertbench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The summary rows as a Markdown table, which reads as well on a console as in summary.md. */
public final class SummaryTable {

    static final String HEADER = "| benchmark | params | rows | n | rows/s | 95 % interval | MB/s | alloc B/row "
            + "| WAL B/row | client CPU ns/row | server CPU ns/row | heap peak MB | mean chunk ms "
            + String.join(" ", Stream.of(Reference.values()).map(r -> "| " + r.heading()).toList()) + " |";
    private static final String RULE = "|---|---|" + "---:|".repeat(11 + Reference.values().length);

    private SummaryTable() {
    }

    public static String markdown(List<SummaryRow> rows) {
        StringBuilder table = new StringBuilder(HEADER).append('\n').append(RULE).append('\n');
        for (SummaryRow row : rows) {
            table.append("| ").append(row.benchmark())
                    .append(" | ").append(params(row.params()))
                    .append(" | ").append(row.rows())
                    .append(" | ").append(row.times().n())
                    .append(" | ").append(format("%,.0f", row.rowsPerSecond()))
                    .append(" | ").append(interval("%,.0f", row.throughput()))
                    .append(" | ").append(format("%.1f", row.megabytesPerSecond()))
                    .append(" | ").append(format("%,.0f", row.memory().allocatedBytesPerRow()))
                    .append(" | ").append(format("%,.0f", row.walBytesPerRow()))
                    .append(" | ").append(format("%,.0f", row.cpu().clientNsPerRow()))
                    .append(" | ").append(format("%,.0f", row.cpu().serverNsPerRow()))
                    .append(" | ").append(format("%,.0f", row.memory().heapPeakGrowthBytes() / 1e6))
                    .append(" | ").append(format("%.1f", row.chunks().meanSeconds() * 1e3));
            for (Reference reference : Reference.values()) {
                table.append(" | ").append(format("%.2f", row.ratio(reference).estimate()));
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    /** {@code low-high}, or "-" without an interval; an unbounded upper end is written as such. */
    static String interval(String pattern, Interval interval) {
        if (!Double.isFinite(interval.low())) {
            return "-";
        }
        return format(pattern, interval.low()) + " to "
                + (Double.isInfinite(interval.high()) ? "unbounded" : format(pattern, interval.high()));
    }

    static String params(Map<String, String> params) {
        // an empty value (no arm left out) is a parameter not set, as Configuration's label shows it
        String set = params.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
        return set.isEmpty() ? "-" : set;
    }

    /** A number, or "-" for NaN and infinities (not applicable or not measured). */
    static String format(String pattern, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "-";
    }
}
