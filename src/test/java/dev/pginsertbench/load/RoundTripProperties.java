package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableShape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.Store;

/**
 * Every protocol round-trips every value exactly: what SELECT returns equals what was sent.
 * Values are read back in forms the server computes (days, microseconds, IEEE bits), so the
 * check does not depend on the driver parsing extreme dates or special doubles. Timestamps are
 * read as an interval from 2000-01-01: {@code extract(epoch ...)} of a timestamp near 294276 AD
 * loses its microseconds in PostgreSQL's numeric division.
 */
class RoundTripProperties {

    private static final ArticleTable TABLE = ArticleTable.named("round trip \"props\"");

    @Property(tries = 200)
    void everyProtocolRoundTripsExactly(@ForAll("articles") List<Article> rows, @ForAll Protocol protocol) throws Exception {
        assertThat(loadAndReadBack(rows, protocol)).isEqualTo(canonical(rows));
    }

    @Property(tries = 14)
    void veryLongTextRoundTrips(@ForAll("longText") String text, @ForAll Protocol protocol) throws Exception {
        Article base = ArticleArbitraries.article().sample();
        List<Article> rows = List.of(new Article(1, text, text, text, null, text, null, null, null, null, null, text,
                base.ingestedAt()));
        assertThat(loadAndReadBack(rows, protocol)).isEqualTo(canonical(rows));
    }

    @Property(tries = 40)
    void nulIsRejectedBeforeSendingNamingTheRow(@ForAll("articles") List<Article> rows, @ForAll Protocol protocol)
            throws Exception {
        Article first = rows.get(0);
        List<Article> withNul = new ArrayList<>(rows);
        withNul.set(0, first.withTitle(first.title() + "\0"));
        try (Connection connection = server().connect()) {
            TABLE.recreate(connection, TableShape.HEAP);
            try (Loader loader = new Loader(server().address(), TABLE.name(), LoadPlan.syncBaseline(rows.size()).withProtocol(protocol))) {
                LoadReport report = loader.load(withNul);
                assertThat(report.rows().inserted()).isZero();
                assertThat(report.firstErrors()).singleElement().satisfies(error -> {
                    assertThat(error.message()).contains("row id " + first.id()).contains("U+0000");
                    assertThat(error.sqlState()).isEqualTo(InvalidRowException.SQL_STATE);
                });
            }
            assertThat(TABLE.count(connection)).isZero();
        }
    }

    /** Shrunk counterexamples found while writing the encoders, kept as plain examples. */
    @Example
    void backslashDotAndNulMarkerStayText() throws Exception {
        Article base = ArticleArbitraries.article().sample();
        for (String text : List.of("\\.", "\\N", "", "\"", "\r\n\\.\r\n")) {
            List<Article> rows = List.of(new Article(7, text, text, text, text, text, null, null, null, -0.0, null, text,
                    base.ingestedAt()));
            for (Protocol protocol : Protocol.values()) {
                assertThat(loadAndReadBack(rows, protocol)).as("%s %s", protocol, text).isEqualTo(canonical(rows));
            }
        }
    }

    @Example
    void offsetsPostgresCannotParseAreSentAsUtc() throws Exception {
        // shrunk counterexample: PostgreSQL rejects a +16:55 displacement that Java allows
        Article base = ArticleArbitraries.article().sample();
        List<Article> rows = List.of(new Article(0, "", "", null, "{'\ufffe", null, -4349, LocalDate.of(1973, 1, 20), null,
                null, null, null, java.time.OffsetDateTime.of(1970, 1, 1, 16, 55, 0, 0, java.time.ZoneOffset.ofHoursMinutes(16, 55))));
        for (Protocol protocol : Protocol.values()) {
            assertThat(loadAndReadBack(rows, protocol)).as(protocol.toString()).isEqualTo(canonical(rows));
        }
        assertThat(base).isNotNull();
    }

