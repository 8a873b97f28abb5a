package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writers that send a chunk as a few multi-row INSERT statements of bounded size; each
 * statement's reported row count must equal the rows it carried.
 */
abstract class SplitStatementWriter implements ChunkWriter<Object[]> {

    private final int maxRowsPerStatement;
    private final String kind;

    SplitStatementWriter(int maxRowsPerStatement, String kind) {
        this.maxRowsPerStatement = maxRowsPerStatement;
        this.kind = kind;
    }

    @Override
    public Object[] convert(Article article) {
        return RowValues.of(article);
    }

    @Override
    public long write(Connection connection, ChunkRows<Object[]> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += maxRowsPerStatement) {
            int count = Math.min(maxRowsPerStatement, rows.size() - from);
            int inserted = insert(connection, rows, from, count);
            if (inserted != count) {
                throw new SQLException(kind + " INSERT reported " + inserted + " rows for " + count + " sent");
            }
        }
        return 0;
    }

    /** Inserts rows {@code [from, from + count)} with one statement; returns the server's row count. */
    abstract int insert(Connection connection, ChunkRows<Object[]> rows, int from, int count) throws SQLException;
}
