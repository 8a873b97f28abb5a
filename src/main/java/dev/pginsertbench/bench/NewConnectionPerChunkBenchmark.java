package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.postgres.Transport;
import org.openjdk.jmh.annotations.Param;

/**
 * The original loader's connection habit: every chunk opens a new DriverManager connection,
 * sends its rows with {@code executeBatch}, commits and closes it; {@code tasks} chunks run at
 * once. Connecting (TCP, authentication, backend start) is inside the timing, as it was there.
 */
public class NewConnectionPerChunkBenchmark extends LoaderBenchmark {

    @Param({"1000", "5000"})
    public int chunkSize;

    @Param({"2", "4"})
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
        return LoadPlan.newConnectionPerChunk(chunkSize, tasks);
    }
}
