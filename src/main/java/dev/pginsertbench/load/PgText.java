package dev.pginsertbench.load;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL's text input forms for dates and timestamps, written without {@code String.format}.
 * Years before 1 AD use the {@code BC} suffix (Java's year 0 is 1 BC); timestamps are written in
 * UTC with microseconds (anything finer is truncated, as the binary format does).
 */
final class PgText {

    private PgText() {
    }

    static StringBuilder date(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        boolean bc = year <= 0;
        pad(out, bc ? 1 - year : year, 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2);
        return bc ? out.append(" BC") : out;
    }

    static StringBuilder timestamp(StringBuilder out, OffsetDateTime value) {
        OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        boolean bc = year <= 0;
        pad(out, bc ? 1 - year : year, 4).append('-');
        pad(out, utc.getMonthValue(), 2).append('-');
        pad(out, utc.getDayOfMonth(), 2).append(' ');
        pad(out, utc.getHour(), 2).append(':');
        pad(out, utc.getMinute(), 2).append(':');
        pad(out, utc.getSecond(), 2).append('.');
        pad(out, utc.getNano() / 1000, 6).append("+00");
        return bc ? out.append(" BC") : out;
    }

    static String date(LocalDate date) {
        return date == null ? null : date(new StringBuilder(16), date).toString();
    }

    static String timestamp(OffsetDateTime value) {
        return value == null ? null : timestamp(new StringBuilder(32), value).toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits; i < width; i++) {
            out.append('0');
        }
        return out.append(value);
    }
}
