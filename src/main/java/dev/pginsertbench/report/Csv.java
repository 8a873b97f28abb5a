package dev.pginsertbench.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** CSV fields as the results folder's CSV files write them (RFC 4180 quoting, empty for none, NaN for not measured). */
final class Csv {

    private Csv() {
    }

    /** What a column's cells are, as results/schema.json tells other languages' readers. */
    enum Kind {
        /** As written; quoted where it holds a comma, a quote or a line break. */
        TEXT,
        /** A number: empty where not applicable (an unbounded end), {@code NaN} where not measured. */
        NUMBER,
        /** {@code true} or {@code false}. */
        FLAG;

        /** As the schema names it. */
        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A column of a CSV file: its name in the header, what its cells are, and how a row fills its cell. */
    record Column<T>(String name, Kind kind, Function<T, String> cell) {

        /** This column over rows of another kind, each reaching this column's row through {@code part}. */
        <U> Column<U> from(Function<U, T> part) {
            return new Column<>(name, kind, row -> cell.apply(part.apply(row)));
        }
    }

    /**
     * Three number columns of an interval: {@code name}, {@code name_low} and {@code name_high}, each empty where
     * the row has no interval.
     */
    static <T> List<Column<T>> interval(String name, Function<T, java.util.Optional<Interval>> value) {
        return List.of(
                new Column<>(name, Kind.NUMBER, row -> value.apply(row).map(i -> number(i.estimate())).orElse("")),
                new Column<>(name + "_low", Kind.NUMBER, row -> value.apply(row).map(i -> number(i.low())).orElse("")),
                new Column<>(name + "_high", Kind.NUMBER,
                        row -> value.apply(row).map(i -> number(i.high())).orElse("")));
    }

    /** A header line and one line per row, both made from the same columns. */
    static <T> String table(List<Column<T>> columns, List<T> rows) {
        StringBuilder text = new StringBuilder(64 * (rows.size() + 1) * Math.max(1, columns.size() / 4));
        text.append(String.join(",", columns.stream().map(Column::name).toList())).append('\n');
        for (T row : rows) {
            text.append(String.join(",", columns.stream().map(column -> column.cell().apply(row)).toList()))
                    .append('\n');
        }
        return text.toString();
    }

    static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Empty for null (unbounded), {@code NaN} for a value that could not be measured. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
