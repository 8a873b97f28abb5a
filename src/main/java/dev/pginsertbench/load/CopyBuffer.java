package dev.pginsertbench.load;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
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

    private static final int INITIAL_CHARS = 256;

    private final CopyIn target;
    private final int blockSize;
    private byte[] bytes;
    private int position;
    /** The JDK's ASCII encoder: its array loop is a vectorised intrinsic that stops at the first other character. */
    private final CharsetEncoder ascii = StandardCharsets.US_ASCII.newEncoder();
    /** The characters of the string being encoded, copied out in bulk (the encoder reads an array). */
    private CharBuffer chars = CharBuffer.allocate(INITIAL_CHARS);
    /** {@link #bytes} as the encoder writes it; wrapped again when the array is replaced. */
    private ByteBuffer byteView;
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
        if (chars.capacity() > blockSize) {
            chars = CharBuffer.allocate(INITIAL_CHARS);
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
        if (escape == Escape.NONE) {
            writeUnescaped(text, length);
            return;
        }
        byte[] out = bytes;
        int at = position;
        int i = 0;
        // tight loop for the common case: ASCII characters the format leaves alone
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == 0 || isSpecial(c, escape)) {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                int end = putNonAscii(c, i + 1 < length ? text.charAt(i + 1) : 0, out, at);
                i += end - at == 4 ? 2 : 1;
                at = end;
                continue;
            }
            if (c == 0) {
                throw new UnstorableText();
            }
            if (isSpecial(c, escape)) {
                // text: a backslash and a letter; CSV (inside quotes): the quote doubled
                out[at++] = (byte) (escape == Escape.TEXT ? '\\' : '"');
                out[at++] = (byte) (c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c);
            } else {
                out[at++] = (byte) c;
            }
            i++;
        }
        position = at;
    }

    /**
     * {@code text} as UTF-8, unescaped (binary format), in bulk where a loop of {@code charAt}
     * costs a few cycles per character: the characters are copied out at once and runs of ASCII
     * narrowed by the JDK's ASCII encoder, both vectorised intrinsics; only the characters between
     * runs are encoded one by one. Room for all of it must have been ensured.
     */
    private void writeUnescaped(String text, int length) {
        if (text.indexOf(0) >= 0) { // vectorised too
            throw new UnstorableText();
        }
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
        }
        char[] in = chars.array();
        text.getChars(0, length, in, 0);
        chars.limit(length).position(0);
        if (byteView == null || byteView.array() != bytes) {
            byteView = ByteBuffer.wrap(bytes);
        }
        byteView.limit(bytes.length).position(position);
        while (true) {
            // stops before the first character that is not ASCII; never the end of input, so that
            // a high surrogate at the end is left here, to be refused below, and no reset is needed
            ascii.encode(chars, byteView, false);
            int i = chars.position();
            if (i == length) {
                break;
            }
            if (in[i] < 0x80) { // only a full buffer stops it there, and room was ensured: never loop forever
                throw new IllegalStateException("the ASCII encoder stopped at an ASCII character");
            }
            byte[] out = bytes;
            int at = byteView.position();
            while (i < length && in[i] >= 0x80) {
                int end = putNonAscii(in[i], i + 1 < length ? in[i + 1] : 0, out, at);
                i += end - at == 4 ? 2 : 1;
                at = end;
            }
            chars.position(i);
            byteView.position(at);
        }
        position = byteView.position();
    }

    /**
     * Writes the non-ASCII character {@code c}, followed by {@code next} (0 at the end of the text),
     * as UTF-8 at {@code at} and returns where its bytes end: 4 bytes exactly when {@code c} and
     * {@code next} are a surrogate pair, both consumed. An unpaired surrogate is refused.
     */
    private static int putNonAscii(char c, char next, byte[] out, int at) {
        if (c < 0x800) {
            out[at] = (byte) (0xC0 | (c >> 6));
            out[at + 1] = (byte) (0x80 | (c & 0x3F));
            return at + 2;
        }
        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
            int codePoint = Character.toCodePoint(c, next);
            out[at] = (byte) (0xF0 | (codePoint >> 18));
            out[at + 1] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
            out[at + 2] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
            out[at + 3] = (byte) (0x80 | (codePoint & 0x3F));
            return at + 4;
        }
        if (Character.isSurrogate(c)) {
            throw new UnstorableText();
        }
        out[at] = (byte) (0xE0 | (c >> 12));
        out[at + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at + 2] = (byte) (0x80 | (c & 0x3F));
        return at + 3;
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
