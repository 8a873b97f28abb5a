package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ArticleTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.postgresql.util.PGobject;

/**
 * An article as JDBC parameter values, in column order: the row form of the INSERT-based
 * protocols, and how they bind it.
 */
final class RowValues {

    static final int COLUMNS = ArticleTable.COLUMNS.size();

    /**
     * JDBC types of the columns, in order; OTHER is PostgreSQL text bound with its column's type
     * named ({@link #bind}). No parameter may go out with an unknown type: pgjdbc then asks the
     * server to describe each server-prepared statement, and the server's answer, 4 bytes per
     * parameter, is missing from the driver's estimate of what it may leave unread; a rewritten
     * batch of 4,096 rows gets 213 KB back while it is still writing, more than a Unix-domain
     * socket holds, and client and server block writing to each other (docs/design.md, "No load
     * hangs").
     */
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
            if (type == Types.OTHER) {
                statement.setObject(parameter, typedText(column, (String) value));
            } else if (value == null) {
                statement.setNull(parameter, type);
            } else if (type == Types.VARCHAR) {
                statement.setString(parameter, (String) value);
            } else {
                statement.setObject(parameter, value, type);
            }
        }
    }

    /** PostgreSQL text with its column's type named, so the driver sends that type's OID (null stays typed too). */
    private static PGobject typedText(int column, String text) throws SQLException {
        PGobject typed = new PGobject();
        typed.setType(ArticleTable.COLUMNS.get(column).sqlType());
        typed.setValue(text);
        return typed;
    }
}
