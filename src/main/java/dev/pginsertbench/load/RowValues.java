package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ArticleTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * An article as JDBC parameter values, in column order: the row form of the INSERT-based
 * protocols, and how they bind it.
 */
final class RowValues {

    static final int COLUMNS = ArticleTable.COLUMNS.size();

    /** JDBC types of the columns, in order. */
    private static final int[] SQL_TYPES = {
        Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
        Types.INTEGER, Types.DATE, Types.INTEGER, Types.DOUBLE, Types.BOOLEAN, Types.VARCHAR,
        Types.OTHER,
    };

    private RowValues() {
    }

    /**
     * The row's values. The timestamp is sent as PostgreSQL text in UTC (typed by the server from
     * the column): PostgreSQL rejects offsets of 16 hours or more, which Java allows, and the
     * driver's own formatting moved the last microsecond of PostgreSQL's range.
     */
    static Object[] of(Article a) {
        return new Object[] {
            a.id(), a.doi(), a.title(), a.abstractText(), a.authors(), a.journal(), a.publicationYear(),
            a.publicationDate(), a.citations(), a.score(), a.openAccess(), a.keywords(),
            PgText.timestamp(a.ingestedAt()),
        };
    }

    /** Binds one row's values to parameters {@code offset + 1 .. offset + COLUMNS}. */
    static void bind(PreparedStatement statement, int offset, Object[] values) throws SQLException {
        for (int column = 0; column < COLUMNS; column++) {
            Object value = values[column];
            int type = SQL_TYPES[column];
            int parameter = offset + column + 1;
            if (value == null) {
                statement.setNull(parameter, type);
            } else if (type == Types.VARCHAR) {
                statement.setString(parameter, (String) value);
            } else {
                statement.setObject(parameter, value, type);
            }
        }
    }
}
