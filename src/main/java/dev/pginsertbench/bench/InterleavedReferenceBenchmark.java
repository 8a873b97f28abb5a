package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.load.Protocol;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pooled COPY held against its references fairly: pooled COPY binary ({@code chunkSize} rows per
 * chunk, {@code tasks} at once, over TCP), {@code psql \copy} and the parallel server-side ceiling
 * with {@code tasks} sessions, interleaved shot by shot on the same server, dataset and JVM, in
 * blocks of one shot per arm in a random order ({@link ShotSchedule}). Measured one after the
 * other, the three react differently to the machine's state (psql's one backend is CPU-bound,
 * COPY's sessions wait for WAL and extension locks), so a ratio of runs taken minutes apart says
 * as much about the drift as about the methods; within a block the drift is shared. The runner
 * runs {@code round} 1, 2, ... as separate forks spread over the run, and the report takes the
 * paired ratios' interval over the rounds.
 *
 * <p>The arms are those the machine offers: pooled COPY always, psql where it is on PATH, the
 * ceiling where the server reads this client's files; a fork with neither reference fails with
 * both reasons. Measured shots must be whole blocks of the arms there are (profiles use multiples of
 * 6, whole for two arms and for three). Each shot is verified like any other (count, and the
 * loader's report complete); its arm is the {@code referenceArm} counter of {@link ArmShot}, and
 * JMH's score, which mixes the arms, means nothing by itself. Not timed: writing the files,
 * opening the sessions and the pool, emptying and counting the table, a full collection before
 * each shot (one arm's garbage is not collected in another's shot).
 */
public class InterleavedReferenceBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(InterleavedReferenceBenchmark.class);
    /** Keeps these forks' shot orders apart from the claims forks' (whose salts are claim ordinals). */
    private static final int SALT = 100;

    @Param("20000")
    public int chunkSize;

    @Param("2")
    public int tasks;

    /** Which repetition this fork is; it also seeds the fork's shot order. */
    @Param("1")
    public int round;

    private final List<ReferenceArm> arms = new ArrayList<>();
    private Loader loader;
    private ServerFiles psqlFiles;
    private PsqlCopy psql;
    private ServerSideCopy ceiling;
    private ShotSchedule schedule;
    private int shot;

    @Override
    protected void prepareTrial() throws Exception {
        loader = new Loader(postgres.address(), table.name(),
                LoadPlan.pooledCopy(Protocol.COPY_BINARY, chunkSize, tasks),
                ForkFlags.withRunDeadline(LoaderOptions.defaults()));
        arms.add(ReferenceArm.POOLED_COPY);
        Map<ReferenceArm, String> absent = new EnumMap<>(ReferenceArm.class);
        Optional<String> noPsql = Prerequisite.PSQL.missing(postgres);
        if (noPsql.isEmpty()) {
            psqlFiles = ServerFiles.create();
            psql = PsqlCopy.prepare(PsqlCopy.find().orElseThrow(), postgres, control(), table, dataset, psqlFiles);
            arms.add(ReferenceArm.PSQL);
        } else {
            absent.put(ReferenceArm.PSQL, noPsql.get());
        }
        Optional<String> noFiles = Prerequisite.SERVER_FILES.missing(postgres);
        if (noFiles.isEmpty()) {
            ceiling = ServerSideCopy.prepare(postgres, control(), table, dataset, tasks, description());
            arms.add(ReferenceArm.PARALLEL_CEILING);
        } else {
            absent.put(ReferenceArm.PARALLEL_CEILING, noFiles.get());
        }
        if (arms.size() < 2) {
            throw new IllegalStateException(description()
                    + ": nothing to hold pooled COPY against, no number reported: " + absent);
        }
        absent.forEach((arm, reason) -> LOG.warn("{}: arm {} left out: {}", description(), arm, reason));
        schedule = ShotSchedule.forInterleavedFork(arms.size(), benchmarkParams(), SALT + tasks, round, description());
        LOG.info("{}: arms {}; shot order {}", description(), arms, schedule.order());
    }

    @Override
    protected void beforeShot() {
        System.gc();
    }

    @Override
    protected void releaseTrial() throws Exception {
        try (ServerFiles files = psqlFiles; ServerSideCopy copy = ceiling) {
            if (loader != null) {
                loader.close();
            }
        }
    }

    @Benchmark
    public void load(ArmShot counters) throws Exception {
        ReferenceArm arm = arms.get(schedule.arm(shot++));
        switch (arm) {
            case POOLED_COPY -> recordReport(loader.load(dataset.rows()));
            case PSQL -> {
                psql.run();
                recordBytesSent(psql.fileBytes());
            }
            case PARALLEL_CEILING -> ceiling.run();
        }
        counters.referenceArm = arm.code();
    }
}
