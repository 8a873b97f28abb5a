package dev.pginsertbench.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * How far a server is from the client, as the client waits for it: {@code SELECT 1} timed from
 * sending it to reading its row, {@link #STATEMENTS} times on one connection after one not timed
 * (which prepares the statement).
 *
 * @param medianMs the median, what a statement typically waits
 * @param minMs    the fastest, the network and the server's least work
 * @param n        statements timed
 */
public record RoundTrip(double medianMs, double minMs, int n) {

    static final int STATEMENTS = 21;

    public static RoundTrip measure(Connection connection) throws SQLException {
        double[] millis = new double[STATEMENTS];
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            for (int i = -1; i < STATEMENTS; i++) {
                long start = System.nanoTime();
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                }
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        return new RoundTrip(millis[STATEMENTS / 2], millis[0], STATEMENTS);
    }
}
