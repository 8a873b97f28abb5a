package dev.pginsertbench.load;

import dev.pginsertbench.postgres.ArticleTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One INSERT with many VALUES tuples per statement. PostgreSQL's protocol allows at most 65,535
 * bind parameters per statement, so a chunk is sent as several statements of at most
 * {@link #MAX_ROWS_PER_STATEMENT} rows.
 */
final class MultiValuesWriter extends SplitStatementWriter {

    static final int MAX_PARAMETERS = 65_535;
    static final int MAX_ROWS_PER_STATEMENT = MAX_PARAMETERS / RowValues.COLUMNS;

    private final String prefix;
    private final Map<Integer, String> sqlByRows = new ConcurrentHashMap<>();

    MultiValuesWriter(String quotedTable) {
        super(MAX_ROWS_PER_STATEMENT, "multi-values");
        this.prefix = "INSERT INTO " + quotedTable + " (" + ArticleTable.columnList() + ") VALUES ";
    }

    @Override
    int insert(Connection connection, ChunkRows<Object[]> rows, int from, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sqlByRows.computeIfAbsent(count, this::sql))) {
            for (int i = 0; i < count; i++) {
                RowValues.bind(insert, i * RowValues.COLUMNS, rows.row(from + i));
            }
            rows.atFullest();
            return insert.executeUpdate();
        }
    }

    private String sql(int rowCount) {
        String tuple = "(" + "?, ".repeat(RowValues.COLUMNS - 1) + "?)";
        StringBuilder sql = new StringBuilder(prefix.length() + rowCount * (tuple.length() + 2));
        sql.append(prefix);
        for (int i = 0; i < rowCount; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(tuple);
        }
        return sql.toString();
    }
}
