package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each table shape's DDL creates what the shape says, as the server's catalogue reports it:
 * the indexes (pg_indexes) with their names and columns, and whether the table is logged
 * (pg_class.relpersistence); and TRUNCATE between shots keeps them.
 */
@ExtendWith(PostgresExtension.class)
class ArticleTableShapeTest {

    private static final ArticleTable TABLE = ArticleTable.named("shape_check");

    /** Index name -> the end of its definition, per shape. */
    private static final Map<TableShape, Map<String, String>> INDEXES = Map.of(
            TableShape.HEAP, Map.of(),
            TableShape.PRIMARY_KEY, Map.of("shape_check_pkey", "UNIQUE INDEX shape_check_pkey ON shape_check USING btree (id)"),
            TableShape.PRIMARY_KEY_AND_INDEXES, Map.of(
                    "shape_check_pkey", "UNIQUE INDEX shape_check_pkey ON shape_check USING btree (id)",
                    "shape_check_doi_idx", "INDEX shape_check_doi_idx ON shape_check USING btree (doi)",
                    "shape_check_publication_date_idx",
                    "INDEX shape_check_publication_date_idx ON shape_check USING btree (publication_date)"),
            TableShape.UNLOGGED, Map.of());

    @ParameterizedTest
    @EnumSource(TableShape.class)
    void theDdlCreatesTheShapesIndexesAndPersistenceAndTruncateKeepsThem(TableShape shape, PostgresServer server)
            throws Exception {
        try (Connection connection = server.connect()) {
            TABLE.recreate(connection, shape);
            assertThat(indexes(connection)).as(shape.name()).isEqualTo(new TreeMap<>(INDEXES.get(shape)));
            assertThat(persistence(connection)).as(shape.name()).isEqualTo(shape.unlogged() ? "u" : "p");

            TABLE.truncate(connection);
            assertThat(indexes(connection)).as(shape + " after TRUNCATE").isEqualTo(new TreeMap<>(INDEXES.get(shape)));
            assertThat(persistence(connection)).as(shape + " after TRUNCATE").isEqualTo(shape.unlogged() ? "u" : "p");
            TABLE.drop(connection);
        }
    }

    @Test
    void aNameLongerThanPostgresKeepsIsRefusedRatherThanCutShort() {
        ArticleTable longName = ArticleTable.named("t".repeat(55));
        assertThat(longName.createStatements(TableShape.HEAP)).hasSize(1);
        assertThatThrownBy(() -> longName.createStatements(TableShape.PRIMARY_KEY_AND_INDEXES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("63 bytes");
    }

    /** Index name -> its definition without the leading CREATE and the table's schema, sorted by name. */
    private static Map<String, String> indexes(Connection connection) throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?")) {
            query.setString(1, TABLE.name().table());
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    found.put(result.getString(1), result.getString(2).replaceFirst("^CREATE ", "").replaceFirst(" ON [^ ]+\\.", " ON "));
                }
            }
        }
        return found;
    }

    private static String persistence(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT relpersistence FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, TABLE.name().quoted());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
