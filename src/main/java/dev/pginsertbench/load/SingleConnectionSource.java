package dev.pginsertbench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One connection, opened before the first load and lent to every chunk in turn. If a chunk
 * leaves it broken (the backend died), the next chunk gets a fresh one.
 */
final class SingleConnectionSource implements ConnectionSource {

    private final String url;
    private final Properties properties;
    private Connection connection;

    SingleConnectionSource(String url, Properties properties) throws SQLException {
        this.url = url;
        this.properties = properties;
        this.connection = open();
    }

    private Connection open() throws SQLException {
        Connection opened = DriverManager.getConnection(url, properties);
        opened.setAutoCommit(false);
        return opened;
    }

    @Override
    public synchronized Lease acquire() throws SQLException {
        if (connection.isClosed() || !connection.isValid(5)) {
            closeQuietly();
            connection = open();
        }
        return new Lease(connection, false);
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection is replaced or discarded either way
        }
    }
}
