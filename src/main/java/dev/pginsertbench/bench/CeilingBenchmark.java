package dev.pginsertbench.bench;

import dev.pginsertbench.postgres.ArticleTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * What the server itself can ingest, against the same data and server as every strategy:
 * <ul>
 * <li>{@code insertSelect}: {@code INSERT INTO target SELECT * FROM} an identical table loaded
 *     (and vacuumed) at trial setup — no client, no network, no parsing;</li>
 * <li>{@code serverCopy}: one server-side {@code COPY target FROM 'file'} of a binary COPY file
 *     written at trial setup — parsing, but no client. Only where the server reads this
 *     client's files; elsewhere the trial fails with the reason and reports no number.</li>
 * <li>{@code serverCopyFrozen}: the same file, copied {@code WITH (FREEZE)} into the target
 *     truncated in the same transaction: the fastest single-session path PostgreSQL offers.
 *     Under {@code wal_level=minimal} (the bulk server profile) the data skips WAL as well;
 *     under the durable profile only the freezing is saved, and its WAL per row shows it.
 *     The TRUNCATE of the already empty table is timed with the COPY.</li>
 * </ul>
 * Timed: the statement, from sending it to its commit. Not timed: preparing the source table or
 * file, opening the session.
 */
public class CeilingBenchmark extends TableFillBenchmark {

    private Connection session;
    private String insertSelectSql;
    private ServerSideCopy serverCopy;

    @Override
    protected void prepareTrial() throws Exception {
        // each method's own setup, by its catalogue entry; one without an entry fails there, naming itself. A
        // per-method @State would need this benchmark's server in its setup, and JMH refuses a state that takes
        // the benchmark: its @AuxCounters would then reach the method twice ("Conflicting @AuxCounters counters").
        switch (entry()) {
            case SERVER_COPY_CEILING -> serverCopy = ServerSideCopy.prepare(postgres, control(), table, dataset, 1,
                    description());
            case FROZEN_COPY_CEILING -> serverCopy = ServerSideCopy.prepareFrozen(postgres, control(), table, dataset,
                    description());
            case INSERT_SELECT_CEILING -> {
                ArticleTable source = SourceTable.fill(postgres, control(), table, dataset);
                insertSelectSql = "INSERT INTO " + table.name().quoted() + " (" + ArticleTable.columnList()
                        + ") SELECT " + ArticleTable.columnList() + " FROM " + source.name().quoted();
                session = postgres.connect();
            }
            default -> throw new IllegalStateException(description() + ": no trial setup for this method");
        }
    }

    @Override
    protected void releaseTrial() throws Exception {
        try (Connection opened = session; ServerSideCopy copy = serverCopy) {
            // closed by try-with-resources; either may be null
        }
    }

    @Benchmark
    public void insertSelect() throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.executeUpdate(insertSelectSql);
        }
    }

    @Benchmark
    public void serverCopy() throws SQLException, InterruptedException {
        serverCopy.run();
    }

    @Benchmark
    public void serverCopyFrozen() throws SQLException, InterruptedException {
        serverCopy.run();
    }
}
