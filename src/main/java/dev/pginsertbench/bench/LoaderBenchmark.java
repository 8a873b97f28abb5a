package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.postgres.Transport;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * A strategy of the factor space (docs/design.md): one shot is {@code Loader.load} of the whole
 * dataset under the subclass's plan. Timed: chunking, conversion, encoding, sending, commits,
 * and for PER_CHUNK connections the connecting. Not timed: generating the dataset, creating the
 * loader (its pool is opened and warmed, its threads started, at trial setup), emptying and
 * counting the table.
 */
public abstract class LoaderBenchmark extends TableFillBenchmark {

    /** How far the loader's server is made to be ({@link dev.pginsertbench.postgres.RoundTripDelay}). */
    @Param("loopback")
    public String rtt;

    private Loader loader;

    /** The plan this benchmark's parameters describe. */
    protected abstract LoadPlan plan();

    /** How the loader reaches the server; plain TCP unless a subclass has it as a parameter. */
    protected Transport transport() {
        return Transport.TCP;
    }

    /** The loader's limits and pool size; a pool sized to the tasks unless a subclass says otherwise. */
    protected LoaderOptions options() {
        return LoaderOptions.defaults();
    }

    @Override
    protected void prepareTrial() throws SQLException {
        loader = new Loader(loaderAddress(postgres.address(transport()), rtt), table.name(), plan(),
                ForkFlags.withRunDeadline(options()));
    }

    @Override
    protected void releaseTrial() {
        if (loader != null) {
            loader.close();
        }
    }

    @Benchmark
    public LoadReport load() throws InterruptedException {
        LoadReport report = loader.load(dataset.rows());
        recordReport(report);
        return report;
    }
}
