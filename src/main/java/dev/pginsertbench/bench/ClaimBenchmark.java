package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.postgres.ServerAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fork of the claims study: the arms of one claim of the original loader
 * ({@link OriginalClaim}), interleaved shot by shot on the same server, dataset and JVM. Every
 * JMH iteration is one load of the whole dataset by one arm, in blocks of one shot per arm in a
 * random order ({@link ShotSchedule}); warm-up and measured shot counts must be whole blocks. The
 * runner runs {@code round} 1, 2, ... as separate forks, in a random order among the claims.
 *
 * <p>JMH's score for this benchmark mixes the arms and means nothing by itself: the shots are
 * told apart by the {@code arm} counter of {@link ClaimShot}, in the order of each metric's
 * {@code rawData}, and the report pairs them block by block. Each shot is verified like any
 * other (count and complete report). Timed: as {@link LoaderBenchmark}. Not timed: building the
 * arms' loaders (each opens its pool's minimum), emptying and counting the table, and a full
 * collection before each shot, so that one arm's garbage is not collected in the next arm's shot
 * (with the fixed 8 GiB heap a shot of 100,000 rows then runs without any collection).
 *
 * <p>Memory: where the claim compares memory, each arm's load in the last warm-up block runs
 * under a {@link RetainedHeapProbe}; what it finds is reported with every measured shot of that
 * arm (NaN elsewhere), beside the live size of the dataset itself, counted once per fork by
 * generating it again ({@link LiveHeap#of}), which the verdict on "slightly higher" measures
 * against. Interleaving arms in one JVM
 * means they share its JIT profile: a call site that sees several protocols is compiled for all
 * of them, which a fork of one arm would not do.
 */
public class ClaimBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimBenchmark.class);

    @Param({"COPY", "POOL", "CONVERSION", "ADAPTIVE", "END_TO_END", "SYNC_VS_ASYNC", "PYTHON_PEERS"})
    public OriginalClaim claim;

    /** Which repetition of the claim this fork is; it also seeds the fork's shot order. */
    @Param("1")
    public int round;

    /** How far the loaders' server is made to be ({@link dev.pginsertbench.postgres.RoundTripDelay}). */
    @Param("loopback")
    public String rtt;

    private final List<Loader> loaders = new ArrayList<>();
    private List<Arm> arms;
    private ShotSchedule schedule;
    private double[] retained;
    private double datasetBytes = Double.NaN;
    private int shot;
    private boolean probesMemory;

    @Override
    protected void prepareTrial() throws SQLException {
        arms = Language.JAVA.arms(claim);
        schedule = ShotSchedule.forClaimFork(arms.size(), benchmarkParams(), claim.id(), round, description());
        probesMemory = claim.probesRetainedMemory();
        retained = new double[arms.size()];
        Arrays.fill(retained, Double.NaN);
        if (probesMemory) {
            datasetBytes = LiveHeap.of(() -> Dataset.generate(dataset.seed(), dataset.rows().size()));
        }
        ServerAddress address = loaderAddress(postgres.address(), rtt);
        for (Arm arm : arms) {
            loaders.add(new Loader(address, table.name(), arm.plan(),
                    ForkFlags.withRunDeadline(arm.options())));
        }
        LOG.info("{}: arms {}; shot order {}", description(), arms, schedule.order());
    }

    @Override
    protected void beforeShot() {
        System.gc();
    }

    /** The peers' forks hold every shot to the dataset, as the Python port's do. */
    @Override
    protected boolean verifiesContent() {
        return claim == OriginalClaim.PYTHON_PEERS;
    }

    @Override
    protected void releaseTrial() {
        loaders.forEach(Loader::close);
    }

    @Benchmark
    public LoadReport load(ClaimShot counters) throws InterruptedException {
        int index = shot++;
        int arm = schedule.arm(index);
        Loader loader = loaders.get(arm);
        LoadReport report;
        if (probesMemory && schedule.inProbeBlock(index)) {
            RetainedHeapProbe probe = RetainedHeapProbe.before(loader.plan(), dataset.rows().size());
            report = loader.load(dataset.rows(), probe);
            retained[arm] = probe.retainedBytes();
        } else {
            report = loader.load(dataset.rows());
        }
        recordReport(report);
        counters.arm = arms.get(arm).code();
        counters.retainedHeapBytes = retained[arm];
        counters.datasetHeapBytes = datasetBytes;
        counters.peakRssGrowthBytes = Double.NaN;
        return report;
    }
}
