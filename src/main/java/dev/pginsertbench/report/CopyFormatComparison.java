package dev.pginsertbench.report;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.Protocol;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paragraph under the summary that compares the pooled COPY formats at their best
 * configurations, with client and server CPU per row, and says whether the pooled COPY preset's
 * default format was the faster one in this run.
 */
final class CopyFormatComparison {

    private CopyFormatComparison() {
    }

    static Optional<String> of(List<SummaryRow> summary) {
        Optional<SummaryRow> binary = best(summary, Protocol.COPY_BINARY);
        Optional<SummaryRow> csv = best(summary, Protocol.COPY_CSV);
        if (binary.isEmpty() || csv.isEmpty()) {
            return Optional.empty();
        }
        SummaryRow faster = binary.get().rowsPerSecond() >= csv.get().rowsPerSecond() ? binary.get() : csv.get();
        String fasterFormat = faster.params().get("format");
        String verdict = fasterFormat.equals(LoadPlan.DEFAULT_COPY.name())
                ? "the pooled COPY preset's default, " + LoadPlan.DEFAULT_COPY + ", was the faster format in this run"
                : "in this run " + fasterFormat + " was faster than the pooled COPY preset's default, "
                        + LoadPlan.DEFAULT_COPY;
        return Optional.of(String.format(Locale.ROOT, """
                ## COPY format

                Best pooled COPY configurations: COPY_BINARY %s; COPY_CSV %s. So %s. \
                Binary rows need no text escaping on the client and no text parsing of numbers, dates and \
                timestamps on the server; CSV costs the server the parsing of every field.
                """, describe(binary.get()), describe(csv.get()), verdict));
    }

    private static Optional<SummaryRow> best(List<SummaryRow> summary, Protocol format) {
        return summary.stream()
                .filter(row -> row.benchmark().equals(Catalogue.POOLED_COPY.id())
                        && format.name().equals(row.params().get("format")))
                .max(Comparator.comparingDouble(SummaryRow::rowsPerSecond));
    }

    private static String describe(SummaryRow row) {
        return SummaryTable.format("%,.0f", row.rowsPerSecond()) + " rows/s (" + SummaryTable.params(row.params())
                + "), client CPU " + SummaryTable.format("%,.0f", row.cpu().clientNsPerRow()) + " ns/row, server CPU "
                + SummaryTable.format("%,.0f", row.cpu().serverNsPerRow()) + " ns/row";
    }
}
