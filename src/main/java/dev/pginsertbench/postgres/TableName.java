package dev.pginsertbench.postgres;

/**
 * A table, optionally schema-qualified; names are used exactly as given (case, spaces, quotes)
 * and always quoted in SQL.
 *
 * @param schema schema name, or null for the search path
 * @param table  table name
 */
public record TableName(String schema, String table) {

    public TableName {
        SqlIdentifier.quote(table); // validates
        if (schema != null) {
            SqlIdentifier.quote(schema);
        }
    }

    public static TableName of(String table) {
        return new TableName(null, table);
    }

    public String quoted() {
        return schema == null ? SqlIdentifier.quote(table)
                : SqlIdentifier.quote(schema) + "." + SqlIdentifier.quote(table);
    }

    /** A sibling table in the same schema, for ceilings and scratch copies. */
    public TableName withSuffix(String suffix) {
        return new TableName(schema, table + suffix);
    }

    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }
}
