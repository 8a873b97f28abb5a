package dev.pginsertbench.report;

import dev.pginsertbench.bench.Parameter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * summary.csv: the summary rows as a tidy table, one row per configuration and one column per
 * parameter or number, every number as {@link ResultSummary} computed it (results/README.md
 * defines each column). Not applicable or not measured is an empty cell.
 */
public final class SummaryCsv {

    /** The parameter columns, in this order, whichever benchmarks the run measured. */
    static final List<Parameter> PARAMETERS = Stream.of(Parameter.values())
            .filter(p -> p != Parameter.ROWS && p != Parameter.CLAIM && p != Parameter.ROUND).toList();

    private SummaryCsv() {
    }

    public static List<String> header() {
        List<String> columns = new ArrayList<>(List.of("benchmark", "family", "label", "rows"));
        PARAMETERS.forEach(p -> columns.add(p.field()));
        columns.addAll(List.of("forks", "n", "seconds_mean", "rows_per_s", "rows_per_s_low", "rows_per_s_high",
                "mb_per_s", "client_cpu_ns_per_row", "server_cpu_ns_per_row", "wal_bytes_per_row", "alloc_bytes_per_row",
                "heap_peak_growth_mb", "chunks", "successful_chunks", "mean_chunk_ms", "max_chunk_ms", "wait_cpu",
                "wait_client", "wait_lock_extend", "wait_wal", "wait_data_io", "wait_other"));
        for (Reference reference : Reference.values()) {
            columns.addAll(List.of(reference.column(), reference.column() + "_low", reference.column() + "_high"));
        }
        columns.add("interleaved");
        return columns;
    }

    public static String of(List<SummaryRow> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", header())).append('\n');
        for (SummaryRow row : rows) {
            List<String> cells = new ArrayList<>(List.of(Csv.quote(row.benchmark()), row.family(), Csv.quote(row.label()),
                    String.valueOf(row.rows())));
            PARAMETERS.forEach(p -> cells.add(Csv.quote(row.params().getOrDefault(p.field(), ""))));
            cells.addAll(List.of(String.valueOf(row.forks()), String.valueOf(row.times().n()), number(row.times().mean()),
                    number(row.throughput().estimate()), number(row.throughput().low()), number(row.throughput().high()),
                    number(row.megabytesPerSecond()), number(row.clientCpuNsPerRow()), number(row.serverCpuNsPerRow()),
                    number(row.walBytesPerRow()), number(row.allocatedBytesPerRow()), number(row.heapPeakGrowthBytes() / 1e6),
                    number(row.chunks().chunks()), number(row.chunks().successfulChunks()),
                    number(row.chunks().meanSeconds() * 1e3), number(row.chunks().maxSeconds() * 1e3),
                    number(row.waits().cpu()), number(row.waits().client()), number(row.waits().lockExtend()),
                    number(row.waits().wal()), number(row.waits().dataIo()), number(row.waits().other())));
            for (Reference reference : Reference.values()) {
                Interval ratio = row.ratio(reference);
                cells.addAll(List.of(number(ratio.estimate()), number(ratio.low()), number(ratio.high())));
            }
            cells.add(String.valueOf(row.interleaved()));
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    /** Six significant digits in plain notation; empty for NaN and infinities (not applicable, not measured or unbounded). */
    static String number(double value) {
        return Double.isFinite(value)
                ? new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString() : "";
    }
}
