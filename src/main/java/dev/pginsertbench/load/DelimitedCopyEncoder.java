package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * COPY's two text formats, which differ only in delimiter, NULL marker and string escaping:
 * text (tab, {@code \N}, backslash escapes) and CSV (comma, empty unquoted field, every string
 * quoted — so an empty string, a lone {@code \.} or a leading quote can never be misread).
 * Doubles are written with Java's shortest exact decimal form, which PostgreSQL parses back to
 * the same bits.
 */
final class DelimitedCopyEncoder implements CopyRowEncoder {

    private final String options;
    private final byte delimiter;
    private final String nullMarker;
    private final CopyBuffer.Escape escape;

    private DelimitedCopyEncoder(String options, char delimiter, String nullMarker, CopyBuffer.Escape escape) {
        this.options = options;
        this.delimiter = (byte) delimiter;
        this.nullMarker = nullMarker;
        this.escape = escape;
    }

    static DelimitedCopyEncoder text() {
        return new DelimitedCopyEncoder("", '\t', "\\N", CopyBuffer.Escape.TEXT);
    }

    static DelimitedCopyEncoder csv() {
        return new DelimitedCopyEncoder("(FORMAT csv)", ',', "", CopyBuffer.Escape.CSV);
    }

    @Override
    public String copyOptions() {
        return options;
    }

    @Override
    public void begin(CopyBuffer out) {
        // no header in the text formats
    }

    @Override
    public void end(CopyBuffer out) {
        // the end of the stream ends the data
    }

    @Override
    public void encode(Article a, CopyBuffer out) throws SQLException {
        out.writeDecimal(a.id());
        separator(out);
        string(out, a.doi());
        separator(out);
        string(out, a.title());
        separator(out);
        string(out, a.abstractText());
        separator(out);
        string(out, a.authors());
        separator(out);
        string(out, a.journal());
        separator(out);
        integer(out, a.publicationYear());
        separator(out);
        date(out, a.publicationDate());
        separator(out);
        integer(out, a.citations());
        separator(out);
        real(out, a.score());
        separator(out);
        bool(out, a.openAccess());
        separator(out);
        string(out, a.keywords());
        separator(out);
        timestamp(out, a.ingestedAt());
        out.writeByte('\n');
    }

    private void separator(CopyBuffer out) throws SQLException {
        out.writeByte(delimiter);
    }

    private void string(CopyBuffer out, String value) throws SQLException {
        if (value == null) {
            out.writeAscii(nullMarker);
        } else if (escape == CopyBuffer.Escape.CSV) {
            out.writeByte('"');
            out.writeUtf8(value, escape);
            out.writeByte('"');
        } else {
            out.writeUtf8(value, escape);
        }
    }

    private void integer(CopyBuffer out, Integer value) throws SQLException {
        if (value == null) {
            out.writeAscii(nullMarker);
        } else {
            out.writeDecimal(value);
        }
    }

    private void real(CopyBuffer out, Double value) throws SQLException {
        if (value == null) {
            out.writeAscii(nullMarker);
        } else {
            out.writeAscii(Double.toString(value)); // NaN, Infinity, -Infinity are PostgreSQL's spellings too
        }
    }

    private void bool(CopyBuffer out, Boolean value) throws SQLException {
        if (value == null) {
            out.writeAscii(nullMarker);
        } else {
            out.writeByte(value ? 't' : 'f');
        }
    }

    private void date(CopyBuffer out, LocalDate value) throws SQLException {
        if (value == null) {
            out.writeAscii(nullMarker);
        } else {
            out.writeAscii(PgText.date(new StringBuilder(16), value));
        }
    }

    private void timestamp(CopyBuffer out, OffsetDateTime value) throws SQLException {
        if (value == null) {
            out.writeAscii(nullMarker);
        } else {
            out.writeAscii(PgText.timestamp(new StringBuilder(32), value));
        }
    }
}
