package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.sql.SQLException;

/** Encodes articles in one COPY format; one COPY statement is begin, rows, end. */
interface CopyRowEncoder {

    /** The options after {@code FROM STDIN}, such as {@code (FORMAT csv)}. */
    String copyOptions();

    /** What precedes the first row (the binary header). */
    void begin(CopyBuffer out) throws SQLException;

    void encode(Article article, CopyBuffer out) throws SQLException;

    /** What follows the last row (the binary trailer). */
    void end(CopyBuffer out) throws SQLException;
}
