package dev.pginsertbench.load;

import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * A reused byte buffer that COPY rows are encoded into and that is written to the server in
 * blocks of about its capacity, so no chunk-sized array is ever built. Detached from a
 * {@link CopyIn} it only grows, which is how single rows are encoded for UPFRONT conversion.
 * Strings are encoded to UTF-8 here directly, escaped for the COPY format on the way.
 */
final class CopyBuffer {

    /** How string characters are written. */
    enum Escape {
        /** As UTF-8, unchanged (binary format). */
        NONE,
        /** COPY text format: backslash, newline, carriage return and tab become backslash escapes. */
        TEXT,
        /** CSV inside double quotes: a double quote is doubled. */
        CSV
    }

    private final CopyIn target;
    private final int blockSize;
    private byte[] bytes;
    private int position;
    private long flushed;

    CopyBuffer(int blockSize, CopyIn target) {
        this.blockSize = blockSize;
        this.target = target;
        this.bytes = new byte[blockSize];
    }

    /** Makes room for {@code needed} more bytes: writes the buffer out when attached, else grows it. */
    void ensure(int needed) throws SQLException {
        if (position + needed <= bytes.length) {
            return;
        }
        if (target != null && position > 0) {
            flush();
            if (needed <= bytes.length) {
                return;
            }
        }
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + needed));
    }

    /** Writes what is buffered to the server. */
    void flush() throws SQLException {
        if (target != null && position > 0) {
            target.writeToCopy(bytes, 0, position);
            flushed += position;
            position = 0;
        }
    }

    /** Bytes written so far, flushed or not. */
    long size() {
        return flushed + position;
    }

    void reset() {
        position = 0;
        flushed = 0;
        if (bytes.length > blockSize * 4) {
            bytes = new byte[blockSize]; // do not keep a buffer a huge row once needed
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, position);
    }

    int position() {
        return position;
    }

    void write(byte[] data) throws SQLException {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, position, data.length);
        position += data.length;
    }

    void writeByte(int value) throws SQLException {
        ensure(1);
        bytes[position++] = (byte) value;
    }

    void writeShort(int value) throws SQLException {
        ensure(2);
        bytes[position++] = (byte) (value >>> 8);
        bytes[position++] = (byte) value;
    }

    void writeInt(int value) throws SQLException {
        ensure(4);
        putInt(position, value);
        position += 4;
    }

    /** Overwrites 4 bytes already written (a binary field's length, known after its value). */
    void putInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    void writeLong(long value) throws SQLException {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[position++] = (byte) (value >>> shift);
        }
    }

    /** The decimal digits of {@code value}, without building a String. */
    void writeDecimal(long value) throws SQLException {
        if (value == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[position++] = '-';
            value = -value;
        }
        int end = position + digits(value);
        for (int at = end - 1; at >= position; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position = end;
    }

    /** Characters known to be ASCII (numbers, dates, markers). */
    void writeAscii(CharSequence text) throws SQLException {
        ensure(text.length());
        for (int i = 0, n = text.length(); i < n; i++) {
            bytes[position++] = (byte) text.charAt(i);
        }
    }

    /**
     * {@code text} as UTF-8 with the given escaping. Text PostgreSQL cannot store exactly (U+0000,
     * an unpaired surrogate) is refused with {@link UnstorableText} in the same pass, so that the
     * COPY protocols read each character once; the loader then names the row ({@link RowValidator}).
     */
    void writeUtf8(String text, Escape escape) throws SQLException {
        int length = text.length();
        ensure(length * 3); // worst case: 3 bytes per UTF-16 unit, and every escape fits in 2
        byte[] out = bytes;
        int at = position;
        int i = 0;
        // tight loop for the common case: ASCII characters the format leaves alone
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == 0 || (escape != Escape.NONE && isSpecial(c, escape))) {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw new UnstorableText();
                }
                if (escape != Escape.NONE && isSpecial(c, escape)) {
                    // text: a backslash and a letter; CSV (inside quotes): the quote doubled
                    out[at++] = (byte) (escape == Escape.TEXT ? '\\' : '"');
                    out[at++] = (byte) (c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c);
                } else {
                    out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | (codePoint >> 18));
                out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                throw new UnstorableText();
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        position = at;
    }

    /**
     * Text that PostgreSQL cannot store exactly, met while encoding: the loader finds and names the
     * row with {@link RowValidator}. Unchecked, so that it passes through the encoders untouched.
     */
    static final class UnstorableText extends RuntimeException {

        UnstorableText() {
            super("text PostgreSQL cannot store exactly (U+0000 or an unpaired surrogate)", null, false, false);
        }
    }

    private static boolean isSpecial(char c, Escape escape) {
        return escape == Escape.TEXT ? c == '\\' || c == '\n' || c == '\r' || c == '\t' : c == '"';
    }

    private static int digits(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }
}
