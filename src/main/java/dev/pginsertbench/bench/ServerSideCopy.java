package dev.pginsertbench.bench;

import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server ingesting files with no client in the way: the dataset split into {@code parts}
 * files of consecutive rows, and {@code parts} sessions, opened before the trial, that each run
 * one server-side {@code COPY ... FROM 'file'} (its own transaction) at the same time. Files
 * are in PostgreSQL's binary COPY format, the one the server parses with least work, so this is
 * an upper bound for every client protocol.
 */
final class ServerSideCopy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSideCopy.class);
    static final String FORMAT = "(FORMAT binary)";
    /**
     * Binary COPY with FREEZE: rows are written already frozen (no later hint-bit or freeze
     * writes). PostgreSQL allows it only into a table created or truncated in the same
     * transaction, which also lets it skip WAL for the data under {@code wal_level=minimal}.
     */
    static final String FROZEN_FORMAT = "(FORMAT binary, FREEZE)";

    private final ServerFiles files;
    private final List<Connection> sessions = new ArrayList<>();
    private final ExecutorService threads;
    private final String copySql;

    private ServerSideCopy(ServerFiles files, int parts, String copySql) {
        this.files = files;
        this.copySql = copySql;
        this.threads = parts == 1 ? null : Executors.newFixedThreadPool(parts, runnable -> {
            Thread thread = new Thread(runnable, "server-copy");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Writes the files and opens the sessions, or fails with the reason the server cannot read
     * this client's files (another host, a container, no pg_read_server_files): no number is
     * then reported for this benchmark.
     */
    static ServerSideCopy prepare(PostgresServer server, Connection control, ArticleTable target, Dataset dataset,
            int parts, String benchmark) throws IOException, SQLException, InterruptedException {
        return prepare(server, control, target, dataset, parts, benchmark,
                ServerFiles.copyFromFileSql(target.name().quoted() + " (" + ArticleTable.columnList() + ")", FORMAT));
    }

    /**
     * One session that truncates the target and copies the whole file into it with FREEZE, in
     * one transaction: the fastest single-session path PostgreSQL offers.
     */
    static ServerSideCopy prepareFrozen(PostgresServer server, Connection control, ArticleTable target, Dataset dataset,
            String benchmark) throws IOException, SQLException, InterruptedException {
        return prepare(server, control, target, dataset, 1, benchmark, ServerFiles.copyFromFileSql(
                "TRUNCATE " + target.name().quoted() + ";",
                target.name().quoted() + " (" + ArticleTable.columnList() + ")", FROZEN_FORMAT));
    }

    private static ServerSideCopy prepare(PostgresServer server, Connection control, ArticleTable target,
            Dataset dataset, int parts, String benchmark, String copySql)
            throws IOException, SQLException, InterruptedException {
        ServerFiles files = ServerFiles.create();
        ServerSideCopy copy = new ServerSideCopy(files, parts, copySql);
        try {
            var unreadable = files.unreadableReason(control);
            if (unreadable.isPresent()) {
                LOG.warn("{} skipped: {}", benchmark, unreadable.get());
                throw new IllegalStateException(benchmark + " skipped, no number reported: " + unreadable.get());
            }
            ArticleTable source = SourceTable.fill(server, control, target, dataset);
            List<Path> parted = files.export(control, source, dataset.size(), parts, FORMAT, ".bin");
            source.drop(control);
            for (Path file : parted) {
                Connection session = server.connect();
                copy.sessions.add(session);
                ServerFiles.bindFile(session, file);
            }
            return copy;
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /** Every session copies its file; returns when all have committed, failing if any failed. */
    void run() throws SQLException, InterruptedException {
        if (threads == null) {
            copyOne(sessions.get(0));
            return;
        }
        List<Future<Void>> running = new ArrayList<>(sessions.size());
        for (Connection session : sessions) {
            Callable<Void> task = () -> {
                copyOne(session);
                return null;
            };
            running.add(threads.submit(task));
        }
        SQLException failure = null;
        for (Future<Void> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                SQLException cause = e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void copyOne(Connection session) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute(copySql);
        }
    }

    @Override
    public void close() throws IOException, SQLException {
        if (threads != null) {
            threads.shutdownNow();
        }
        try {
            for (Connection session : sessions) {
                session.close();
            }
        } finally {
            files.close();
        }
    }
}
