package dev.pginsertbench.load;

import java.time.Duration;

/**
 * Limits that keep a load from hanging: how long a chunk may wait for a pooled connection, how
 * long one statement may run on the server, how long the client waits on a silent socket.
 *
 * @param poolAcquireTimeout wait for a pooled connection before the chunk fails
 * @param statementTimeout   server-side {@code statement_timeout} per statement; zero for none
 * @param socketTimeout      client read timeout; zero for none; must exceed statementTimeout
 * @param copyBufferBytes    COPY data is written to the server in blocks of about this size
 * @param poolSize           connections in the pool; 0 means one per task (the default). Smaller
 *                           values exist to test that chunks waiting for a connection time out
 */
public record LoaderOptions(Duration poolAcquireTimeout, Duration statementTimeout, Duration socketTimeout,
        int copyBufferBytes, int poolSize) {

    public LoaderOptions {
        if (poolAcquireTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("poolAcquireTimeout must be at least 250 ms (HikariCP's minimum), was "
                    + poolAcquireTimeout);
        }
        if (statementTimeout.isNegative() || socketTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (poolSize < 0) {
            throw new IllegalArgumentException("poolSize must be >= 0 (0 = one per task), was " + poolSize);
        }
        if (copyBufferBytes < 1024) {
            throw new IllegalArgumentException("copyBufferBytes must be >= 1024, was " + copyBufferBytes);
        }
    }

    /** Generous limits for benchmarks: nothing a healthy load comes near, everything bounded. */
    public static LoaderOptions defaults() {
        return new LoaderOptions(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(11), 64 * 1024, 0);
    }

    public LoaderOptions withStatementTimeout(Duration statement, Duration socket) {
        return new LoaderOptions(poolAcquireTimeout, statement, socket, copyBufferBytes, poolSize);
    }

    public LoaderOptions withPoolAcquireTimeout(Duration value) {
        return new LoaderOptions(value, statementTimeout, socketTimeout, copyBufferBytes, poolSize);
    }

    public LoaderOptions withPoolSize(int value) {
        return new LoaderOptions(poolAcquireTimeout, statementTimeout, socketTimeout, copyBufferBytes, value);
    }

    public LoaderOptions withCopyBufferBytes(int value) {
        return new LoaderOptions(poolAcquireTimeout, statementTimeout, socketTimeout, value, poolSize);
    }
}
