package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The server's ceiling with {@code tasks} sessions in parallel: the dataset split into
 * {@code tasks} binary COPY files of consecutive rows, each loaded by its own session with a
 * server-side {@code COPY FROM 'file'}, all at once — what a parallel COPY client could reach
 * at best with the same number of tasks. Only where the server reads this client's files;
 * elsewhere the trial fails with the reason and reports no number. Timed: from the first COPY
 * sent to the last commit. Not timed: writing the files, opening the sessions.
 */
public class ParallelCeilingBenchmark extends TableFillBenchmark {

    @Param({"1", "2", "4"})
    public int tasks;

    private ServerSideCopy copy;

    @Override
    protected void prepareTrial() throws Exception {
        copy = ServerSideCopy.prepare(postgres, control(), table, dataset, tasks, description());
    }

    @Override
    protected void releaseTrial() throws Exception {
        if (copy != null) {
            copy.close();
        }
    }

    @Benchmark
    public void serverCopy() throws Exception {
        copy.run();
    }
}
