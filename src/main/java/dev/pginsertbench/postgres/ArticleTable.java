package dev.pginsertbench.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The articles table: its columns (in the order every encoder writes them), its DDL in each
 * {@link TableShape}, and the checks that prove what landed. Every benchmark creates it as a
 * staging table, {@link TableShape#HEAP} without any index, unless the factor study asks for
 * another shape.
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

    /** PostgreSQL's identifier limit (NAMEDATALEN - 1); longer names are truncated. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    public static ArticleTable named(String table) {
        return new ArticleTable(TableName.of(table));
    }

    /** The quoted column list, {@code ("id", "doi", ...)} without parentheses. */
    public static String columnList() {
        return COLUMNS.stream().map(Column::quotedName).collect(Collectors.joining(", "));
    }

    /**
     * The statements that create the table in the given shape: the table (with its primary key),
     * then one btree index per indexed column. Constraint and index names are the table's name with
     * a suffix, so that two tables of the same schema never compete for one.
     */
    public List<String> createStatements(TableShape shape) {
        String columns = COLUMNS.stream()
                .map(column -> column.quotedName() + " " + column.sqlType() + (column.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(", "));
        String primaryKey = shape.primaryKey()
                ? ", CONSTRAINT " + ownName("pkey") + " PRIMARY KEY (" + COLUMNS.get(0).quotedName() + ")" : "";
        List<String> statements = new ArrayList<>();
        statements.add("CREATE " + (shape.unlogged() ? "UNLOGGED " : "") + "TABLE " + name.quoted() + " (" + columns
                + primaryKey + ")");
        for (String indexed : shape.indexedColumns()) {
            Column column = column(indexed);
            statements.add("CREATE INDEX " + ownName(column.name() + "_idx") + " ON " + name.quoted() + " USING btree ("
                    + column.quotedName() + ")");
        }
        return statements;
    }

    /** Drops the table if present and creates it empty, in the given shape. */
    public void recreate(Connection connection, TableShape shape) throws SQLException {
        drop(connection);
        for (String statement : createStatements(shape)) {
            execute(connection, statement);
        }
    }

    /**
     * The quoted name of an index or constraint of this table: the table's name and a suffix, with
     * no schema (PostgreSQL puts both into the table's schema). Longer than PostgreSQL keeps, it
     * would be cut short silently and could clash, so it is refused instead.
     */
    String ownName(String suffix) {
        String own = name.table() + "_" + suffix;
        if (own.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException("the name " + own + " is longer than PostgreSQL's "
                    + MAX_IDENTIFIER_BYTES + " bytes; choose a shorter table name than " + name.table());
        }
        return SqlIdentifier.quote(own);
    }

    private static Column column(String name) {
        return COLUMNS.stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name + " in the articles table"));
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
