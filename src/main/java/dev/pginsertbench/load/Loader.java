package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.TableName;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes any {@link LoadPlan}: cuts the rows into chunks, runs at most {@code tasks} chunks at
 * once, each in its own transaction, and reports what landed. Connections (a single one or a
 * pool) and threads are created when the loader is built, outside any timed load, and reused
 * by every load until {@link #close()}.
 *
 * <p>A chunk that fails is rolled back and reported with its row range and SQLState; it never
 * disappears. Rows that PostgreSQL cannot store exactly (U+0000, unpaired surrogates) fail their
 * chunk before it is sent.
 */
public final class Loader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);
    private static final int MAX_MESSAGE = 600;

    private final LoadPlan plan;
    private final ServerAddress server;
    private final ChunkWriter<Object> writer;
    private final ConnectionSource connections;
    private final ExecutorService executor;
    private final ChunkDeadline deadline;
    private final ConnectionsInUse active = new ConnectionsInUse();

    public Loader(ServerAddress server, TableName table, LoadPlan plan) {
        this(server, table, plan, LoaderOptions.defaults());
    }

    @SuppressWarnings("unchecked") // one writer per protocol; its row form never leaves this class
    public Loader(ServerAddress server, TableName table, LoadPlan plan, LoaderOptions options) {
        this.plan = plan;
        this.server = server;
        this.writer = (ChunkWriter<Object>) ChunkWriter.forProtocol(plan.protocol(), table.quoted(),
                options.copyBufferBytes());
        Properties properties = connectionProperties(server, plan, options);
        requireTable(server, table);
        try {
            this.connections = switch (plan.connections()) {
                case SINGLE -> new SingleConnectionSource(server.jdbcUrl(), properties);
                case PER_CHUNK -> new PerChunkConnectionSource(server.jdbcUrl(), properties);
                case POOLED -> new PooledConnectionSource(server.jdbcUrl(), properties,
                        options.poolMinIdle(plan.tasks()), options.poolMaxSize(plan.tasks()),
                        options.poolAcquireTimeout());
            };
        } catch (SQLException e) {
            throw server.unavailable(e);
        }
        this.executor = switch (plan.executor()) {
            case PLATFORM -> Executors.newFixedThreadPool(plan.tasks(), platformThreads());
            case VIRTUAL -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("load-chunk-v", 0).factory());
        };
        this.deadline = new ChunkDeadline(options.chunkDeadline());
    }

    /** Fails now, naming the table, rather than in every chunk. */
    private static void requireTable(ServerAddress server, TableName table) {
        try (Connection connection = server.connect();
                PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, table.quoted());
            try (ResultSet result = exists.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    throw new IllegalArgumentException("table " + table.quoted() + " does not exist on "
                            + server.maskedUrl());
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot check table " + table.quoted() + " on " + server.maskedUrl()
                    + ": " + ServerAddress.mask(String.valueOf(e.getMessage()), server.password()), e);
        }
    }

    public LoadPlan plan() {
        return plan;
    }

    /**
     * Loads {@code rows} into the table and reports what landed. Returns when every chunk has
     * committed, failed or been skipped.
     *
     * @throws LoadInterruptedException if interrupted: chunks not yet started are skipped,
     *     statements in flight are cancelled, and the exception carries the report
     */
    public LoadReport load(List<Article> rows) throws InterruptedException {
        return load(rows, LoadCheckpoint.NONE);
    }

    /**
     * {@link #load(List)}, calling {@code checkpoint} at every chunk's fullest moment.
     *
     * @throws LoadInterruptedException as {@link #load(List)}
     */
    public LoadReport load(List<Article> rows, LoadCheckpoint checkpoint) throws InterruptedException {
        long started = System.nanoTime();
        List<Object> converted = plan.conversion() == Conversion.UPFRONT ? convertAll(rows) : null;
        ChunkPlan chunks = ChunkPlan.of(rows.size(), plan.chunkSize(), plan.chunking());
        ChunkResult[] results = new ChunkResult[chunks.chunks()];
        Semaphore inFlight = new Semaphore(plan.tasks());
        AtomicBoolean stop = new AtomicBoolean();
        boolean interrupted = false;
        for (int index = 0; index < results.length; index++) {
            ChunkPlan.Chunk chunk = chunks.chunk(index);
            if (!stop.get()) {
                try {
                    inFlight.acquire();
                    if (!stop.get()) {
                        executor.execute(() -> runAndRecord(chunk, rows, converted, results, stop,
                                inFlight, checkpoint));
                        continue;
                    }
                    inFlight.release(); // a chunk failed (FAIL_FAST) while this one waited
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                }
            }
            results[index] = ChunkResult.notRun(chunk);
        }
        if (interrupted) {
            active.cancelAll();
        }
        interrupted |= awaitChunksInFlight(inFlight, stop);
        LoadReport report = report(rows, chunks, results, Duration.ofNanos(System.nanoTime() - started));
        if (interrupted) {
            Thread.currentThread().interrupt();
            LOG.warn("load interrupted: {}", report);
            throw new LoadInterruptedException(report);
        }
        return report;
    }

    private void runAndRecord(ChunkPlan.Chunk chunk, List<Article> rows, List<Object> converted, ChunkResult[] results,
            AtomicBoolean stop, Semaphore inFlight, LoadCheckpoint checkpoint) {
        try {
            ChunkResult result = stop.get() ? ChunkResult.notRun(chunk) : runChunk(chunk, rows, converted, checkpoint);
            results[chunk.index()] = result;
            // a chunk past its deadline ends the load: the others would most likely stall the same way
            if (result.outcome() == ChunkResult.Outcome.FAILED && (plan.errorPolicy() == ErrorPolicy.FAIL_FAST
                    || result.pastDeadline() || serverGone(result.error()))) {
                stop.set(true);
            }
        } finally {
            inFlight.release();
        }
    }

    /**
     * After a connection-level failure, whether the server still answers: a killed backend is one
     * chunk's problem, a stopped server every remaining chunk's, which would otherwise each wait
     * out the pool's acquire timeout.
     */
    private boolean serverGone(ChunkError error) {
        String state = error.sqlState();
        if (state == null || !(state.startsWith("08") || state.startsWith("57P"))) {
            return false;
        }
        try (Connection probe = server.connect()) {
            return !probe.isValid(5);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the server at {} does not answer after chunk {} failed; no further chunks start: {}",
                    server.maskedUrl(), error.chunk(), e.getMessage());
            return true;
        }
    }

    /**
     * Waits until every started chunk has ended (all permits are back). An interrupt meanwhile
     * cancels the statements in flight, so their chunks fail and roll back promptly instead of
     * being abandoned mid-transaction.
     *
     * @return whether the wait was interrupted
     */
    private boolean awaitChunksInFlight(Semaphore inFlight, AtomicBoolean stop) {
        boolean interrupted = false;
        while (true) {
            try {
                if (inFlight.tryAcquire(plan.tasks(), 100, TimeUnit.MILLISECONDS)) {
                    inFlight.release(plan.tasks());
                    return interrupted;
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    stop.set(true);
                    active.cancelAll();
                }
            }
        }
    }

    private List<Object> convertAll(List<Article> rows) {
        List<Object> converted = new ArrayList<>(rows.size());
        for (Article row : rows) {
            converted.add(writer.convert(row));
        }
        return converted;
    }

    private ChunkResult runChunk(ChunkPlan.Chunk chunk, List<Article> rows, List<Object> converted,
            LoadCheckpoint checkpoint) {
        long started = System.nanoTime();
        List<Article> articles = rows.subList(chunk.from(), chunk.to());
        try {
            if (!writer.checksTextWhileEncoding()
                    || (converted != null && converted.subList(chunk.from(), chunk.to()).contains(null))) {
                RowValidator.validate(articles);
            }
            try (ConnectionSource.Lease lease = connections.acquire()) {
                Connection connection = lease.connection();
                active.add(connection);
                ChunkDeadline.Watch watch = deadline.watch(connection);
                try {
                    long bytes = writer.write(connection, new ChunkRows<>(articles,
                            converted == null ? null : converted.subList(chunk.from(), chunk.to()), writer::convert,
                            () -> checkpoint.atFullest(chunk.index())));
                    connection.commit();
                    return ChunkResult.succeeded(chunk, bytes, System.nanoTime() - started);
                } catch (Throwable e) {
                    rollbackQuietly(connection);
                    if (watch.expired()) {
                        return ChunkResult.pastDeadline(chunk, rows, pastDeadline(chunk, e),
                                System.nanoTime() - started);
                    }
                    throw e;
                } finally {
                    watch.close();
                    active.remove(connection);
                }
            }
        } catch (InvalidRowException e) {
            return rejected(chunk, rows, e, started);
        } catch (CopyBuffer.UnstorableText e) {
            // met while encoding, the COPY cancelled and rolled back: the validator names the row
            try {
                RowValidator.validate(articles);
            } catch (InvalidRowException named) {
                return ChunkResult.failed(chunk, rows, InvalidRowException.SQL_STATE,
                        "rejected while sending, the COPY "
                        + "cancelled and nothing stored: " + named.getMessage(), System.nanoTime() - started);
            }
            return ChunkResult.failed(chunk, rows, InvalidRowException.SQL_STATE,
                    "rejected: the COPY encoder refused text the validator accepts", System.nanoTime() - started);
        } catch (Throwable e) { // every chunk gets an outcome, whatever the driver throws
            SQLException cause = serverError(e);
            return ChunkResult.failed(chunk, rows, cause == null ? null : cause.getSQLState(), describe(e, cause),
                    System.nanoTime() - started);
        }
    }

    /** What a chunk past its deadline says: where it was, what it did, and the likely causes. */
    private String pastDeadline(ChunkPlan.Chunk chunk, Throwable thrown) {
        SQLException cause = serverError(thrown);
        return shorten("no progress within the chunk deadline of " + deadline.deadline().toSeconds() + " s ("
                + plan.protocol() + " over " + server.transport() + ", " + chunk.size() + " rows): the statement was "
                + "cancelled, the connection aborted and the chunk rolled back. The server stopped reading or "
                + "answering: a client/server write deadlock (both sides' socket buffers full), a stopped or "
                + "overloaded server, or a lock wait; if chunks this slow are expected, raise the deadline "
                + "(--chunk-deadline). Driver: " + (cause == null ? thrown.toString() : cause.getMessage()));
    }

    private static ChunkResult rejected(ChunkPlan.Chunk chunk, List<Article> rows, InvalidRowException e,
            long started) {
        return ChunkResult.failed(chunk, rows, InvalidRowException.SQL_STATE,
                "rejected before sending: " + e.getMessage(), System.nanoTime() - started);
    }

    /**
     * The SQLException that says what went wrong: the first in the cause chain (pgjdbc can wrap
     * the one of a broken connection in an AssertionError), and behind a batch failure the
     * server's own error, which pgjdbc chains as the next exception. Null when there is none.
     */
    private static SQLException serverError(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql instanceof BatchUpdateException && sql.getNextException() != null
                        ? sql.getNextException() : sql;
            }
        }
        return null;
    }

    private static String describe(Throwable thrown, SQLException cause) {
        String message = cause == null ? thrown.toString()
                : cause == thrown ? thrown.getMessage() : cause.getMessage() + " (" + thrown.getMessage() + ")";
        return shorten(String.valueOf(message));
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; the pool evicts it, and the chunk is reported failed anyway
        }
    }

    private LoadReport report(List<Article> rows, ChunkPlan chunks, ChunkResult[] results, Duration wall) {
        long inserted = 0;
        long failedRows = 0;
        long notRunRows = 0;
        long bytes = 0;
        List<Integer> failed = new ArrayList<>();
        List<Integer> notRun = new ArrayList<>();
        List<ChunkError> errors = new ArrayList<>();
        long[] times = new long[results.length];
        int timed = 0;
        for (ChunkResult result : results) {
            switch (result.outcome()) {
                case SUCCEEDED -> {
                    inserted += result.chunk().size();
                    bytes += result.bytes();
                }
                case FAILED -> {
                    failedRows += result.chunk().size();
                    failed.add(result.chunk().index());
                    if (errors.size() < LoadReport.MAX_ERRORS) {
                        errors.add(result.error());
                    }
                }
                case NOT_RUN -> {
                    notRunRows += result.chunk().size();
                    notRun.add(result.chunk().index());
                }
            }
            if (result.outcome() != ChunkResult.Outcome.NOT_RUN) {
                times[timed++] = result.nanos();
            }
        }
        long[] ran = Arrays.copyOf(times, timed);
        Arrays.sort(ran);
        long total = 0;
        for (long time : ran) {
            total += time;
        }
        return new LoadReport(plan, chunks.chunkSize(),
                new LoadReport.Rows(rows.size(), inserted, failedRows, notRunRows),
                new LoadReport.Chunks(results.length, results.length - failed.size() - notRun.size(), failed.size(),
                        notRun.size()),
                wall, bytes,
                new LoadReport.ChunkTimes(Duration.ofNanos(timed == 0 ? 0 : total / timed),
                        Duration.ofNanos(timed == 0 ? 0 : ran[(timed - 1) / 2]),
                        Duration.ofNanos(timed == 0 ? 0 : ran[timed - 1])),
                failed, notRun, errors);
    }

    private static Properties connectionProperties(ServerAddress server, LoadPlan plan, LoaderOptions options) {
        Properties properties = server.connectionProperties();
        if (plan.protocol() == Protocol.BATCH_REWRITE) {
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        if (!options.socketTimeout().isZero()) {
            properties.setProperty("socketTimeout", String.valueOf(Math.max(1, options.socketTimeout().toSeconds())));
        }
        if (!options.statementTimeout().isZero()) {
            properties.setProperty("options", "-c statement_timeout=" + options.statementTimeout().toMillis());
        }
        return properties;
    }

    private static ThreadFactory platformThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "load-chunk-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
        deadline.close();
        connections.close();
    }

    /** What happened to one chunk. */
    private record ChunkResult(ChunkPlan.Chunk chunk, Outcome outcome, long bytes, long nanos, ChunkError error,
            boolean pastDeadline) {

        enum Outcome { SUCCEEDED, FAILED, NOT_RUN }

        /** SQLState query_canceled, which pgjdbc's own client-side query timeout reports too. */
        static final String PAST_DEADLINE_SQL_STATE = "57014";

        static ChunkResult succeeded(ChunkPlan.Chunk chunk, long bytes, long nanos) {
            return new ChunkResult(chunk, Outcome.SUCCEEDED, bytes, nanos, null, false);
        }

        static ChunkResult failed(ChunkPlan.Chunk chunk, List<Article> rows, String sqlState,
                String message, long nanos) {
            return new ChunkResult(chunk, Outcome.FAILED, 0, nanos, error(chunk, rows, sqlState, message), false);
        }

        static ChunkResult pastDeadline(ChunkPlan.Chunk chunk, List<Article> rows, String message, long nanos) {
            return new ChunkResult(chunk, Outcome.FAILED, 0, nanos,
                    error(chunk, rows, PAST_DEADLINE_SQL_STATE, message), true);
        }

        private static ChunkError error(ChunkPlan.Chunk chunk, List<Article> rows, String sqlState, String message) {
            return new ChunkError(chunk.index(), chunk.from(), chunk.to(), rows.get(chunk.from()).id(),
                    rows.get(chunk.to() - 1).id(), sqlState, message);
        }

        static ChunkResult notRun(ChunkPlan.Chunk chunk) {
            return new ChunkResult(chunk, Outcome.NOT_RUN, 0, 0, null, false);
        }

        boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }
}
