package dev.pginsertbench.bench;

import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency relay's own cost, A/A: the original loader after its rewrite ({@link OriginalClaim#after()}),
 * once connected directly and once through a relay that adds no delay ({@code 0ms}), interleaved shot by
 * shot on the same server, dataset and JVM in blocks of one shot each in a random order ({@link ShotSchedule}).
 * What the relayed shots take longer is what the relay itself adds to every measurement through it (a copy
 * of every byte through a second process, two more loopback hops, its CPU on the same 2 cores); the relay's
 * process reports its CPU beside the shot's, so that the client's CPU per row stays the loader's. The runner
 * runs {@code round} 1, 2, ... as separate forks, and the report takes the paired ratio's interval over them.
 *
 * <p>Timed and not timed: as {@link LoaderBenchmark}. Each shot is verified like any other; its arm is the
 * {@code relayed} counter of {@link RelayShot}, and JMH's score, which mixes the arms, means nothing by itself.
 */
public class RelayCostBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(RelayCostBenchmark.class);
    private static final int ARMS = 2;
    private static final int RELAYED = 1;

    /** Which repetition this fork is; it also seeds the fork's shot order. */
    @Param("1")
    public int round;

    private Loader direct;
    private Loader relayed;
    private ShotSchedule schedule;
    private int shot;

    @Override
    protected void prepareTrial() throws SQLException {
        var after = OriginalClaim.after();
        var options = ForkFlags.withRunDeadline(after.options());
        direct = new Loader(postgres.address(), table.name(), after.plan(), options);
        relayed = new Loader(loaderAddress(postgres.address(), RoundTripDelay.ofMillis(0)), table.name(),
                after.plan(), options);
        schedule = ShotSchedule.forClaimFork(ARMS, benchmarkParams(), "relay_cost", round, description());
        LOG.info("{}: {} directly and through a 0 ms relay; shot order {}", description(), after.describe(),
                schedule.order());
    }

    @Override
    protected void beforeShot() {
        System.gc();
    }

    @Override
    protected void releaseTrial() {
        try (Loader first = direct; Loader second = relayed) {
            direct = null;
            relayed = null;
        }
    }

    @Benchmark
    public LoadReport load(RelayShot counters) throws InterruptedException {
        boolean throughRelay = schedule.arm(shot++) == RELAYED;
        LoadReport report = (throughRelay ? relayed : direct).load(dataset.rows());
        recordReport(report);
        counters.relayed = throughRelay ? 1 : 0;
        return report;
    }
}
