package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import org.openjdk.jmh.annotations.Param;

/**
 * The sync baseline every speedup is measured against: one connection opened before the shot,
 * {@code executeBatch} of one chunk after the other, each chunk its own transaction.
 */
public class SyncBaselineBenchmark extends LoaderBenchmark {

    @Param({"1000", "5000"})
    public int chunkSize;

    @Override
    protected LoadPlan plan() {
        return LoadPlan.syncBaseline(chunkSize);
    }
}
