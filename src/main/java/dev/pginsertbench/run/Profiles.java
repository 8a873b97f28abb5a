package dev.pginsertbench.run;

import dev.pginsertbench.bench.CeilingBenchmark;
import dev.pginsertbench.bench.ClaimBenchmark;
import dev.pginsertbench.bench.FactorBenchmark;
import dev.pginsertbench.bench.NewConnectionPerChunkBenchmark;
import dev.pginsertbench.bench.OriginalLoaderBenchmark;
import dev.pginsertbench.bench.ParallelCeilingBenchmark;
import dev.pginsertbench.bench.PooledBatchBenchmark;
import dev.pginsertbench.bench.PooledCopyBenchmark;
import dev.pginsertbench.bench.PsqlCopyBenchmark;
import dev.pginsertbench.bench.SyncBaselineBenchmark;
import dev.pginsertbench.claims.OriginalClaim;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Every profile's matrix, in one place. Each benchmark gets only its own parameters; a
 * parameter list below is a cross product within that benchmark. The factor study changes one
 * factor at a time from {@link #FACTOR_BASE}, so it never asks for an invalid combination
 * (connections=SINGLE with tasks above 1).
 */
public final class Profiles {

    public static final String DEFAULT = "quick";

    static final String SYNC = name(SyncBaselineBenchmark.class, "load");
    static final String NEW_CONNECTION = name(NewConnectionPerChunkBenchmark.class, "load");
    static final String POOLED_BATCH = name(PooledBatchBenchmark.class, "load");
    static final String POOLED_COPY = name(PooledCopyBenchmark.class, "load");
    static final String ORIGINAL = name(OriginalLoaderBenchmark.class, "load");
    static final String FACTOR = name(FactorBenchmark.class, "load");
    static final String INSERT_SELECT = name(CeilingBenchmark.class, "insertSelect");
    static final String SERVER_COPY = name(CeilingBenchmark.class, "serverCopy");
    static final String PARALLEL_CEILING = name(ParallelCeilingBenchmark.class, "serverCopy");
    static final String PSQL = name(PsqlCopyBenchmark.class, "psqlCopy");
    static final String CLAIM = name(ClaimBenchmark.class, "load");

    /** The claims study: rows per load, rounds (forks per claim), warm-up blocks per fork. */
    static final int CLAIMS_ROWS = 100_000;
    static final int CLAIMS_ROUNDS = 8;
    static final int CLAIMS_WARMUP_BLOCKS = 1;
    /**
     * Measured blocks per fork, per claim: sized from a pilot run on the 2-core machine so that
     * each claim's deciding comparison can reach its precision target within about 30 minutes
     * (a paired log ratio varies by 0.11 to 0.21 from block to block there; small effects on fast
     * arms need the most blocks, and a block of four arms costs twice one of two). Adaptive
     * chunking got 10 after 7 left it 0.1 point short of its target in the first full run.
     */
    static final Map<OriginalClaim, Integer> CLAIMS_BLOCKS = Map.of(
            OriginalClaim.COPY, 8,
            OriginalClaim.POOL, 8,
            OriginalClaim.CONVERSION, 14,
            OriginalClaim.ADAPTIVE, 10,
            OriginalClaim.END_TO_END, 9,
            OriginalClaim.SYNC_VS_ASYNC, 7);
    /** Seed of the claims study's fork order, recorded in the manifest. */
    static final long CLAIMS_ORDER_SEED = 20_261_129L;

    /** The factor study's base point: the card's pooled COPY, on a few tasks. */
    static final Map<String, String> FACTOR_BASE = ordered(
            "protocol", "COPY_BINARY", "connections", "POOLED", "executor", "PLATFORM", "conversion", "PER_CHUNK",
            "chunking", "FIXED", "chunkSize", "5000", "tasks", "4");

    private static final List<String> COPY_FORMATS = List.of("COPY_BINARY", "COPY_CSV");

    private Profiles() {
    }

    /**
     * Every profile in the order the usage text lists them, described as README.md's profile table
     * describes them (a test keeps the two equal): the times are those measured where a run was
     * measured, else the estimate.
     */
    static final List<ProfileSummary> SUMMARIES = List.of(
            new ProfileSummary("smoke", "every benchmark method once (13 configurations)", "about 45 s"),
            new ProfileSummary("quick", "the card's four strategies over a few chunk sizes and task counts, both COPY "
                    + "formats, the ceilings and psql (34 configurations)", "5.5 minutes measured, 7.7 estimated"),
            new ProfileSummary("claims", "every claim of the original loader, each by its arms interleaved shot by shot "
                    + "and paired (48 forks: 6 claims x 8 rounds)",
                    "24 minutes measured from a fresh clone, build included (22 estimated)"),
            new ProfileSummary("standard", "the card's full matrix: chunk sizes 500 to 50,000, tasks 1 to 8; and the batch "
                    + "paths (rewritten batch, multi-row VALUES, unnest) against plain executeBatch at 1,000 and 10,000 "
                    + "rows per chunk (78 configurations)", "about 40 minutes (estimate)"),
            new ProfileSummary("thesis", "the standard matrix, the original loader before/after, and the "
                    + "one-factor-at-a-time study of protocol, connections, executor, conversion, chunking, chunk size "
                    + "and tasks (105 configurations)", "about 9 hours (estimate)"));

    public static List<String> names() {
        return SUMMARIES.stream().map(ProfileSummary::name).toList();
    }

    public static Optional<Profile> named(String name) {
        return switch (name) {
            case "smoke" -> Optional.of(smoke());
            case "quick" -> Optional.of(quick());
            case "claims" -> Optional.of(claims());
            case "standard" -> Optional.of(standard());
            case "thesis" -> Optional.of(thesis());
            default -> Optional.empty();
        };
    }

    /** CI-sized: every benchmark class at least once on 2,000 rows; one warm-up shot keeps trial setup out of the measured allocations. */
    static Profile smoke() {
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, Map.of("chunkSize", List.of("500"))));
        all.addAll(cross(NEW_CONNECTION, ordered("chunkSize", List.of("500"), "tasks", List.of("2"))));
        all.addAll(cross(POOLED_BATCH, ordered("chunkSize", List.of("500"), "tasks", List.of("2"))));
        all.addAll(cross(POOLED_COPY, ordered("chunkSize", List.of("500"), "tasks", List.of("2"), "format", List.of("COPY_BINARY"))));
        all.addAll(cross(ORIGINAL, ordered("variant", List.of("BEFORE", "AFTER"), "tasks", List.of("2"))));
        all.addAll(factorStudy(Map.of("protocol", List.of("BATCH")), Map.of("tasks", "2")));
        all.addAll(ceilings(List.of("2")));
        all.add(claimFork(OriginalClaim.CONVERSION, 1, 1, 2));
        return new Profile("smoke", "CI-sized check that every benchmark runs and verifies", 2_000, 1, 1, 2, all);
    }

    /** The default: the card's four strategies and the ceilings on 100,000 rows, a few chunk sizes and task counts. */
    static Profile quick() {
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, Map.of("chunkSize", List.of("1000", "5000", "20000"))));
        all.addAll(cross(NEW_CONNECTION, ordered("chunkSize", List.of("1000", "5000"), "tasks", List.of("2", "4"))));
        all.addAll(cross(POOLED_BATCH, ordered("chunkSize", List.of("1000", "5000", "20000"), "tasks", List.of("1", "2", "4"))));
        all.addAll(cross(POOLED_COPY, ordered("chunkSize", List.of("5000", "20000"), "tasks", List.of("1", "2", "4"),
                "format", COPY_FORMATS)));
        all.addAll(ceilings(List.of("1", "2", "4")));
        return new Profile("quick", "the card's strategies and the ceilings, a few chunk sizes and task counts",
                100_000, 1, 1, 5, all);
    }

    /**
     * The original loader's claims ({@link OriginalClaim}): each claim's arms interleaved shot by
     * shot in forks of {@link #CLAIMS_BLOCKS} blocks; {@link #CLAIMS_ROUNDS} rounds, each running
     * every claim's fork once, the claims of a round in a random order, so that slow drift over
     * the run reaches every claim in every round. One server serves the whole run, so that every
     * claim is measured on the same server, warmed once.
     */
    static Profile claims() {
        Random random = new Random(CLAIMS_ORDER_SEED);
        List<Configuration> all = new ArrayList<>();
        for (int round = 1; round <= CLAIMS_ROUNDS; round++) {
            List<OriginalClaim> order = new ArrayList<>(List.of(OriginalClaim.values()));
            Collections.shuffle(order, random);
            for (OriginalClaim claim : order) {
                all.add(claimFork(claim, round, CLAIMS_WARMUP_BLOCKS, CLAIMS_BLOCKS.get(claim)));
            }
        }
        return new Profile("claims", "every claim of the original loader, arms interleaved and paired, "
                + CLAIMS_ROUNDS + " rounds", CLAIMS_ROWS, 1, 0, 1, all, CLAIMS_ORDER_SEED, true);
    }

    /** One fork of a claim: its arms in blocks of one shot each. */
    static Configuration claimFork(OriginalClaim claim, int round, int warmupBlocks, int blocks) {
        int arms = claim.arms().size();
        return new Configuration(CLAIM, ordered("claim", claim.name(), "round", String.valueOf(round)),
                new Configuration.Shots(warmupBlocks * arms, blocks * arms));
    }

    /** The card's full matrix on 100,000 rows, two forks, and the batch paths against plain executeBatch. */
    static Profile standard() {
        List<Configuration> all = new ArrayList<>(cardMatrix());
        all.addAll(batchPaths());
        return new Profile("standard", "the card's full matrix and the batch paths", 100_000, 2, 2, 5, all);
    }

    /** A million rows: the full matrix, the original loader and the one-factor-at-a-time study, three forks. */
    static Profile thesis() {
        List<Configuration> all = new ArrayList<>(cardMatrix());
        all.addAll(batchPaths());
        all.addAll(cross(ORIGINAL, ordered("variant", List.of("BEFORE", "AFTER"), "tasks", List.of("1", "2", "4", "8"))));
        all.addAll(factorStudy(ordered(
                "protocol", List.of("BATCH", "BATCH_REWRITE", "MULTI_VALUES", "UNNEST", "COPY_TEXT", "COPY_CSV", "COPY_BINARY"),
                "connections", List.of("PER_CHUNK", "POOLED"),
                "executor", List.of("PLATFORM", "VIRTUAL"),
                "conversion", List.of("UPFRONT", "PER_CHUNK"),
                "chunkSize", List.of("1000", "5000", "20000", "50000"),
                "tasks", List.of("1", "2", "4", "8")), Map.of()));
        // connections=SINGLE only exists with one task: compared with POOLED at one task
        all.addAll(factorStudy(Map.of("connections", List.of("SINGLE", "POOLED")), Map.of("tasks", "1")));
        // the adaptive rule only acts below 1,000 rows per chunk
        all.addAll(factorStudy(Map.of("chunking", List.of("FIXED", "ADAPTIVE")), Map.of("chunkSize", "500")));
        return new Profile("thesis", "a million rows: full matrix, original loader, one factor at a time",
                1_000_000, 3, 2, 5, distinct(all));
    }

    private static List<Configuration> cardMatrix() {
        List<String> tasks = List.of("1", "2", "4", "8");
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, Map.of("chunkSize", List.of("500", "1000", "2000", "5000", "10000", "20000", "50000"))));
        all.addAll(cross(NEW_CONNECTION, ordered("chunkSize", List.of("1000", "5000", "20000"), "tasks", tasks)));
        all.addAll(cross(POOLED_BATCH, ordered("chunkSize", List.of("1000", "5000", "20000"), "tasks", tasks)));
        all.addAll(cross(POOLED_COPY, ordered("chunkSize", List.of("1000", "5000", "20000", "50000"), "tasks", tasks,
                "format", COPY_FORMATS)));
        all.addAll(ceilings(tasks));
        return all;
    }

    /**
     * The INSERT-based protocols (rewritten batch, multi-row VALUES, unnest) against plain
     * executeBatch at 1,000 and 10,000 rows per chunk, everything else at the factor base.
     */
    static List<Configuration> batchPaths() {
        Map<String, String> base = new LinkedHashMap<>(FACTOR_BASE);
        base.remove("protocol");
        base.remove("chunkSize");
        List<Configuration> all = new ArrayList<>();
        for (Configuration point : cross(FACTOR, ordered("protocol", List.of("BATCH", "BATCH_REWRITE", "MULTI_VALUES", "UNNEST"),
                "chunkSize", List.of("1000", "10000")))) {
            Map<String, String> params = new LinkedHashMap<>(base);
            params.putAll(point.params());
            all.add(new Configuration(FACTOR, params));
        }
        return all;
    }

    /** Both single-session ceilings, the parallel ceiling for each task count, and psql. */
    private static List<Configuration> ceilings(List<String> tasks) {
        List<Configuration> all = new ArrayList<>();
        all.add(new Configuration(INSERT_SELECT, Map.of()));
        all.add(new Configuration(SERVER_COPY, Map.of()));
        all.addAll(cross(PARALLEL_CEILING, Map.of("tasks", tasks)));
        all.add(new Configuration(PSQL, Map.of()));
        return all;
    }

    /**
     * The base point, then for each factor each of its values with every other factor at the
     * base (after {@code baseChanges}); duplicates of the base are dropped.
     */
    private static List<Configuration> factorStudy(Map<String, List<String>> factors, Map<String, String> baseChanges) {
        Map<String, String> base = new LinkedHashMap<>(FACTOR_BASE);
        base.putAll(baseChanges);
        List<Configuration> points = new ArrayList<>();
        points.add(new Configuration(FACTOR, base));
        factors.forEach((factor, values) -> {
            for (String value : values) {
                Map<String, String> point = new LinkedHashMap<>(base);
                point.put(factor, value);
                points.add(new Configuration(FACTOR, point));
            }
        });
        return distinct(points);
    }

    /** Every combination of the given values for one benchmark, the first parameter varying slowest. */
    static List<Configuration> cross(String benchmark, Map<String, List<String>> values) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        values.forEach((name, choices) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String choice : choices) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(name, choice);
                    next.add(extended);
                }
            }
            combinations.clear();
            combinations.addAll(next);
        });
        return combinations.stream().map(params -> new Configuration(benchmark, params)).toList();
    }

    private static List<Configuration> distinct(List<Configuration> configurations) {
        Set<Configuration> seen = new LinkedHashSet<>(configurations);
        return List.copyOf(seen);
    }

    private static String name(Class<?> benchmarkClass, String method) {
        return benchmarkClass.getSimpleName() + "." + method;
    }

    /** A map that keeps the order written, for parameters and their value lists. */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
