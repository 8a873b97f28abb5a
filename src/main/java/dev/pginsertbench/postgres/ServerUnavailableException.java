package dev.pginsertbench.postgres;

/**
 * A PostgreSQL server could not be reached or started. The message says where and why, with
 * any password masked; no cause is attached, so a password in a driver exception cannot leak
 * through a printed stack trace.
 */
public class ServerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public ServerUnavailableException(String message, String sqlState) {
        super(message);
        this.sqlState = sqlState;
    }

    public ServerUnavailableException(String message) {
        this(message, null);
    }

    /** The driver's SQLState when the failure came from a connection attempt, else null. */
    public String sqlState() {
        return sqlState;
    }
}
