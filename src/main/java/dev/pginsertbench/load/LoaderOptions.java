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
 * @param poolMinIdle        pooled connections opened up front and kept open when idle; 0 means one
 *                           per task (the default)
 * @param poolMaxSize        the most connections the pool opens, on demand above the minimum; 0 means
 *                           one per task. The original loader's pool is 1 to 5 ({@link #originalLoader()});
 *                           smaller values exist to test that chunks waiting for a connection time out
 * @param chunkDeadline      how long one chunk may take from its connection on before the load ends it
 *                           ({@link ChunkDeadline}); zero for none
 */
public record LoaderOptions(Duration poolAcquireTimeout, Duration statementTimeout, Duration socketTimeout,
        int copyBufferBytes, int poolMinIdle, int poolMaxSize, Duration chunkDeadline) {

    /**
     * The default chunk deadline. The slowest chunk in the committed runs took 0.66 s (20,000 rows,
     * 4 tasks, a million-row load) and the slowest the profiles plan, measured, under 3 s
     * (docs/design.md, "No load hangs"): two minutes cuts no legitimate chunk and still ends a
     * stalled one long before a run's estimate would notice.
     */
    public static final long DEFAULT_CHUNK_DEADLINE_SECONDS = 120;
    public static final Duration DEFAULT_CHUNK_DEADLINE = Duration.ofSeconds(DEFAULT_CHUNK_DEADLINE_SECONDS);

    /** The original loader's psycopg pool: {@code min_size=1, max_size=5}. */
    public static final int ORIGINAL_POOL_MIN = 1;
    public static final int ORIGINAL_POOL_MAX = 5;

    public LoaderOptions {
        if (poolAcquireTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("poolAcquireTimeout must be at least 250 ms (HikariCP's minimum), was "
                    + poolAcquireTimeout);
        }
        if (statementTimeout.isNegative() || socketTimeout.isNegative() || chunkDeadline.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (poolMinIdle < 0 || poolMaxSize < 0) {
            throw new IllegalArgumentException("pool sizes must be >= 0 (0 = one per task), were poolMinIdle="
                    + poolMinIdle + ", poolMaxSize=" + poolMaxSize);
        }
        if (poolMaxSize > 0 && poolMinIdle > poolMaxSize) {
            throw new IllegalArgumentException("poolMinIdle must not exceed poolMaxSize, were " + poolMinIdle + " and "
                    + poolMaxSize);
        }
        if (copyBufferBytes < 1024) {
            throw new IllegalArgumentException("copyBufferBytes must be >= 1024, was " + copyBufferBytes);
        }
    }

    /** Generous limits for benchmarks: nothing a healthy load comes near, everything bounded. */
    public static LoaderOptions defaults() {
        return new LoaderOptions(Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(11),
                64 * 1024, 0, 0, DEFAULT_CHUNK_DEADLINE);
    }

    /** The defaults with the original loader's pool of 1 to 5 connections, grown on demand. */
    public static LoaderOptions originalLoader() {
        return defaults().withPool(ORIGINAL_POOL_MIN, ORIGINAL_POOL_MAX);
    }

    /** Connections opened up front, for a load of {@code tasks} chunks at once. */
    public int poolMinIdle(int tasks) {
        return poolMinIdle == 0 ? Math.min(tasks, poolMaxSize(tasks)) : poolMinIdle;
    }

    /** The pool's maximum, for a load of {@code tasks} chunks at once. */
    public int poolMaxSize(int tasks) {
        return poolMaxSize == 0 ? Math.max(tasks, poolMinIdle) : poolMaxSize;
    }

    public LoaderOptions withStatementTimeout(Duration statement, Duration socket) {
        return new LoaderOptions(poolAcquireTimeout, statement, socket, copyBufferBytes, poolMinIdle, poolMaxSize,
                chunkDeadline);
    }

    public LoaderOptions withPoolAcquireTimeout(Duration value) {
        return new LoaderOptions(value, statementTimeout, socketTimeout, copyBufferBytes, poolMinIdle, poolMaxSize,
                chunkDeadline);
    }

    /** A pool of exactly {@code value} connections, whatever the tasks. */
    public LoaderOptions withPoolSize(int value) {
        return withPool(value, value);
    }

    public LoaderOptions withPool(int minIdle, int maxSize) {
        return new LoaderOptions(poolAcquireTimeout, statementTimeout, socketTimeout, copyBufferBytes, minIdle, maxSize,
                chunkDeadline);
    }

    public LoaderOptions withChunkDeadline(Duration value) {
        return new LoaderOptions(poolAcquireTimeout, statementTimeout, socketTimeout, copyBufferBytes, poolMinIdle,
                poolMaxSize, value);
    }

    public LoaderOptions withCopyBufferBytes(int value) {
        return new LoaderOptions(poolAcquireTimeout, statementTimeout, socketTimeout, value, poolMinIdle, poolMaxSize,
                chunkDeadline);
    }
}
