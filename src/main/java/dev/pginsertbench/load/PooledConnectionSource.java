package dev.pginsertbench.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A HikariCP pool of {@code minIdle} to {@code maxSize} connections. The minimum is opened before
 * the first load, so a pool sized to the tasks (the default) never makes a load pay for
 * connecting; above the minimum, connections are opened when chunks wait for one and kept while
 * they are used, as the original loader's psycopg pool (1 to 5) does. Connections come out with
 * autocommit off; HikariCP rolls back and evicts any that a failed chunk left broken.
 */
final class PooledConnectionSource implements ConnectionSource {

    private final HikariDataSource pool;

    PooledConnectionSource(String url, Properties properties, int minIdle, int maxSize, Duration acquireTimeout)
            throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("load-pool");
        config.setJdbcUrl(url);
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(minIdle);
        config.setAutoCommit(false);
        config.setConnectionTimeout(acquireTimeout.toMillis());
        config.setInitializationFailTimeout(acquireTimeout.toMillis());
        this.pool = new HikariDataSource(config);
        warm(minIdle);
    }

    /** Opens the minimum now, outside any timed load. */
    private void warm(int size) throws SQLException {
        List<Connection> held = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                held.add(pool.getConnection());
            }
        } catch (SQLException e) {
            pool.close();
            throw e;
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Override
    public Lease acquire() throws SQLException {
        return new Lease(pool.getConnection(), true);
    }

    @Override
    public void close() {
        pool.close();
    }
}
