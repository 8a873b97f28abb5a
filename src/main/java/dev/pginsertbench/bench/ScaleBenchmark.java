package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.ScaleStrategy;
import dev.pginsertbench.data.ArticleGenerator;
import dev.pginsertbench.data.RowSource;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One strategy of the scale study ({@link ScaleStrategy}) at one size: every shot loads {@code rows}
 * rows, so that time per row, CPU and WAL per row, and the memory held can be read against the size of
 * the load. Java loads stream their rows ({@link RowSource#STREAMED}): each row is generated from the
 * seed and its id when the loader reads it, so a load holds only what the strategy itself holds and no
 * size is capped by a list held beforehand; what generating costs is measured once per fork on one
 * thread ({@code generatorNsPerRow}) and reported beside the time, which includes it. The Python port's
 * worker generates the same rows into models before the first shot and holds them, as the original
 * held its list of models.
 *
 * <p>Memory: in Java the last warm-up shot runs under a {@link RetainedHeapProbe}, and what it finds is
 * reported with every measured shot; a fork without warm-up shots (the largest size, where a shot takes
 * minutes) leaves it unknown rather than stall a timed shot. The Python port reports every shot's peak
 * RSS growth beside the size of its models. A size whose expected memory would not
 * fit ({@link MemoryNeed}) is refused before anything is generated. Timed: as {@link LoaderBenchmark}.
 * Not timed: the probe's warm-up shot, building the loader, emptying and counting the table.
 */
public class ScaleBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleBenchmark.class);
    /** Rows generated to time the generator: enough for a stable mean, few enough to take about a second. */
    static final int GENERATOR_SAMPLE_ROWS = 200_000;

    @Param({"SYNC", "BEFORE", "AFTER", "POOLED_COPY"})
    public ScaleStrategy strategy;

    @Param({"JAVA", "PYTHON"})
    public Language language;

    /** Which repetition this fork is. */
    @Param("1")
    public int round;

    private Arm arm;
    private Loader loader;
    private PythonLoader python;
    private double generatorNsPerRow = Double.NaN;
    private double retainedBytes = Double.NaN;
    private double peakRssGrowthBytes = Double.NaN;
    private int shot;
    private int warmupShots;

    @Override
    protected RowSource rowSource() {
        return RowSource.STREAMED;
    }

    @Override
    protected void prepareTrial() throws Exception {
        if (!strategy.languages().contains(language)) {
            throw new IllegalStateException(description() + ": the " + language.label() + " port has no "
                    + strategy.id());
        }
        MemoryRoom room = new MemoryRoom(Runtime.getRuntime().maxMemory(), MemoryNeed.machineBytes());
        Optional<String> refused = MemoryNeed.refusal(Catalogue.SCALE, java.util.Map.of(Parameter.STRATEGY, strategy,
                Parameter.LANGUAGE, language), rows, room);
        if (refused.isPresent()) {
            throw new IllegalStateException(description() + " refused before it started: " + refused.get());
        }
        arm = strategy.arm();
        warmupShots = benchmarkParams().getWarmup().getCount();
        if (language == Language.JAVA) {
            // timed twice, the second kept: the first runs before the JIT has compiled the generator
            generatorNsPerRow(dataset.seed(), Math.min(rows, GENERATOR_SAMPLE_ROWS));
            generatorNsPerRow = generatorNsPerRow(dataset.seed(), Math.min(rows, GENERATOR_SAMPLE_ROWS));
            loader = new Loader(postgres.address(), table.name(), arm.plan(), ForkFlags.withRunDeadline(arm.options()));
        } else {
            python = startPython(postgres.address());
        }
        LOG.info("{}: {} ({}), {} warm-up shots; memory: {}", description(), arm.label(), arm.describe(), warmupShots,
                language == Language.PYTHON ? "peak RSS growth on every shot"
                        : warmupShots > 0 ? "the last warm-up shot probes the heap"
                        : "not probed (no warm-up shot, and the probe stalls the load)");
    }

    /** CPU time per row of generating {@code count} rows on this thread, each read once as a loader reads it. */
    static double generatorNsPerRow(long seed, int count) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ArticleGenerator generator = new ArticleGenerator(seed);
        long start = threads.getCurrentThreadCpuTime();
        long sink = 0;
        for (int id = 1; id <= count; id++) {
            sink += generator.row(id).title().length();
        }
        long used = threads.getCurrentThreadCpuTime() - start;
        if (sink == 0 && count > 0) {
            throw new IllegalStateException("generated rows have no titles");
        }
        return count == 0 ? Double.NaN : used / (double) count;
    }

    @Override
    protected void beforeShot() {
        System.gc();
    }

    @Override
    protected void releaseTrial() throws Exception {
        if (loader != null) {
            loader.close();
        }
        if (python != null) {
            python.close();
        }
    }

    @Benchmark
    public Object load(ClaimShot counters) throws Exception {
        boolean probe = shot++ == warmupShots - 1;
        Object result = language == Language.JAVA ? loadJava(probe) : loadPython();
        counters.arm = arm.code();
        counters.retainedHeapBytes = retainedBytes;
        counters.datasetHeapBytes = python == null ? 0 : python.datasetBytes();
        counters.generatorNsPerRow = generatorNsPerRow;
        counters.peakRssGrowthBytes = peakRssGrowthBytes;
        return result;
    }

    private LoadReport loadJava(boolean probe) throws InterruptedException {
        LoadReport report;
        if (probe) {
            RetainedHeapProbe heap = RetainedHeapProbe.before(arm.plan(), rows);
            report = loader.load(dataset.rows(), heap);
            retainedBytes = heap.retainedBytes();
        } else {
            report = loader.load(dataset.rows());
        }
        recordReport(report);
        return report;
    }

    /** The Python port's memory is its peak RSS growth, every shot: tracemalloc would add minutes at a million rows. */
    private PythonLoader.Load loadPython() throws Exception {
        PythonLoader.Load load = recordPythonLoad(python.load(arm.id(), false));
        peakRssGrowthBytes = load.peakRssGrowthBytes();
        return load;
    }
}
