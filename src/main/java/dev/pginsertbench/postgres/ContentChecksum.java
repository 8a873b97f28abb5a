package dev.pginsertbench.postgres;

import dev.pginsertbench.data.Article;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A content checksum the server and Java compute identically, so a test can prove that the
 * table holds exactly the generated rows. Each row becomes a canonical text: its fields in
 * column order, separated by {@code |}, text length-prefixed ({@code bytes:text}) so no two rows
 * share a text, NULL as {@code -}, dates as days since 1970, doubles as their IEEE bits in hex,
 * timestamps as microseconds since 2000-01-01 UTC. A row's hash is the first 64 bits of the MD5 of that
 * text; the checksum is the sum of all hashes, which does not depend on row order.
 */
public final class ContentChecksum {

    private static final BigInteger MICROS_PER_SECOND = BigInteger.valueOf(1_000_000);
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    private ContentChecksum() {
    }

    /** The checksum of a list of articles, as the server would compute it after loading them. */
    public static TableContent of(Collection<Article> articles) {
        MessageDigest md5 = md5();
        BigInteger sum = BigInteger.ZERO;
        long accumulated = 0;
        int pending = 0;
        for (Article article : articles) {
            long hash = rowHash(md5, article);
            // add in long while it cannot overflow, then fold into the BigInteger
            if ((hash > 0 && accumulated > Long.MAX_VALUE - hash)
                    || (hash < 0 && accumulated < Long.MIN_VALUE - hash)) {
                sum = sum.add(BigInteger.valueOf(accumulated));
                accumulated = 0;
            }
            accumulated += hash;
            pending++;
        }
        sum = sum.add(BigInteger.valueOf(accumulated));
        return new TableContent(pending, sum);
    }

    /** {@code SELECT count(*), sum(row hash) FROM table}, with the same canonical text as {@link #of}. */
    static String serverQuery(TableName table) {
        String rowText = ArticleTable.COLUMNS.stream()
                .map(column -> "coalesce(" + canonicalSql(column) + ", '-')")
                .collect(Collectors.joining(" || '|' || "));
        return "SELECT count(*), coalesce(sum(('x' || left(md5(" + rowText + "), 16))::bit(64)::bigint), 0) FROM "
                + table.quoted();
    }

    private static String canonicalSql(Column column) {
        String name = column.quotedName();
        return switch (column.sqlType()) {
            case "bigint", "integer" -> name + "::text";
            case "text" -> "octet_length(" + name + ")::text || ':' || " + name;
            case "date" -> "(" + name + " - date '1970-01-01')::text";
            case "double precision" -> "encode(float8send(" + name + "), 'hex')";
            case "boolean" -> "CASE " + name + " WHEN true THEN 't' WHEN false THEN 'f' END";
            case "timestamptz" -> "trunc(extract(epoch FROM " + name
                    + " - timestamptz '2000-01-01 00:00:00+00') * 1000000)::text";
            default -> throw new IllegalStateException("no canonical form for column type " + column.sqlType());
        };
    }

    /** The canonical text of one row; must match {@link #canonicalSql} column by column. */
    static String canonicalText(Article a) {
        StringBuilder text = new StringBuilder(1200);
        text.append(a.id()).append('|');
        text(text, a.doi()).append('|');
        text(text, a.title()).append('|');
        text(text, a.abstractText()).append('|');
        text(text, a.authors()).append('|');
        text(text, a.journal()).append('|');
        value(text, a.publicationYear()).append('|');
        date(text, a.publicationDate()).append('|');
        value(text, a.citations()).append('|');
        real(text, a.score()).append('|');
        bool(text, a.openAccess()).append('|');
        text(text, a.keywords()).append('|');
        timestamp(text, a.ingestedAt());
        return text.toString();
    }

    private static long rowHash(MessageDigest md5, Article article) {
        byte[] digest = md5.digest(canonicalText(article).getBytes(StandardCharsets.UTF_8));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xFF);
        }
        return hash;
    }

    private static StringBuilder text(StringBuilder out, String value) {
        return value == null ? out.append('-')
                : out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
    }

    private static StringBuilder value(StringBuilder out, Integer value) {
        return value == null ? out.append('-') : out.append(value.intValue());
    }

    private static StringBuilder date(StringBuilder out, LocalDate value) {
        return value == null ? out.append('-') : out.append(value.toEpochDay());
    }

    private static StringBuilder real(StringBuilder out, Double value) {
        if (value == null) {
            return out.append('-');
        }
        String hex = Long.toHexString(Double.doubleToLongBits(value));
        return out.append("0".repeat(16 - hex.length())).append(hex);
    }

    private static StringBuilder bool(StringBuilder out, Boolean value) {
        return value == null ? out.append('-') : out.append(value ? 't' : 'f');
    }

    private static StringBuilder timestamp(StringBuilder out, OffsetDateTime value) {
        // near PostgreSQL's upper limit (294276 AD) microseconds since 1970 exceed a long, and
        // the server's extract(epoch) of such a timestamp rounds: both count from 2000 instead
        return out.append(BigInteger.valueOf(value.toEpochSecond() - POSTGRES_EPOCH_SECOND).multiply(MICROS_PER_SECOND)
                .add(BigInteger.valueOf(value.getNano() / 1000)));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }
}
