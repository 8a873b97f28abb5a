package dev.pginsertbench.postgres;

import dev.pginsertbench.data.Article;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The simplest correct way to load rows, written independently of the load library so that
 * checksum tests do not depend on the code they check.
 */
public final class PlainInsert {

    private PlainInsert() {
    }

    public static void insert(Connection connection, ArticleTable table, List<Article> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(table.insertSql())) {
            for (Article a : rows) {
                insert.setLong(1, a.id());
                insert.setString(2, a.doi());
                insert.setString(3, a.title());
                insert.setString(4, a.abstractText());
                insert.setString(5, a.authors());
                insert.setString(6, a.journal());
                insert.setObject(7, a.publicationYear(), Types.INTEGER);
                insert.setObject(8, a.publicationDate(), Types.DATE);
                insert.setObject(9, a.citations(), Types.INTEGER);
                insert.setObject(10, a.score(), Types.DOUBLE);
                insert.setObject(11, a.openAccess(), Types.BOOLEAN);
                insert.setString(12, a.keywords());
                insert.setObject(13, a.ingestedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
