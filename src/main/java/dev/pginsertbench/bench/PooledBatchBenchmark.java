package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import org.openjdk.jmh.annotations.Param;

/**
 * {@code executeBatch} over a HikariCP pool of {@code tasks} connections, opened and warmed
 * before the trial, so no shot pays for connecting; {@code tasks} chunks run at once.
 */
public class PooledBatchBenchmark extends LoaderBenchmark {

    @Param({"1000", "5000"})
    public int chunkSize;

    @Param({"1", "2", "4"})
    public int tasks;

    @Override
    protected LoadPlan plan() {
        return LoadPlan.pooledBatch(chunkSize, tasks);
    }
}
