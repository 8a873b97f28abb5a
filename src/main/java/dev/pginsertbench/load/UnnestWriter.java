package dev.pginsertbench.load;

import dev.pginsertbench.postgres.ArticleTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * {@code INSERT ... SELECT * FROM unnest(?::int8[], ?::text[], ...)}: one typed array per
 * column, so a statement has 13 parameters whatever its row count. Statements still carry at
 * most {@link #MAX_ROWS_PER_STATEMENT} rows, to bound the arrays held in client memory.
 */
final class UnnestWriter extends SplitStatementWriter {

    static final int MAX_ROWS_PER_STATEMENT = 10_000;

    /** Array element types as {@code createArrayOf} names them, in column order. */
    private static final String[] ELEMENT_TYPES = {
        "int8", "text", "text", "text", "text", "text", "int4", "date", "int4", "float8", "bool", "text", "timestamptz",
    };

    private final String insertSql;

    UnnestWriter(String quotedTable) {
        super(MAX_ROWS_PER_STATEMENT, "unnest");
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (")
                .append(ArticleTable.columnList()).append(") SELECT * FROM unnest(");
        for (int column = 0; column < ELEMENT_TYPES.length; column++) {
            sql.append(column == 0 ? "" : ", ").append("?::").append(ELEMENT_TYPES[column]).append("[]");
        }
        this.insertSql = sql.append(')').toString();
    }

    @Override
    int insert(Connection connection, ChunkRows<Object[]> rows, int from, int count) throws SQLException {
        Object[][] columns = columns(rows, from, count);
        Array[] arrays = new Array[columns.length];
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (int column = 0; column < columns.length; column++) {
                arrays[column] = connection.createArrayOf(ELEMENT_TYPES[column], columns[column]);
                insert.setArray(column + 1, arrays[column]);
            }
            rows.atFullest();
            return insert.executeUpdate();
        } finally {
            for (Array array : arrays) {
                if (array != null) {
                    array.free();
                }
            }
        }
    }

    /** Transposes rows to typed column arrays; dates go as PostgreSQL text (timestamps already are, see RowValues). */
    private static Object[][] columns(ChunkRows<Object[]> rows, int from, int count) {
        Object[][] columns = {
            new Long[count], new String[count], new String[count], new String[count], new String[count],
            new String[count], new Integer[count], new String[count], new Integer[count], new Double[count],
            new Boolean[count], new String[count], new String[count],
        };
        for (int i = 0; i < count; i++) {
            Object[] values = rows.row(from + i);
            for (int column = 0; column < columns.length; column++) {
                Object value = values[column];
                columns[column][i] = value instanceof LocalDate date ? PgText.date(date) : value;
            }
        }
        return columns;
    }
}
