package dev.pginsertbench.report;

import dev.pginsertbench.bench.Catalogue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * summary.md's "Where the time goes" section: for the fastest configuration of each strategy,
 * psql and the parallel ceilings, client and server CPU per row beside what the server's active
 * sessions were doing during the shots (shares of the wait-event samples: on CPU, waiting for the
 * client, for relation extension, for WAL, for data-file I/O). A client-bound load shows as
 * server sessions waiting for the client; a server-bound one as CPU, extension locks or I/O.
 */
final class WaitEvents {

    private static final List<Catalogue> SHOWN = List.of(Catalogue.SYNC_BASELINE, Catalogue.NEW_CONNECTION_PER_CHUNK,
            Catalogue.POOLED_BATCH, Catalogue.POOLED_COPY, Catalogue.PSQL_COPY);

    private WaitEvents() {
    }

    static Optional<String> of(List<SummaryRow> summary) {
        List<SummaryRow> shown = new ArrayList<>();
        for (String server : ServerComparison.servers(summary)) {
            List<SummaryRow> mine = summary.stream()
                    .filter(row -> row.server().equals(server))
                    .filter(row -> !Double.isNaN(row.waits().cpu())).toList();
            for (Catalogue entry : SHOWN) {
                mine.stream().filter(row -> row.benchmark().equals(entry.id()))
                        .max(Comparator.comparingDouble(SummaryRow::rowsPerSecond)).ifPresent(shown::add);
            }
            mine.stream().filter(row -> row.benchmark().equals(Catalogue.PARALLEL_CEILING.id())).forEach(shown::add);
        }
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("""
                ## Where the time goes

                The fastest configuration of each strategy, psql and the parallel ceilings: CPU per row of the client
                (the benchmark JVM, psql or the Python worker) and of the server's processes, and what the server's
                active client sessions were doing, as shares of samples of pg_stat_activity taken every 20 ms during
                the shots (CPU = running; client = waiting for the client to send, COPY's ClientRead; extend =
                Lock:extend; WAL = WAL I/O and its locks; data I/O = data-file reads and writes). A share is of the
                sessions' active samples, over every measured shot.

                | configuration | server | rows/s | client CPU ns/row | server CPU ns/row | \
                CPU | client | extend | WAL | data I/O | other |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        for (SummaryRow row : shown) {
            SummaryRow.WaitShares w = row.waits();
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.configuration(), row.server().isEmpty() ? "-" : row.server(),
                    SummaryTable.format("%,.0f", row.rowsPerSecond()),
                    SummaryTable.format("%,.0f", row.cpu().clientNsPerRow()),
                    SummaryTable.format("%,.0f", row.cpu().serverNsPerRow()), percent(w.cpu()), percent(w.client()),
                    percent(w.lockExtend()), percent(w.wal()), percent(w.dataIo()), percent(w.other())));
        }
        return Optional.of(text.toString());
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
