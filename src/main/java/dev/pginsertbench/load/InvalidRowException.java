package dev.pginsertbench.load;

/**
 * A row the suite refuses to send because PostgreSQL could not store it exactly (U+0000, or
 * an unpaired surrogate that has no UTF-8 form). Found before the row's chunk is sent.
 */
public class InvalidRowException extends Exception {

    private static final long serialVersionUID = 1L;
    /** The SQLState PostgreSQL itself uses for text it cannot store in UTF-8. */
    public static final String SQL_STATE = "22021";

    private final long rowId;

    public InvalidRowException(long rowId, String field, String problem) {
        super("row id " + rowId + ", field " + field + ": " + problem);
        this.rowId = rowId;
    }

    public long rowId() {
        return rowId;
    }
}
