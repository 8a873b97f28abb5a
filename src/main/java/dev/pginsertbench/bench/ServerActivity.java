package dev.pginsertbench.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The server's WAL position and checkpoint count at one moment; two of them tell how much WAL a
 * shot wrote and how many checkpoints started meanwhile. On an external server other sessions'
 * work is counted too.
 *
 * @param walLsn      {@code pg_current_wal_lsn()}
 * @param checkpoints checkpoints started since the statistics were reset
 */
record ServerActivity(String walLsn, long checkpoints) {

    /** PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer. */
    private static final int CHECKPOINTER_VIEW_VERSION = 170000;

    /** The query that reads a snapshot on this server. */
    static String snapshotSql(Connection connection) throws SQLException {
        int version;
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT current_setting('server_version_num')::int");
                ResultSet result = statement.executeQuery()) {
            result.next();
            version = result.getInt(1);
        }
        String checkpoints = version >= CHECKPOINTER_VIEW_VERSION
                ? "(SELECT num_timed + num_requested FROM pg_stat_checkpointer)"
                : "(SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)";
        return "SELECT pg_current_wal_lsn()::text, " + checkpoints;
    }

    static ServerActivity read(Connection connection, String snapshotSql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(snapshotSql);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return new ServerActivity(result.getString(1), result.getLong(2));
        }
    }

    /** WAL bytes written between this snapshot and a later one. */
    long walBytesUntil(ServerActivity later, Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::bigint")) {
            statement.setString(1, later.walLsn);
            statement.setString(2, walLsn);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
