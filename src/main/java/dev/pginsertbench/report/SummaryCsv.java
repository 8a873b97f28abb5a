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
            .filter(p -> p != Parameter.ROWS && p != Parameter.CLAIM && p != Parameter.ROUND
                    && p != Parameter.LEFT_OUT).toList();

    static final List<Csv.Column<SummaryRow>> COLUMNS = columns();

    private SummaryCsv() {
    }

    private static List<Csv.Column<SummaryRow>> columns() {
        List<Csv.Column<SummaryRow>> columns = new ArrayList<>(List.of(
                column("benchmark", Csv.Kind.TEXT, row -> Csv.quote(row.benchmark())),
                column("family", Csv.Kind.TEXT, SummaryRow::family),
                column("label", Csv.Kind.TEXT, row -> Csv.quote(row.label())),
                column("rows", Csv.Kind.NUMBER, row -> String.valueOf(row.rows()))));
        PARAMETERS.forEach(p -> columns.add(column(p.field(), p.isNumber() ? Csv.Kind.NUMBER : Csv.Kind.TEXT,
                row -> Csv.quote(row.params().getOrDefault(p.field(), "")))));
        columns.addAll(List.of(column("forks", Csv.Kind.NUMBER, row -> String.valueOf(row.forks())),
                column("n", Csv.Kind.NUMBER, row -> String.valueOf(row.times().n())),
                numberColumn("seconds_mean", row -> row.times().mean()),
                numberColumn("rows_per_s", row -> row.throughput().estimate()),
                numberColumn("rows_per_s_low", row -> row.throughput().low()),
                numberColumn("rows_per_s_high", row -> row.throughput().high()),
                numberColumn("mb_per_s", SummaryRow::megabytesPerSecond),
                numberColumn("client_cpu_ns_per_row", row -> row.cpu().clientNsPerRow()),
                numberColumn("server_cpu_ns_per_row", row -> row.cpu().serverNsPerRow()),
                numberColumn("wal_bytes_per_row", SummaryRow::walBytesPerRow),
                numberColumn("alloc_bytes_per_row", row -> row.memory().allocatedBytesPerRow()),
                numberColumn("heap_peak_growth_mb", row -> row.memory().heapPeakGrowthBytes() / 1e6),
                numberColumn("chunks", row -> row.chunks().chunks()),
                numberColumn("successful_chunks", row -> row.chunks().successfulChunks()),
                numberColumn("mean_chunk_ms", row -> row.chunks().meanSeconds() * 1e3),
                numberColumn("max_chunk_ms", row -> row.chunks().maxSeconds() * 1e3),
                numberColumn("wait_cpu", row -> row.waits().cpu()),
                numberColumn("wait_client", row -> row.waits().client()),
                numberColumn("wait_lock_extend", row -> row.waits().lockExtend()),
                numberColumn("wait_wal", row -> row.waits().wal()),
                numberColumn("wait_data_io", row -> row.waits().dataIo()),
                numberColumn("wait_other", row -> row.waits().other())));
        for (Reference reference : Reference.values()) {
            columns.addAll(List.of(numberColumn(reference.column(), row -> row.ratio(reference).estimate()),
                    numberColumn(reference.column() + "_low", row -> row.ratio(reference).low()),
                    numberColumn(reference.column() + "_high", row -> row.ratio(reference).high())));
        }
        columns.add(column("interleaved", Csv.Kind.FLAG, row -> String.valueOf(row.interleaved())));
        return List.copyOf(columns);
    }

    private static Csv.Column<SummaryRow> column(String name, Csv.Kind kind, Function<SummaryRow, String> cell) {
        return new Csv.Column<>(name, kind, cell);
    }

    private static Csv.Column<SummaryRow> numberColumn(String name, ToDoubleFunction<SummaryRow> value) {
        return new Csv.Column<>(name, Csv.Kind.NUMBER, row -> number(value.applyAsDouble(row)));
    }

    public static List<String> header() {
        return COLUMNS.stream().map(Csv.Column::name).toList();
    }

    public static String of(List<SummaryRow> rows) {
        return Csv.table(COLUMNS, rows);
    }

    /**
     * Six significant digits in plain notation; empty for NaN and infinities (not applicable, not measured or
     * unbounded).
     */
    static String number(double value) {
        return Double.isFinite(value)
                ? new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString() : "";
    }
}
