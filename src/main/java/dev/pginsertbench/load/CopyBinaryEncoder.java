package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ArticleTable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * PostgreSQL's binary COPY format: a signature header, then per row a field count and each
 * field as a 32-bit length (-1 for NULL) and its binary value; numbers, dates and timestamps
 * are written as fixed-width integers without boxing or text. Dates count days and timestamps
 * microseconds from 2000-01-01 UTC, PostgreSQL's epoch.
 */
final class CopyBinaryEncoder implements CopyRowEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400;
    private static final int FIELDS = ArticleTable.COLUMNS.size();

    @Override
    public String copyOptions() {
        return "(FORMAT binary)";
    }

    @Override
    public void begin(CopyBuffer out) throws SQLException {
        out.write(SIGNATURE);
        out.writeInt(0); // flags: no OIDs
        out.writeInt(0); // header extension length
    }

    @Override
    public void end(CopyBuffer out) throws SQLException {
        out.writeShort(-1);
    }

    @Override
    public void encode(Article a, CopyBuffer out) throws SQLException {
        out.writeShort(FIELDS);
        int8(out, a.id());
        text(out, a.doi());
        text(out, a.title());
        text(out, a.abstractText());
        text(out, a.authors());
        text(out, a.journal());
        int4(out, a.publicationYear());
        date(out, a.publicationDate());
        int4(out, a.citations());
        float8(out, a.score());
        bool(out, a.openAccess());
        text(out, a.keywords());
        timestamptz(out, a.ingestedAt());
    }

    private static void int8(CopyBuffer out, long value) throws SQLException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private static void text(CopyBuffer out, String value) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.ensure(4 + value.length() * 3); // length slot and value stay in one block
        int lengthAt = out.position();
        out.writeInt(0);
        out.writeUtf8(value, CopyBuffer.Escape.NONE);
        out.putInt(lengthAt, out.position() - lengthAt - 4);
    }

    private static void int4(CopyBuffer out, Integer value) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(4);
            out.writeInt(value);
        }
    }

    private static void date(CopyBuffer out, LocalDate value) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(4);
            out.writeInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
        }
    }

    private static void float8(CopyBuffer out, Double value) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(8);
            out.writeLong(Double.doubleToLongBits(value));
        }
    }

    private static void bool(CopyBuffer out, Boolean value) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(1);
            out.writeByte(value ? 1 : 0);
        }
    }

    private static void timestamptz(CopyBuffer out, OffsetDateTime value) throws SQLException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        long seconds = value.toEpochSecond() - POSTGRES_EPOCH_SECOND;
        out.writeInt(8);
        out.writeLong(Math.addExact(Math.multiplyExact(seconds, 1_000_000L), value.getNano() / 1000));
    }
}
