package dev.pginsertbench.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The articles staging table: its columns (in the order every encoder writes them), DDL, and
 * the checks that prove what landed. No index, as a staging table has none: every benchmark
 * creates it so. The variant with a primary key on {@code id} is used only by tests.
 */
public record ArticleTable(TableName name) {

    /** Columns in table order; every protocol writes them in this order. */
    public static final List<Column> COLUMNS = List.of(
            new Column("id", "bigint", false),
            new Column("doi", "text", false),
            new Column("title", "text", false),
            new Column("abstract", "text", true),
            new Column("authors", "text", true),
            new Column("journal", "text", true),
            new Column("publication_year", "integer", true),
            new Column("publication_date", "date", true),
            new Column("citations", "integer", true),
            new Column("score", "double precision", true),
            new Column("open_access", "boolean", true),
            new Column("keywords", "text", true),
            new Column("ingested_at", "timestamptz", false));

    public static ArticleTable named(String table) {
        return new ArticleTable(TableName.of(table));
    }

    /** The quoted column list, {@code ("id", "doi", ...)} without parentheses. */
    public static String columnList() {
        return COLUMNS.stream().map(Column::quotedName).collect(Collectors.joining(", "));
    }

    public String createSql(boolean primaryKey) {
        String columns = COLUMNS.stream()
                .map(column -> column.quotedName() + " " + column.sqlType() + (column.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + name.quoted() + " (" + columns
                + (primaryKey ? ", PRIMARY KEY (" + COLUMNS.get(0).quotedName() + ")" : "") + ")";
    }

    /** Drops the table if present and creates it empty. */
    public void recreate(Connection connection, boolean primaryKey) throws SQLException {
        drop(connection);
        execute(connection, createSql(primaryKey));
    }

    public void drop(Connection connection) throws SQLException {
        execute(connection, "DROP TABLE IF EXISTS " + name.quoted());
    }

    public void truncate(Connection connection) throws SQLException {
        execute(connection, "TRUNCATE " + name.quoted());
    }

    public long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + name.quoted())) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Row count and content checksum computed by the server; compare with {@link ContentChecksum#of}. */
    public TableContent content(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ContentChecksum.serverQuery(name));
                ResultSet result = statement.executeQuery()) {
            result.next();
            return new TableContent(result.getLong(1), result.getBigDecimal(2).toBigIntegerExact());
        }
    }

    /** {@code INSERT INTO table (columns) VALUES (?, ...)} for one row. */
    public String insertSql() {
        return "INSERT INTO " + name.quoted() + " (" + columnList() + ") VALUES ("
                + COLUMNS.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!autoCommit) {
                connection.commit();
            }
        }
    }
}
