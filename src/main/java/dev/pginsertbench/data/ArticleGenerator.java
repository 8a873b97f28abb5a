package dev.pginsertbench.data;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Generates articles deterministically from a seed: the same seed and size always give the same
 * rows, and row {@code id} depends only on the seed and the id, so rows can be generated in
 * parallel. About 5 % of rows carry hostile text in every free-text field and about 5 % of the
 * nullable fields are NULL, so every encoder is exercised on every run. U+0000 is never produced
 * (PostgreSQL text cannot hold it). The average row is about 1 KB of text, most of it abstract.
 */
public final class ArticleGenerator {

    /** Share of rows whose text fields carry hostile fragments. */
    public static final double HOSTILE_SHARE = 0.05;
    /** Share of nullable fields left NULL. */
    public static final double NULL_SHARE = 0.05;

    /**
     * Fragments that break naive encoders: COPY text and CSV delimiters and escapes, the NULL and
     * end-of-data markers, line breaks, non-ASCII letters, CJK and characters outside the BMP.
     */
    static final List<String> HOSTILE_FRAGMENTS = List.of(
            "\"double quoted\"", "comma, separated", "back\\slash", "tab\there", "carriage\rreturn",
            "line\nfeed", "\\N", "\n\\.\n", "crlf\r\nend", "'single quoted'", "pipe|bar;semicolon",
            "Zürich Ærøskøbing façade naïve", "Łódź Ελληνικά кириллица", "数据库系统研究", "論文の要旨",
            "emoji 😀🚀🧪", "\\\\double backslash", "trailing backslash\\");

    private static final String[] WORDS = {
        "analysis", "of", "the", "performance", "distributed", "systems", "we", "propose", "a", "novel",
        "method", "for", "bulk", "loading", "relational", "databases", "results", "show", "that", "our",
        "approach", "reduces", "latency", "and", "improves", "throughput", "in", "large", "scale",
        "experiments", "with", "real", "workloads", "model", "data", "query", "optimization", "index",
        "transaction", "concurrency", "control", "storage", "engine", "write", "ahead", "log", "recovery",
        "benchmark", "evaluation", "parallel", "streaming", "protein", "climate", "genome", "neural",
        "network", "graph", "sampling", "estimation", "variance", "survey", "cohort", "clinical", "trial",
    };

    private static final String[] JOURNALS = {
        "Journal of Data Engineering", "VLDB Journal", "Proceedings of SIGMOD", "Information Systems",
        "Nature Computational Science", "Revista de Informática", "Zeitschrift für Datenbanken",
        "Acta Numerica", "PLOS ONE", "IEEE Transactions on Knowledge and Data Engineering",
    };

    private static final String[] NAMES = {
        "Smith", "García", "Müller", "Nguyen", "Kowalski", "O'Brien", "Øster", "Rossi", "Tanaka", "Silva",
        "Dubois", "Ivanova", "Chen", "Kim", "Hernández", "Andersson",
    };

    private static final OffsetDateTime INGEST_BASE = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final long MICROS_PER_YEAR = 365L * 24 * 3600 * 1_000_000;

    private final long seed;

    public ArticleGenerator(long seed) {
        this.seed = seed;
    }

    /** Rows with ids 1..size, generated in parallel; the result does not depend on the thread count. */
    public List<Article> generate(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        return IntStream.rangeClosed(1, size).parallel().mapToObj(this::row).toList();
    }

    /** The article with the given id under this generator's seed. */
    public Article row(long id) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        boolean hostile = random.nextDouble() < HOSTILE_SHARE;
        int year = 1950 + random.nextInt(76);
        LocalDate date = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
        OffsetDateTime ingested = INGEST_BASE.plusNanos(random.nextLong(MICROS_PER_YEAR) * 1000);
        return new Article(
                id,
                "10." + (1000 + random.nextInt(9000)) + "/art." + id,
                text(random, 6 + random.nextInt(10), hostile),
                nullable(random, text(random, 90 + random.nextInt(50), hostile)),
                nullable(random, authors(random, hostile)),
                nullable(random, JOURNALS[random.nextInt(JOURNALS.length)]),
                nullable(random, year),
                nullable(random, date),
                nullable(random, random.nextInt(5000)),
                nullable(random, random.nextDouble() * 100),
                nullable(random, random.nextBoolean()),
                nullable(random, keywords(random, hostile)),
                ingested);
    }

    private static <T> T nullable(SplittableRandom random, T value) {
        return random.nextDouble() < NULL_SHARE ? null : value;
    }

    private static String text(SplittableRandom random, int words, boolean hostile) {
        StringBuilder text = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (hostile) {
            addHostile(random, text);
        }
        return text.toString();
    }

    private static String authors(SplittableRandom random, boolean hostile) {
        int count = 1 + random.nextInt(5);
        StringBuilder authors = new StringBuilder(count * 12);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                authors.append("; ");
            }
            authors.append(NAMES[random.nextInt(NAMES.length)]).append(", ")
                    .append((char) ('A' + random.nextInt(26))).append('.');
        }
        if (hostile) {
            addHostile(random, authors);
        }
        return authors.toString();
    }

    private static String keywords(SplittableRandom random, boolean hostile) {
        StringBuilder keywords = new StringBuilder(48);
        int count = 2 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                keywords.append(',');
            }
            keywords.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (hostile) {
            addHostile(random, keywords);
        }
        return keywords.toString();
    }

    /** Inserts three hostile fragments at random word positions (start, middle or end). */
    private static void addHostile(SplittableRandom random, StringBuilder text) {
        for (int i = 0; i < 3; i++) {
            String fragment = HOSTILE_FRAGMENTS.get(random.nextInt(HOSTILE_FRAGMENTS.size()));
            int at = switch (random.nextInt(3)) {
                case 0 -> 0;
                case 1 -> text.length() / 2;
                default -> text.length();
            };
            if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
                at--; // never split an emoji's surrogate pair
            }
            text.insert(at, fragment);
        }
    }
}
