package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary articles at the edges of what PostgreSQL stores: any Unicode scalar value (all
 * planes, controls, COPY delimiters and escapes, no U+0000), NULL anywhere it is allowed,
 * integer extremes, every special double, and dates and timestamps across PostgreSQL's whole
 * range, in any time zone offset.
 */
final class ArticleArbitraries {

    /** PostgreSQL's date range: 4713 BC to 5874897 AD (Java year -4712 is 4713 BC). */
    static final LocalDate MIN_DATE = LocalDate.of(-4712, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(5_874_897, 12, 31);
    /** PostgreSQL's timestamptz range: 4713 BC to 294276 AD. */
    static final Instant MIN_TIMESTAMP = OffsetDateTime.of(-4712, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    static final Instant MAX_TIMESTAMP = OffsetDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC).toInstant();

    private static final List<String> TRICKY = List.of(
            "\\N", "\\.", "\n\\.\n", "\\", "\"", "\"\"", ",", "\t", "\r", "\n", "\r\n", "'", "|", ";", " ", "NULL",
            "\u0001", "\u001f", "\u007f", "\u00a0", "\u2028", "\ufeff", "\uffff", "😀", "𝄞", "数", "é");

    private ArticleArbitraries() {
    }

    static Arbitrary<List<Article>> articles(int maxRows) {
        return article().list().ofMinSize(1).ofMaxSize(maxRows).uniqueElements(Article::id);
    }

    static Arbitrary<Article> article() {
        Arbitrary<String> text = text(200);
        Arbitrary<String> nullableText = text.injectNull(0.2);
        Arbitrary<Integer> integer = Arbitraries.integers().edgeCases(edges -> edges.add(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .injectNull(0.2);
        return Combinators.combine(
                        Arbitraries.longs(), text, text, nullableText, nullableText, nullableText, integer, date().injectNull(0.2))
                .as(Tuple::of)
                .flatMap(head -> Combinators.combine(
                                integer, real().injectNull(0.2), Arbitraries.of(true, false).injectNull(0.2), nullableText,
                                timestamp())
                        .as((citations, score, open, keywords, ingested) -> new Article(
                                head.get1(), head.get2(), head.get3(), head.get4(), head.get5(), head.get6(), head.get7(),
                                head.get8(), citations, score, open, keywords, ingested)));
    }

    /** Text of any Unicode scalar values except U+0000, with COPY's special sequences mixed in. */
    static Arbitrary<String> text(int maxPieces) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                Tuple.of(3, Arbitraries.of(TRICKY)),
                Tuple.of(1, Arbitraries.chars().range('\u0001', '\u001f').map(String::valueOf)),
                Tuple.of(2, codePoint(0x80, 0xFFFF)),
                Tuple.of(2, codePoint(0x10000, 0x10FFFF)));
        return piece.list().ofMaxSize(maxPieces).map(pieces -> String.join("", pieces));
    }

    /** Strings of about {@code min}..{@code max} characters, for the very-long-value properties. */
    static Arbitrary<String> longText(int min, int max) {
        return Arbitraries.integers().between(min, max).flatMap(length -> text(64).filter(s -> !s.isEmpty())
                .map(seed -> {
                    StringBuilder out = new StringBuilder(length + seed.length());
                    while (out.length() < length) {
                        out.append(seed);
                    }
                    return out.toString();
                }));
    }

    private static Arbitrary<String> codePoint(int from, int to) {
        return Arbitraries.integers().between(from, to)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
    }

    static Arbitrary<Double> real() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().map(Double::longBitsToDouble)),
                Tuple.of(2, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1e-300)));
    }

    static Arbitrary<LocalDate> date() {
        return Arbitraries.longs().between(MIN_DATE.toEpochDay(), MAX_DATE.toEpochDay())
                .edgeCases(edges -> edges.add(0L, LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(1, 1, 1).toEpochDay(),
                        LocalDate.of(0, 12, 31).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay(),
                        LocalDate.of(10000, 1, 1).toEpochDay()))
                .map(LocalDate::ofEpochDay);
    }

    static Arbitrary<OffsetDateTime> timestamp() {
        // microseconds since 1970 overflow a long near 294276 AD: count seconds and micros apart
        Arbitrary<Instant> instant = Combinators.combine(
                        Arbitraries.longs().between(MIN_TIMESTAMP.getEpochSecond(), MAX_TIMESTAMP.getEpochSecond())
                                .edgeCases(edges -> edges.add(0L, -1L, 946_684_800L)),
                        Arbitraries.integers().between(0, 999_999))
                .as((seconds, micros) -> Instant.ofEpochSecond(seconds, micros * 1000L));
        Arbitrary<ZoneOffset> offset = Arbitraries.integers().between(-18 * 60, 18 * 60).map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        return Combinators.combine(instant, offset).as(OffsetDateTime::ofInstant);
    }
}
