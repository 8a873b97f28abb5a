package dev.pginsertbench.report;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Parameter;

/**
 * What a configuration's rows/s is compared with in the summary: the sync baseline, each
 * server-side ceiling and {@code psql \copy}, always measured in the same run with the same rows
 * and on the same server (a run over several servers compares each only with its own).
 * Where a reference has several configurations the fastest is taken; the parallel ceiling is
 * matched on the number of tasks as well.
 */
public enum Reference {
    SYNC(Catalogue.SYNC_BASELINE, "x_sync", "x sync", false),
    INSERT_SELECT(Catalogue.INSERT_SELECT_CEILING, "x_insert_select", "x INSERT SELECT", false),
    SERVER_COPY(Catalogue.SERVER_COPY_CEILING, "x_server_copy", "x server COPY", false),
    FROZEN_COPY(Catalogue.FROZEN_COPY_CEILING, "x_frozen_copy", "x COPY FREEZE", false),
    PARALLEL_CEILING(Catalogue.PARALLEL_CEILING, "x_parallel_ceiling", "x par. ceiling", true),
    PSQL(Catalogue.PSQL_COPY, "x_psql", "x psql", false);

    private final Catalogue benchmark;
    private final String column;
    private final String heading;
    private final boolean sameTasks;

    Reference(Catalogue benchmark, String column, String heading, boolean sameTasks) {
        this.benchmark = benchmark;
        this.column = column;
        this.heading = heading;
        this.sameTasks = sameTasks;
    }

    /** The summary.csv column of the ratio; its bounds are {@code column_low} and {@code column_high}. */
    public String column() {
        return column;
    }

    /** The summary.md column heading. */
    public String heading() {
        return heading;
    }

    /**
     * Whether {@code candidate} can serve as this reference for a configuration with these rows,
     * server and parameters.
     */
    boolean matches(SummaryRow candidate, SummaryRow row) {
        return candidate.benchmark().equals(benchmark.id()) && candidate.rows() == row.rows()
                && candidate.server().equals(row.server())
                && (!sameTasks || candidate.params().get(Parameter.TASKS.field()) != null
                        && candidate.params().get(Parameter.TASKS.field())
                                .equals(row.params().get(Parameter.TASKS.field())));
    }
}
