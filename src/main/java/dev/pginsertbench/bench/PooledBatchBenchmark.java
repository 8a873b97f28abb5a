package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.postgres.Transport;
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

    /** TCP, TLS or the Unix-domain socket: what connecting and sending cost over each. */
    @Param("TCP")
    public Transport transport;

    @Override
    protected Transport transport() {
        return transport;
    }

    @Override
    protected LoadPlan plan() {
        return LoadPlan.pooledBatch(chunkSize, tasks);
    }
}
