package dev.pginsertbench.report;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.load.Protocol;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The paragraph under the summary that names the fastest INSERT-based path of the factor study,
 * its gain over plain executeBatch at the same chunk size, and its distance from the fastest
 * COPY configuration of the run.
 */
final class BatchPathComparison {

    private static final String FACTOR = Catalogue.FACTOR_POINT.id();
    private static final String PROTOCOL = Parameter.PROTOCOL.field();
    /** The INSERT-based protocols: every one but COPY's, as summary rows name them. */
    private static final Set<String> BATCH_PATHS = Arrays.stream(Protocol.values()).filter(p -> !p.isCopy())
            .map(Protocol::name).collect(Collectors.toUnmodifiableSet());

    private BatchPathComparison() {
    }

    static Optional<String> of(List<SummaryRow> summary) {
        Optional<SummaryRow> best = summary.stream()
                .filter(row -> row.benchmark().equals(FACTOR) && BATCH_PATHS.contains(row.params().get(PROTOCOL)))
                .max(Comparator.comparingDouble(SummaryRow::rowsPerSecond));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        SummaryRow path = best.get();
        Optional<SummaryRow> plain = summary.stream()
                .filter(row -> row.benchmark().equals(FACTOR) && row.rows() == path.rows()
                        && sameExceptProtocol(row, path) && Protocol.BATCH.name().equals(row.params().get(PROTOCOL)))
                .findFirst();
        Optional<SummaryRow> copy = summary.stream()
                .filter(row -> row.rows() == path.rows() && isClientCopy(row))
                .max(Comparator.comparingDouble(SummaryRow::rowsPerSecond));
        StringBuilder text = new StringBuilder("## Batch paths\n\nFastest INSERT-based path: ")
                .append(path.params().get(PROTOCOL)).append(" at ").append(SummaryTable.params(path.params()))
                .append(", ").append(SummaryTable.format("%,.0f", path.rowsPerSecond())).append(" rows/s");
        plain.ifPresent(batch -> text.append(String.format(Locale.ROOT,
                ", %.2f x plain BATCH with the same chunk size and tasks (%s rows/s)",
                path.rowsPerSecond() / batch.rowsPerSecond(), SummaryTable.format("%,.0f", batch.rowsPerSecond()))));
        copy.ifPresent(fastest -> text.append(String.format(Locale.ROOT,
                ". The fastest COPY configuration (%s %s, %s rows/s) is %.2f x faster", fastest.benchmark(),
                SummaryTable.params(fastest.params()), SummaryTable.format("%,.0f", fastest.rowsPerSecond()),
                fastest.rowsPerSecond() / path.rowsPerSecond())));
        return Optional.of(text.append(".\n").toString());
    }

    private static boolean sameExceptProtocol(SummaryRow row, SummaryRow other) {
        for (String key : other.params().keySet()) {
            if (!key.equals(PROTOCOL) && !other.params().get(key).equals(row.params().get(key))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isClientCopy(SummaryRow row) {
        String protocol = row.benchmark().equals(FACTOR) ? row.params().get(PROTOCOL) : row.params().get("format");
        return (row.benchmark().equals(FACTOR) || row.benchmark().equals(Catalogue.POOLED_COPY.id()))
                && protocol != null && protocol.startsWith("COPY_");
    }
}
