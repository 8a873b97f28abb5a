package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fork of the claims study in the original loader's own language: the arms of one claim run
 * by the Python port ({@code python/original_loader}: psycopg 3, asyncio, pydantic models, as the
 * original was written), interleaved shot by shot as the Java claims forks interleave theirs, on
 * the same server and the same rows (generated into models by the worker before any shot, from
 * the dataset's seed, as this JVM generates them). Arms without a Python counterpart (virtual
 * threads) are left out.
 *
 * <p>Timed: the worker's load as this JVM waits for it: the request, the load (conversion
 * included, as in Java) and its one-line reply. Not timed: starting the worker and generating the
 * dataset into models, emptying and counting the table, and the worker's own garbage collection
 * and memory release before each load. Each shot is verified like any other (count, and every
 * chunk committed as the worker reports) and, as another driver may have sent it, by the table's content
 * checksum against the dataset's. Client CPU is the worker's plus this JVM's.
 *
 * <p>Memory: on every shot the worker reports how far its resident memory rose during the load
 * (peak RSS over the level before it, after releasing what earlier loads freed); where the claim
 * compares memory, each arm's load in the last warm-up block also runs under tracemalloc, whose
 * peak is reported with every measured shot of that arm as the counterpart of Java's retained heap.
 */
public class PythonClaimBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(PythonClaimBenchmark.class);

    @Param({"COPY", "POOL", "CONVERSION", "ADAPTIVE", "END_TO_END", "SYNC_VS_ASYNC", "PYTHON_PEERS"})
    public OriginalClaim claim;

    /** Which repetition of the claim this fork is; it also seeds the fork's shot order. */
    @Param("1")
    public int round;

    /** How far the worker's server is made to be ({@link dev.pginsertbench.postgres.RoundTripDelay}). */
    @Param("loopback")
    public String rtt;

    /**
     * The claim's arms this fork leaves out, comma-separated ids: those whose optional driver the interpreter
     * lacks ({@link PythonLoader#missingDriver}), as the run's plan decided and its preflight said in one line.
     */
    @Param("")
    public String leftOut;

    private List<Arm> arms;
    private PythonLoader python;
    private ShotSchedule schedule;
    private double[] traced;
    private int shot;
    private boolean probesMemory;

    @Override
    protected void prepareTrial() throws Exception {
        arms = Language.PYTHON.arms(claim, leftOut);
        schedule = ShotSchedule.forClaimFork(arms.size(), benchmarkParams(), claim.id(), round, description());
        probesMemory = claim.probesRetainedMemory();
        traced = new double[arms.size()];
        Arrays.fill(traced, Double.NaN);
        python = startPython(loaderAddress(postgres.address(), rtt));
        LOG.info("{}: Python {} with psycopg {}, psycopg_pool {}, pydantic {}; arms {}; shot order {}", description(),
                python.versions().python(), python.versions().psycopg(), python.versions().psycopgPool(),
                python.versions().pydantic(), arms.stream().map(Arm::id).toList(), schedule.order());
    }

    /** The port's loads, another driver's among them, are held to the dataset shot by shot. */
    @Override
    protected boolean verifiesContent() {
        return true;
    }

    @Override
    protected void releaseTrial() throws Exception {
        if (python != null) {
            python.close();
        }
    }

    @Benchmark
    public PythonLoader.Load load(ClaimShot counters) throws Exception {
        int index = shot++;
        int arm = schedule.arm(index);
        boolean memory = probesMemory && schedule.inProbeBlock(index);
        PythonLoader.Load load = recordPythonLoad(python.load(arms.get(arm).id(), memory));
        if (memory) {
            traced[arm] = load.tracemallocPeakBytes();
        }
        counters.arm = arms.get(arm).code();
        counters.retainedHeapBytes = traced[arm];
        counters.datasetHeapBytes = probesMemory ? python.datasetBytes() : Double.NaN;
        counters.peakRssGrowthBytes = load.peakRssGrowthBytes();
        return load;
    }
}
