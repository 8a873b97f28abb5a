package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.Transport;
import org.openjdk.jmh.annotations.Param;

/**
 * Parallel {@code COPY FROM STDIN} over a warmed HikariCP pool: each chunk is one COPY in its
 * own transaction, encoded by the client in {@code format} (PostgreSQL's binary tuple format or
 * CSV) and streamed in blocks; {@code tasks} chunks run at once.
 */
public class PooledCopyBenchmark extends LoaderBenchmark {

    @Param({"5000", "20000"})
    public int chunkSize;

    @Param({"1", "2", "4"})
    public int tasks;

    @Param({"COPY_BINARY", "COPY_CSV"})
    public Protocol format;

    /** TCP, TLS or the Unix-domain socket: what connecting and sending cost over each. */
    @Param("TCP")
    public Transport transport;

    @Override
    protected Transport transport() {
        return transport;
    }

    @Override
    protected LoadPlan plan() {
        return LoadPlan.pooledCopy(format, chunkSize, tasks);
    }
}
