package dev.pginsertbench.report;

import dev.pginsertbench.bench.Parameter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * summary.csv: the summary rows as a tidy table, one row per configuration and one column per
 * parameter or number, every number as {@link ResultSummary} computed it (results/README.md
 * defines each column). Not applicable or not measured is an empty cell. One list of columns,
 * each a name and how a row fills it, makes both the header and the cells.
 */
public final class SummaryCsv {

    /** The parameter columns, in this order, whichever benchmarks the run measured. */
    static final List<Parameter> PARAMETERS = Stream.of(Parameter.values())
            .filter(p -> p != Parameter.ROWS && p != Parameter.CLAIM && p != Parameter.ROUND).toList();

    /** A column: its name in the header and its cell for a row. */
    record Column(String name, Function<SummaryRow, String> cell) {

        static Column number(String name, ToDoubleFunction<SummaryRow> value) {
            return new Column(name, row -> SummaryCsv.number(value.applyAsDouble(row)));
        }
    }

    static final List<Column> COLUMNS = columns();

    private SummaryCsv() {
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>(List.of(new Column("benchmark", row -> Csv.quote(row.benchmark())),
                new Column("family", SummaryRow::family), new Column("label", row -> Csv.quote(row.label())),
                new Column("rows", row -> String.valueOf(row.rows()))));
        PARAMETERS.forEach(p -> columns.add(new Column(p.field(), row -> Csv.quote(row.params().getOrDefault(p.field(), "")))));
        columns.addAll(List.of(new Column("forks", row -> String.valueOf(row.forks())),
                new Column("n", row -> String.valueOf(row.times().n())),
                Column.number("seconds_mean", row -> row.times().mean()),
                Column.number("rows_per_s", row -> row.throughput().estimate()),
                Column.number("rows_per_s_low", row -> row.throughput().low()),
                Column.number("rows_per_s_high", row -> row.throughput().high()),
                Column.number("mb_per_s", SummaryRow::megabytesPerSecond),
                Column.number("client_cpu_ns_per_row", SummaryRow::clientCpuNsPerRow),
                Column.number("server_cpu_ns_per_row", SummaryRow::serverCpuNsPerRow),
                Column.number("wal_bytes_per_row", SummaryRow::walBytesPerRow),
                Column.number("alloc_bytes_per_row", SummaryRow::allocatedBytesPerRow),
                Column.number("heap_peak_growth_mb", row -> row.heapPeakGrowthBytes() / 1e6),
                Column.number("chunks", row -> row.chunks().chunks()),
                Column.number("successful_chunks", row -> row.chunks().successfulChunks()),
                Column.number("mean_chunk_ms", row -> row.chunks().meanSeconds() * 1e3),
                Column.number("max_chunk_ms", row -> row.chunks().maxSeconds() * 1e3),
                Column.number("wait_cpu", row -> row.waits().cpu()),
                Column.number("wait_client", row -> row.waits().client()),
                Column.number("wait_lock_extend", row -> row.waits().lockExtend()),
                Column.number("wait_wal", row -> row.waits().wal()),
                Column.number("wait_data_io", row -> row.waits().dataIo()),
                Column.number("wait_other", row -> row.waits().other())));
        for (Reference reference : Reference.values()) {
            columns.addAll(List.of(Column.number(reference.column(), row -> row.ratio(reference).estimate()),
                    Column.number(reference.column() + "_low", row -> row.ratio(reference).low()),
                    Column.number(reference.column() + "_high", row -> row.ratio(reference).high())));
        }
        columns.add(new Column("interleaved", row -> String.valueOf(row.interleaved())));
        return List.copyOf(columns);
    }

    public static List<String> header() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    public static String of(List<SummaryRow> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", header())).append('\n');
        for (SummaryRow row : rows) {
            csv.append(String.join(",", COLUMNS.stream().map(column -> column.cell().apply(row)).toList())).append('\n');
        }
        return csv.toString();
    }

    /** Six significant digits in plain notation; empty for NaN and infinities (not applicable, not measured or unbounded). */
    static String number(double value) {
        return Double.isFinite(value)
                ? new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString() : "";
    }
}
