package dev.pginsertbench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A fresh DriverManager connection for every chunk, closed when the chunk ends (the original loader's "before"). */
final class PerChunkConnectionSource implements ConnectionSource {

    private final String url;
    private final Properties properties;

    PerChunkConnectionSource(String url, Properties properties) {
        this.url = url;
        this.properties = properties;
    }

    @Override
    public Lease acquire() throws SQLException {
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new Lease(connection, true);
    }

    @Override
    public void close() {
        // nothing held between chunks
    }
}
