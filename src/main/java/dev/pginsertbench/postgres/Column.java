package dev.pginsertbench.postgres;

/**
 * One column of the articles table.
 *
 * @param name     column name, quoted wherever used
 * @param sqlType  PostgreSQL type
 * @param nullable whether NULL is allowed
 */
public record Column(String name, String sqlType, boolean nullable) {

    public String quotedName() {
        return SqlIdentifier.quote(name);
    }
}