    @Example
    void extremeDatesAndTimestampsSurviveEveryProtocol() throws Exception {
        Article base = ArticleArbitraries.article().sample();
        List<Article> rows = List.of(
                new Article(Long.MIN_VALUE, "a", "b", null, null, null, Integer.MIN_VALUE, ArticleArbitraries.MIN_DATE,
                        Integer.MAX_VALUE, Double.NaN, true, null,
                        java.time.OffsetDateTime.ofInstant(ArticleArbitraries.MIN_TIMESTAMP, java.time.ZoneOffset.UTC)),
                new Article(Long.MAX_VALUE, "c", "d", null, null, null, 0, ArticleArbitraries.MAX_DATE, 0,
                        Double.NEGATIVE_INFINITY, false, null,
                        java.time.OffsetDateTime.ofInstant(ArticleArbitraries.MAX_TIMESTAMP, java.time.ZoneOffset.ofHours(-18))),
                new Article(0, "e", "f", null, null, null, 0, LocalDate.of(0, 12, 31), 0, -0.0, null, null, base.ingestedAt()));
        for (Protocol protocol : Protocol.values()) {
            assertThat(loadAndReadBack(rows, protocol)).as(protocol.toString()).isEqualTo(canonical(rows));
        }
    }

    @Provide
    Arbitrary<List<Article>> articles() {
        return ArticleArbitraries.articles(6);
    }

    @Provide
    Arbitrary<String> longText() {
        return ArticleArbitraries.longText(100_000, 1_000_000);
    }

    private static List<List<Object>> loadAndReadBack(List<Article> rows, Protocol protocol) throws Exception {
        try (Connection connection = server().connect()) {
            TABLE.recreate(connection, TableShape.HEAP);
            // chunks of 2 rows: several transactions and, for COPY, several streams per try
            try (Loader loader = new Loader(server().address(), TABLE.name(), LoadPlan.syncBaseline(2).withProtocol(protocol))) {
                LoadReport report = loader.load(rows);
                assertThat(report.firstErrors()).as(report.toString()).isEmpty();
            }
            return readBack(connection);
        }
    }

    private static List<List<Object>> readBack(Connection connection) throws Exception {
        String sql = "SELECT \"id\", \"doi\", \"title\", \"abstract\", \"authors\", \"journal\", \"publication_year\", "
                + "\"publication_date\" - date '1970-01-01', \"citations\", float8send(\"score\"), \"open_access\", "
                + "\"keywords\", trunc(extract(epoch FROM \"ingested_at\" - timestamptz '2000-01-01 00:00:00+00') * 1000000) FROM " + TABLE.name().quoted()
                + " ORDER BY \"id\"";
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                byte[] bits = result.getBytes(10);
                rows.add(java.util.Arrays.asList(
                        result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.getString(6), result.getObject(7, Integer.class),
                        result.getObject(8, Integer.class) == null ? null : result.getObject(8, Integer.class).longValue(),
                        result.getObject(9, Integer.class),
                        bits == null ? null : canonicalDouble(Double.longBitsToDouble(new java.math.BigInteger(1, bits).longValue())),
                        result.getObject(11, Boolean.class), result.getString(12), result.getBigDecimal(13).toBigIntegerExact()));
            }
        }
        return rows;
    }

    /** The same projection computed from the articles sent. */
    private static List<List<Object>> canonical(List<Article> rows) {
        return rows.stream().sorted(java.util.Comparator.comparingLong(Article::id)).map(a -> java.util.Arrays.<Object>asList(
                a.id(), a.doi(), a.title(), a.abstractText(), a.authors(), a.journal(), a.publicationYear(),
                a.publicationDate() == null ? null : a.publicationDate().toEpochDay(), a.citations(),
                a.score() == null ? null : canonicalDouble(a.score()), a.openAccess(), a.keywords(),
                java.math.BigInteger.valueOf(a.ingestedAt().toEpochSecond() - 946_684_800L).multiply(java.math.BigInteger.valueOf(1_000_000))
                        .add(java.math.BigInteger.valueOf(a.ingestedAt().getNano() / 1000)))).toList();
    }

    /** Doubles compared by value, NaNs all equal, -0.0 distinct from 0.0. */
    private static String canonicalDouble(double value) {
        return Double.isNaN(value) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(value));
    }

    private static PostgresServer server() {
        return Store.getOrCreate(RoundTripProperties.class, Lifespan.RUN, PostgresProvisioner::startFromEnvironment).get();
    }
}
