package dev.pginsertbench.postgres;

/** Quotes SQL identifiers; every table and column name the suite writes into SQL goes through here. */
public final class SqlIdentifier {

    private SqlIdentifier() {
    }

    /** {@code name} as a double-quoted identifier, embedded quotes doubled. */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot contain U+0000: " + name.replace("\0", "\\0"));
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
