package dev.pginsertbench.run;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.ChunkPlan;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.LoadPlan;
import java.time.Duration;
import java.util.List;

/**
 * How long configurations take, from throughputs measured on a 2-core machine against the
 * embedded server with durable settings (the quick profile's run, made about a quarter slower
 * because that machine is shared and often is); a faster machine finishes early. While a run goes on,
 * {@link BenchmarkRunner} scales the remaining estimate by how the finished configurations
 * compared with theirs.
 */
final class DurationEstimate {

    /** Fork JVM start, embedded server start, table creation, JMH's own start. */
    static final double FORK_SECONDS = 3.5;
    /** Generating the dataset in the fork. */
    static final double GENERATE_SECONDS_PER_ROW = 3e-6;
    /** Source table, checksum, VACUUM and file export for the ceilings and psql. */
    static final double SOURCE_SECONDS_PER_ROW = 30e-6;
    /** TRUNCATE, CHECKPOINT and count(*) around every shot. */
    static final double SHOT_OVERHEAD_SECONDS = 0.15;
    static final double SHOT_OVERHEAD_SECONDS_PER_ROW = 2e-6;

    /** Chunks below this many rows commit so often that the rate drops by {@link #SMALL_CHUNK_FACTOR}. */
    static final int SMALL_CHUNK = 1_000;
    static final double SMALL_CHUNK_FACTOR = 0.85;
    /** A claims fork: JVM start, dataset and loaders; the run's one server is already up. */
    static final double CLAIM_FORK_SECONDS = 2.5;
    /** TRUNCATE, CHECKPOINT, count(*), the collection and the /proc readings around a claims shot. */
    static final double CLAIM_SHOT_OVERHEAD_SECONDS = 0.15;

    private DurationEstimate() {
    }

    static Duration of(List<Configuration> configurations, Profile profile, int rows) {
        double seconds = 0;
        for (Configuration configuration : configurations) {
            seconds += seconds(configuration, profile, rows);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static double seconds(Configuration configuration, Profile profile, int rows) {
        boolean claim = configuration.benchmark().equals(Profiles.CLAIM);
        double perShot = rows / rowsPerSecond(configuration)
                + (claim ? CLAIM_SHOT_OVERHEAD_SECONDS : SHOT_OVERHEAD_SECONDS + rows * SHOT_OVERHEAD_SECONDS_PER_ROW);
        double perFork = (claim ? CLAIM_FORK_SECONDS : FORK_SECONDS) + rows * GENERATE_SECONDS_PER_ROW
                + (needsSource(configuration) ? rows * SOURCE_SECONDS_PER_ROW : 0)
                + (configuration.warmupShots(profile) + configuration.measuredShots(profile)) * perShot;
        return profile.forks() * perFork;
    }

    private static boolean needsSource(Configuration configuration) {
        return configuration.className().contains("Ceiling") || configuration.benchmark().equals(Profiles.PSQL);
    }

    /** Expected rows/s of one shot. */
    static double rowsPerSecond(Configuration configuration) {
        String benchmark = configuration.benchmark();
        if (benchmark.equals(Profiles.INSERT_SELECT)) {
            return 300_000;
        }
        if (benchmark.equals(Profiles.SERVER_COPY) || benchmark.equals(Profiles.PARALLEL_CEILING)) {
            return 280_000;
        }
        if (benchmark.equals(Profiles.PSQL)) {
            return 100_000;
        }
        if (benchmark.equals(Profiles.ORIGINAL)) {
            return "AFTER".equals(configuration.params().get("variant")) ? 110_000 : 70_000;
        }
        if (benchmark.equals(Profiles.POOLED_COPY)) {
            return protocolRate(configuration.params().get("format"));
        }
        if (benchmark.equals(Profiles.FACTOR)) {
            return protocolRate(configuration.params().get("protocol"));
        }
        if (benchmark.equals(Profiles.CLAIM)) {
            return claimRate(OriginalClaim.of(configuration.params().get("claim")));
        }
        return protocolRate("BATCH");
    }

    /** The rows/s of a claim fork's average shot: its arms take turns, one shot each per block. */
    private static double claimRate(OriginalClaim claim) {
        double seconds = 0;
        for (Arm arm : claim.arms()) {
            seconds += 1 / claimArmRate(arm.plan());
        }
        return claim.arms().size() / seconds;
    }

    /**
     * Rows/s of a claims arm on 100,000 rows, from the first full claims run on the 2-core machine
     * (2 tasks, 20 minutes): the pool's protocol rate, slowed by connecting per chunk, by one
     * connection or by chunks below 1,000 rows.
     */
    static double claimArmRate(LoadPlan plan) {
        double rate = switch (plan.protocol()) {
            case COPY_BINARY -> 330_000;
            case COPY_TEXT, COPY_CSV -> 160_000;
            default -> 130_000;
        };
        if (plan.connections() != ConnectionMode.POOLED) {
            rate *= plan.protocol().isCopy() ? 0.8 : 0.56;
        }
        if (ChunkPlan.of(Profiles.CLAIMS_ROWS, plan.chunkSize(), plan.chunking()).chunkSize() < SMALL_CHUNK) {
            rate *= SMALL_CHUNK_FACTOR;
        }
        return rate;
    }

    private static double protocolRate(String protocol) {
        return switch (protocol == null ? "BATCH" : protocol) {
            case "COPY_BINARY" -> 200_000;
            case "COPY_CSV", "COPY_TEXT" -> 110_000;
            case "BATCH_REWRITE", "MULTI_VALUES", "UNNEST" -> 90_000;
            default -> 55_000;
        };
    }

    /** {@code hh:mm:ss}, hours past 99 included. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
