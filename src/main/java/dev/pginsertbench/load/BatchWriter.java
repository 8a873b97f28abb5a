package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ArticleTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code addBatch}/{@code executeBatch} of single-row INSERTs, one executeBatch per chunk. With
 * {@code reWriteBatchedInserts=true} on the connection (BATCH_REWRITE) pgjdbc sends multi-row
 * INSERTs instead; the code here is the same.
 */
final class BatchWriter implements ChunkWriter<Object[]> {

    private final String insertSql;

    BatchWriter(String quotedTable) {
        this.insertSql = "INSERT INTO " + quotedTable + " (" + ArticleTable.columnList() + ") VALUES ("
                + "?, ".repeat(RowValues.COLUMNS - 1) + "?)";
    }

    @Override
    public Object[] convert(Article article) {
        return RowValues.of(article);
    }

    @Override
    public long write(Connection connection, ChunkRows<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (int i = 0; i < rows.size(); i++) {
                RowValues.bind(insert, 0, rows.row(i));
                insert.addBatch();
            }
            rows.atFullest();
            insert.executeBatch();
        }
        return 0;
    }
}
