package dev.pginsertbench.report;

import java.util.Locale;

/** CSV fields as the results folder's CSV files write them (RFC 4180 quoting, empty for none, NaN for not measured). */
final class Csv {

    private Csv() {
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
