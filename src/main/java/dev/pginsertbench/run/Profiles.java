package dev.pginsertbench.run;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.OriginalVariant;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.bench.PythonLoader;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.claims.PythonDriver;
import dev.pginsertbench.claims.ScaleStrategy;
import dev.pginsertbench.load.Chunking;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.Conversion;
import dev.pginsertbench.load.ErrorPolicy;
import dev.pginsertbench.load.ExecutorKind;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.EmbeddedVersion;
import dev.pginsertbench.postgres.RoundTripDelay;
import dev.pginsertbench.postgres.TableShape;
import dev.pginsertbench.postgres.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every profile's matrix, in one place. Each benchmark gets only its own parameters; a
 * parameter list below is a cross product within that benchmark. The factor study changes one
 * factor at a time from {@link #FACTOR_BASE}, so it never asks for an invalid combination
 * (connections=SINGLE with tasks above 1).
 */
public final class Profiles {

    public static final String DEFAULT = "quick";

    private static final Catalogue SYNC = Catalogue.SYNC_BASELINE;
    private static final Catalogue NEW_CONNECTION = Catalogue.NEW_CONNECTION_PER_CHUNK;
    private static final Catalogue POOLED_BATCH = Catalogue.POOLED_BATCH;
    private static final Catalogue POOLED_COPY = Catalogue.POOLED_COPY;
    private static final Catalogue ORIGINAL = Catalogue.ORIGINAL_LOADER;
    private static final Catalogue FACTOR = Catalogue.FACTOR_POINT;
    private static final Parameter CHUNK_SIZE = Parameter.CHUNK_SIZE;
    private static final Parameter TASKS = Parameter.TASKS;
    private static final Parameter FORMAT = Parameter.FORMAT;
    private static final Parameter VARIANT = Parameter.VARIANT;
    private static final Parameter TRANSPORT = Parameter.TRANSPORT;
    /** Where transport is not the question: plain TCP, as every strategy was measured before it was a factor. */
    private static final List<Transport> TCP = List.of(Transport.TCP);

    /** The claims study: rows per load, rounds (forks per claim), warm-up blocks per fork. */
    static final int CLAIMS_ROWS = 100_000;
    static final int CLAIMS_ROUNDS = 8;
    /**
     * Two warm-up blocks: in the committed runs with one, the first measured block's paired log
     * ratio still differed from the later blocks' (COPY per chunk -6.4 log-% [-9.7, -3.2], end to
     * end -6.0 [-9.6, -2.4], 32 forks each); the second measured block no longer did for any
     * primary comparison (docs/design.md, "Warm-up"). Every run checks it again (claims.csv).
     */
    static final int CLAIMS_WARMUP_BLOCKS = 2;
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
    /**
     * The Python port's share of the claims study: as many rounds as Java's, since rounds are what
     * the interval is over (with 4 rounds, 9 of its 12 time comparisons missed the precision target),
     * and fewer blocks, as its loads are several times slower.
     */
    static final int PYTHON_CLAIMS_ROUNDS = 8;
    static final int PYTHON_CLAIMS_BLOCKS = 2;
    /**
     * Rows per load of the Python forks: the first 20 % of the dataset, which pays for twice the
     * rounds of before (4 rounds on 40,000 rows took about 8.5 minutes).
     */
    static final int PYTHON_CLAIMS_ROWS = CLAIMS_ROWS / 5;
    /**
     * Pooled COPY held against psql and the parallel ceiling in interleaved forks
     * ({@link Catalogue#INTERLEAVED_REFERENCES}): its chunk size (the best in runs of a million rows
     * on the 2-core machine), the rounds of a profile, and each fork's shots: 6 measured shots are
     * whole blocks for three arms and for two (where psql or the server's files are missing).
     */
    static final int INTERLEAVED_CHUNK = 20_000;
    static final int INTERLEAVED_ROUNDS = 3;
    static final Configuration.Shots INTERLEAVED_SHOTS = new Configuration.Shots(3, 6);
    /** The references profile: more rounds, so that the ratios' interval over rounds (fresh servers) is narrower. */
    static final int REFERENCES_ROUNDS = 8;

    /**
     * The network profile: the claims forks on loopback and through a relay adding each of these
     * round-trip times (a client VM to a managed database in the same region; another region).
     */
    static final List<RoundTripDelay> NETWORK_RTTS = List.of(RoundTripDelay.LOOPBACK, RoundTripDelay.ofMillis(2),
            RoundTripDelay.ofMillis(20));
    /**
     * Its rounds and rows: fewer than the claims profile's, so that three round-trip times fit in about
     * an hour on the 2-core machine; every level gets the same rows, so that levels compare alike.
     */
    static final int NETWORK_ROUNDS = 3;
    static final int NETWORK_ROWS = CLAIMS_ROWS / 2;
    static final int PYTHON_NETWORK_ROWS = PYTHON_CLAIMS_ROWS / 2;
    /** The relay's A/A forks: blocks of one direct and one relayed shot. */
    static final int RELAY_COST_WARMUP_BLOCKS = 2;
    static final int RELAY_COST_BLOCKS = 8;

    /** The seed a profile is built with where no run draws one (tests, the docs' profile tables). */
    static final long FIXED_SEED = 42;

    /** Rows per load of the scale study, in decades up to the original loader's scale. */
    static final List<Integer> SCALE_ROWS = List.of(10_000, 100_000, 1_000_000, 10_000_000);
    /**
     * Rounds per size: fresh forks (a JVM and a server each) at the smaller sizes, one from a million rows, where
     * a shot takes from seconds to minutes; there the interval is over the shots of one fork, which the report
     * says. With these, the profile fits in about an hour.
     */
    static final Map<Integer, Integer> SCALE_ROUNDS = Map.of(10_000, 3, 100_000, 3, 1_000_000, 1, 10_000_000, 1);

    /**
     * The largest size a strategy runs at in the scale profile: every loader up to ten million rows, where the
     * preflight refuses those that hold every row and would not fit (the after loader in both languages, and the
     * Python port's before at ten million); the Python port's before stops at a million, where one shot takes
     * about three minutes and ten million would hold 28 GB of models.
     */
    static int largestScaleRows(ScaleStrategy strategy, Language language) {
        return language == Language.PYTHON && strategy == ScaleStrategy.BEFORE ? 1_000_000 : 10_000_000;
    }
    /**
     * From this size a scale fork has no warm-up shot and one measured shot: a shot there takes from minutes to a
     * quarter of an hour, and in the committed runs {@code results/20261207T151328Z-scale} (with a warm-up shot)
     * and {@code results/20261207T213446Z-scale} (without) the first measured shot at ten million rows was within
     * 4 % of the second for every strategy (at a million it was up to 2.6 times slower, so the sizes below keep
     * their warm-up shot). That size has no interval of its own; the fitted lines, through every size, keep theirs.
     * The Java heap probe runs in the warm-up shot, so it is not taken there; it counts the first chunks in
     * flight, which do not grow with the size for a loader that streams.
     */
    static final int SCALE_ONE_SHOT_FROM = 10_000_000;

    /** One warm-up shot (which probes memory) and two measured below {@link #SCALE_ONE_SHOT_FROM}; one from it. */
    static Configuration.Shots scaleShots(int rows) {
        return rows >= SCALE_ONE_SHOT_FROM ? new Configuration.Shots(0, 1) : new Configuration.Shots(1, 2);
    }
    /**
     * The claims whose verdicts depend on the size of the load, measured again at the larger sizes in Java (the
     * scale-claims profile: beside the scale profile it would take the pair past an hour).
     */
    static final List<OriginalClaim> SCALE_CLAIMS = List.of(OriginalClaim.CONVERSION, OriginalClaim.ADAPTIVE,
            OriginalClaim.END_TO_END);
    /** The sizes those claims are measured at: the claims profile's, and the larger ones. */
    static final List<Integer> SCALE_CLAIM_ROWS = List.of(CLAIMS_ROWS, 1_000_000, 10_000_000);
    static final int SCALE_CLAIM_ROUNDS = 2;
    static final int SCALE_CLAIM_BLOCKS = 2;

    /**
     * The Python peers study: rounds of one fork per language, both on the Python claims' rows so that the
     * languages stand side by side; Java's loads of 20,000 rows are short, so it takes more blocks.
     */
    static final int PEERS_ROUNDS = 8;
    static final int PEERS_ROWS = PYTHON_CLAIMS_ROWS;
    static final int PEERS_JAVA_BLOCKS = 8;
    static final int PEERS_PYTHON_BLOCKS = 3;

    /**
     * The factor study's base point: pooled COPY binary on a few tasks, every other factor at the
     * loader's plain setting, into a table without indexes ({@link #FACTOR_BASE_SHAPE}). The factor
     * benchmark's parameter defaults are this point (a test checks it), so running that class alone
     * measures the base.
     */
    static final LoadPlan FACTOR_BASE = new LoadPlan(Protocol.COPY_BINARY, ConnectionMode.POOLED, 4,
            ExecutorKind.PLATFORM, 5_000, Chunking.FIXED, Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
    /** The base point's table: the staging table every other benchmark fills. */
    static final TableShape FACTOR_BASE_SHAPE = TableShape.HEAP;
    /** The base point's transport. */
    static final Transport FACTOR_BASE_TRANSPORT = Transport.TCP;
    /**
     * The protocols each table shape is measured with: plain and rewritten executeBatch (the
     * driver's own switch), and both COPY formats the pooled COPY strategy offers.
     */
    static final List<Protocol> SHAPE_PROTOCOLS = List.of(Protocol.BATCH, Protocol.BATCH_REWRITE, Protocol.COPY_BINARY,
            Protocol.COPY_CSV);

    private static final List<Protocol> COPY_FORMATS = List.of(Protocol.COPY_BINARY, Protocol.COPY_CSV);

    private Profiles() {
    }

    /**
     * Every profile in the order the usage text lists them, described as README.md's and
     * docs/running.md's profile tables describe them (a test keeps them equal): the times are those
     * measured where a run was measured, else the estimate.
     */
    static final List<ProfileSummary> SUMMARIES = List.of(
            new ProfileSummary("smoke", "does everything run here?",
                    "every benchmark method once, one factor point into an indexed table, "
                    + "pooled executeBatch over TLS, a claim through a 2 ms latency relay, and a scale fork in each "
                    + "language (22 configurations)",
                    "about 1.5 minutes"),
            new ProfileSummary("quick", "a first look at the four strategies",
                    "the four strategies under study over a few chunk sizes and task counts, both COPY formats, the "
                    + "ceilings, and psql and the parallel ceilings interleaved with pooled COPY in 3 rounds (36 "
                    + "configurations)", "about 9.5 minutes (estimate)"),
            new ProfileSummary("claims", "do the original loader's claims hold?",
                    "every claim of the original loader, each by its arms interleaved shot by shot and paired, in Java "
                    + "and in the Python port (96 forks, each on its own fresh server: 6 claims x 8 rounds in Java, "
                    + "and in Python on 20,000 rows)",
                    "40 to 73 minutes measured from fresh clones, build included (4 runs; 52 estimated)"),
            new ProfileSummary("network", "which verdicts move when the server is a network away?",
                    "every claim of the original loader, arms interleaved and paired as in claims, in Java and the "
                    + "Python port, on loopback and through a latency relay adding 2 and 20 ms per round trip, and "
                    + "the relay's own cost A/A (111 forks: 6 claims x 2 languages x 3 round-trip times x 3 rounds, "
                    + "and 3 A/A forks; Python on 10,000 rows)", "about 60 minutes (estimate)"),
            new ProfileSummary("scale", "how does the cost grow with the load?",
                    "the original loader before and after, the sync baseline and pooled COPY binary from 10,000 rows "
                    + "to 10,000,000 (after refused there as too large), and the Python port's before and after to "
                    + "1,000,000: time, CPU and WAL per row and the memory held at each size, in 3 rounds up to "
                    + "100,000 rows and one from a million, one measured shot at ten million (47 forks planned; the "
                    + "sizes that would not fit are refused)",
                    "about 50 minutes (estimate; 69 measured in a fresh clone on the slower of two machines this "
                            + "suite ran on)"),
            new ProfileSummary("scale-claims", "do the verdicts hold at a million rows?",
                    "the conversion, adaptive and end-to-end claims in Java at 100,000 and 1,000,000 rows, arms "
                    + "interleaved and paired as in claims, in 2 rounds (15 forks planned; ten million rows are "
                    + "refused)",
                    "about 31 minutes (estimate; 19 when these forks ran within one scale run)"),
            new ProfileSummary("python-peers", "what would a Python user pick instead?",
                    "asyncpg's binary COPY, psycopg's binary COPY and its executemany with and without a pipeline "
                    + "beside the original loader before and after, in the Python port, and before, after and the "
                    + "suite's best pooled COPY in Java, arms interleaved and paired, on 20,000 rows (16 forks: 2 "
                    + "languages x 8 rounds)",
                    "26 minutes measured in a fresh clone (1 run; 17 estimated)"),
            new ProfileSummary("references", "how close does pooled COPY come to psql and the server's own COPY?",
                    "pooled COPY binary (20,000 rows per chunk, 2 and 4 tasks) against psql \\copy "
                    + "and the parallel ceiling, interleaved shot by shot on 1,000,000 rows, in 8 rounds (16 forks)",
                    "about 42 minutes per server (estimate)"),
            new ProfileSummary("versions", "does the picture hold on PostgreSQL 15 to 17?",
                    "the four strategies at their best quick configurations, the ceilings, and psql and the parallel "
                    + "ceilings interleaved with pooled COPY (12 configurations), on the embedded PostgreSQL 17, 16 "
                    + "and 15 one after another, and on --pg-bin's server when given",
                    "about 3.5 minutes per server (estimate)"),
            new ProfileSummary("standard", "the full matrix, the batch paths, table shapes and transports",
                    "the four strategies' full matrix: chunk sizes 500 to 50,000, tasks 1 to 8; and the batch paths "
                    + "(rewritten batch, multi-row VALUES, unnest) against plain executeBatch at 1,000 and 10,000 rows "
                    + "per chunk; and the table shapes (no index, primary key, primary key and two indexes, UNLOGGED) "
                    + "with plain and rewritten executeBatch and both COPY formats; and the transports (TCP, TLS, "
                    + "Unix-domain socket) under a new connection per chunk and pooled executeBatch at 1,000 rows per "
                    + "chunk and pooled COPY binary at 5,000, two tasks; and COPY FREEZE as a further ceiling; and "
                    + "psql and the parallel ceilings interleaved with pooled COPY in 3 rounds (104 configurations); "
                    + "then the best configurations and the ceilings again on a server of the bulk profile (13 "
                    + "configurations)", "about 62 minutes (estimate)"),
            new ProfileSummary("thesis", "everything, on a million rows",
                    "the standard matrix, the original loader before/after, and the one-factor-at-a-time study of "
                    + "protocol, connections, executor, conversion, chunking, chunk size, tasks and transport, the "
                    + "table shapes and the transports (129 configurations); then the best configurations and the "
                    + "ceilings again on a server of the bulk profile (13 configurations)",
                    "about 13 hours (estimate)"));

    public static List<String> names() {
        return SUMMARIES.stream().map(ProfileSummary::name).toList();
    }

    /** The profile with this name as a run with {@link #FIXED_SEED} would run it. */
    public static Optional<Profile> named(String name) {
        return named(name, FIXED_SEED);
    }

    /** The profile with this name, its rounds ordered (where it shuffles them) from the run's seed. */
    public static Optional<Profile> named(String name, long seed) {
        return switch (name) {
            case "smoke" -> Optional.of(smoke());
            case "quick" -> Optional.of(quick());
            case "claims" -> Optional.of(claims(seed));
            case "network" -> Optional.of(network(seed));
            case "scale" -> Optional.of(scale(seed));
            case "scale-claims" -> Optional.of(scaleClaims(seed));
            case "python-peers" -> Optional.of(pythonPeers(seed, PythonLoader.missingDrivers()));
            case "versions" -> Optional.of(versions());
            case "references" -> Optional.of(references());
            case "standard" -> Optional.of(standard());
            case "thesis" -> Optional.of(thesis());
            default -> Optional.empty();
        };
    }

    /**
     * CI-sized: every benchmark class at least once on 2,000 rows; one warm-up shot keeps trial
     * setup out of the measured allocations.
     */
    static Profile smoke() {
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, values(CHUNK_SIZE, List.of(500))));
        all.addAll(cross(NEW_CONNECTION, values(CHUNK_SIZE, List.of(500), TASKS, List.of(2), TRANSPORT, TCP)));
        // TLS once: it works on an external server too, where the smoke test runs; the socket needs a server of ours
        all.addAll(cross(POOLED_BATCH, values(CHUNK_SIZE, List.of(500), TASKS, List.of(2),
                TRANSPORT, List.of(Transport.TCP, Transport.TLS))));
        all.addAll(cross(POOLED_COPY,
                values(CHUNK_SIZE, List.of(500), TASKS, List.of(2), FORMAT, List.of(Protocol.COPY_BINARY),
                TRANSPORT, TCP)));
        all.addAll(cross(ORIGINAL, values(VARIANT, List.of(OriginalVariant.values()), TASKS, List.of(2))));
        // one indexed table, so that CI fills a shape other than the plain heap through JMH
        all.addAll(factorStudy(values(Parameter.PROTOCOL, List.of(Protocol.BATCH),
                Parameter.TABLE_SHAPE, List.of(TableShape.PRIMARY_KEY_AND_INDEXES)), FACTOR_BASE.withTasks(2)));
        all.addAll(ceilings(List.of(2)));
        all.add(new Configuration(Catalogue.FROZEN_COPY_CEILING, Map.of()));
        all.add(new Configuration(Catalogue.INTERLEAVED_REFERENCES,
                params(CHUNK_SIZE, 500, TASKS, 2, Parameter.ROUND, 1), new Configuration.Shots(1, 6)));
        all.add(claimFork(OriginalClaim.CONVERSION, 1, 1, 2));
        all.add(claimFork(Language.PYTHON, OriginalClaim.CONVERSION, 1, 1, 2, null));
        // the latency relay once under a claim whose arms connect per chunk and through a pool, and its A/A
        all.add(claimFork(OriginalClaim.POOL, 1, 1, 2).with(Parameter.RTT, RoundTripDelay.ofMillis(2)));
        all.add(new Configuration(Catalogue.RELAY_COST, params(Parameter.ROUND, 1), new Configuration.Shots(2, 4)));
        // the scale study's fork in both languages: streamed rows in Java, rows generated by the Python worker
        all.add(scaleFork(ScaleStrategy.AFTER, Language.JAVA, 1, 2_000));
        all.add(scaleFork(ScaleStrategy.BEFORE, Language.PYTHON, 1, 2_000));
        return new Profile("smoke", "CI-sized check that every benchmark runs and verifies", 2_000, 1, 1, 2, all);
    }

    /** The default: the four strategies and the ceilings on 100,000 rows, a few chunk sizes and task counts. */
    static Profile quick() {
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, values(CHUNK_SIZE, List.of(1_000, 5_000, 20_000))));
        all.addAll(cross(NEW_CONNECTION,
                values(CHUNK_SIZE, List.of(1_000, 5_000), TASKS, List.of(2, 4), TRANSPORT, TCP)));
        all.addAll(cross(POOLED_BATCH, values(CHUNK_SIZE, List.of(1_000, 5_000, 20_000), TASKS, List.of(1, 2, 4),
                TRANSPORT, TCP)));
        all.addAll(cross(POOLED_COPY, values(CHUNK_SIZE, List.of(5_000, 20_000), TASKS, List.of(1, 2, 4),
                FORMAT, COPY_FORMATS, TRANSPORT, TCP)));
        all.addAll(ceilings(List.of(1, 2, 4)));
        return new Profile("quick", "the four strategies and the ceilings, a few chunk sizes and task counts",
                100_000, 1, 1, 5, withInterleavedReferences(all, List.of(1, 2, 4), INTERLEAVED_ROUNDS));
    }

    /**
     * Pooled COPY binary against psql and the parallel ceiling, nothing else: a million rows,
     * {@link #REFERENCES_ROUNDS} rounds of interleaved forks at two and four tasks, for a ratio
     * whose interval spans rounds. With {@code --pg-bin} or {@code --pg-version} it runs per server.
     */
    static Profile references() {
        return new Profile("references", "pooled COPY against psql and the parallel ceiling, interleaved, in rounds",
                1_000_000, 1, 1, 5, withInterleavedReferences(List.of(), List.of(2, 4), REFERENCES_ROUNDS));
    }

    /** The embedded majors of the versions profile: the shaded default first, as the reference of its ratios. */
    static final List<EmbeddedVersion> VERSIONS = List.of(EmbeddedVersion.PG17, EmbeddedVersion.PG16,
            EmbeddedVersion.PG15);

    /**
     * PostgreSQL's major version as a factor: {@link #bestConfigurations()} on every major of
     * {@link #VERSIONS} under the same settings.
     */
    static Profile versions() {
        return new Profile("versions",
                "the four strategies at their best quick configurations on several PostgreSQL majors",
                100_000, 1, 1, 5, bestConfigurations(), null, VERSIONS, List.of());
    }

    /**
     * Each strategy at its best configuration in quick runs on the 2-core machine (sync 5,000 rows
     * per chunk; new connection per chunk and pooled executeBatch 5,000 x 2 tasks; pooled COPY
     * binary 5,000 x 4 tasks), with the ceilings and psql as the server's references: what is
     * compared across servers.
     */
    static List<Configuration> bestConfigurations() {
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, values(CHUNK_SIZE, List.of(5_000))));
        all.addAll(cross(NEW_CONNECTION, values(CHUNK_SIZE, List.of(5_000), TASKS, List.of(2), TRANSPORT, TCP)));
        all.addAll(cross(POOLED_BATCH, values(CHUNK_SIZE, List.of(5_000), TASKS, List.of(2), TRANSPORT, TCP)));
        all.addAll(cross(POOLED_COPY, values(CHUNK_SIZE, List.of(5_000), TASKS, List.of(4),
                FORMAT, List.of(Protocol.COPY_BINARY), TRANSPORT, TCP)));
        all.addAll(ceilings(List.of(2, 4)));
        return withInterleavedReferences(all, List.of(2, 4), INTERLEAVED_ROUNDS);
    }

    /**
     * What the bulk server profile changes: the best configurations and the COPY FREEZE ceiling (which
     * skips WAL only under the bulk profile's wal_level=minimal), measured again on a bulk server
     * after the durable run.
     */
    static List<Configuration> bulkComparison() {
        List<Configuration> all = new ArrayList<>(bestConfigurations());
        all.add(new Configuration(Catalogue.FROZEN_COPY_CEILING, Map.of()));
        return all;
    }

    /**
     * The original loader's claims ({@link OriginalClaim}): each claim's arms interleaved shot by
     * shot in forks of {@link #CLAIMS_BLOCKS} blocks; {@link #CLAIMS_ROUNDS} rounds, each running
     * every claim's fork once, the claims of a round in a random order, so that slow drift over
     * the run reaches every claim in every round; the order is drawn from the run's seed. Every fork
     * starts its own server (a fresh data directory) and JVM, so that a round replicates at the
     * level that varies: the interval over rounds includes the variation between server instances.
     */
    static Profile claims(long seed) {
        List<List<Configuration>> rounds = new ArrayList<>();
        for (int round = 1; round <= CLAIMS_ROUNDS; round++) {
            List<Configuration> forks = new ArrayList<>();
            for (OriginalClaim claim : originalClaims()) {
                forks.add(claimFork(claim, round, CLAIMS_WARMUP_BLOCKS, CLAIMS_BLOCKS.get(claim)));
                if (round <= PYTHON_CLAIMS_ROUNDS) {
                    forks.add(claimFork(Language.PYTHON, claim, round, CLAIMS_WARMUP_BLOCKS, PYTHON_CLAIMS_BLOCKS,
                            PYTHON_CLAIMS_ROWS));
                }
            }
            rounds.add(forks);
        }
        return new Profile("claims", "every claim of the original loader, arms interleaved and paired, "
                + CLAIMS_ROUNDS + " rounds", CLAIMS_ROWS, 1, 0, 1, shuffled(rounds, seed), seed, List.of(), List.of());
    }

    /**
     * The claims at several distances ({@link #NETWORK_RTTS}): every claim's forks in Java and in the
     * Python port at each round-trip time, {@link #NETWORK_ROUNDS} rounds, each round's forks (every
     * claim, language and round-trip time, and one A/A fork of the relay) in a random order from the
     * run's seed, so that drift over the run reaches every level alike. Blocks per fork are half the
     * claims profile's (at least 4 in Java).
     */
    static Profile network(long seed) {
        List<List<Configuration>> rounds = new ArrayList<>();
        for (int round = 1; round <= NETWORK_ROUNDS; round++) {
            List<Configuration> forks = new ArrayList<>();
            for (RoundTripDelay rtt : NETWORK_RTTS) {
                for (OriginalClaim claim : originalClaims()) {
                    forks.add(claimFork(Language.JAVA, claim, round, CLAIMS_WARMUP_BLOCKS,
                            Math.max(4, (CLAIMS_BLOCKS.get(claim) + 1) / 2), null).with(Parameter.RTT, rtt));
                    forks.add(claimFork(Language.PYTHON, claim, round, CLAIMS_WARMUP_BLOCKS, PYTHON_CLAIMS_BLOCKS,
                            PYTHON_NETWORK_ROWS).with(Parameter.RTT, rtt));
                }
            }
            forks.add(new Configuration(Catalogue.RELAY_COST, params(Parameter.ROUND, round),
                    new Configuration.Shots(2 * RELAY_COST_WARMUP_BLOCKS, 2 * RELAY_COST_BLOCKS), null));
            rounds.add(forks);
        }
        return new Profile("network", "every claim of the original loader on loopback and through a latency relay "
                + "adding " + NETWORK_RTTS.subList(1, NETWORK_RTTS.size()) + ", " + NETWORK_ROUNDS + " rounds",
                NETWORK_ROWS, 1, 0, 1, shuffled(rounds, seed), seed, List.of(), List.of());
    }

    /**
     * Each scale strategy in each of its languages at every size of {@link #SCALE_ROWS} up to its
     * {@link #largestScaleRows}, one fork per round ({@link #SCALE_ROUNDS}); each round's forks in a random order
     * from the run's seed, sizes together so that drift over the run does not follow the size. A size that would
     * not fit is in the plan, and the preflight refuses it in one line.
     */
    static Profile scale(long seed) {
        int mostRounds = SCALE_ROUNDS.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<List<Configuration>> rounds = new ArrayList<>();
        for (int round = 1; round <= mostRounds; round++) {
            List<Configuration> forks = new ArrayList<>();
            for (int rows : SCALE_ROWS) {
                if (round > SCALE_ROUNDS.get(rows)) {
                    continue;
                }
                for (ScaleStrategy strategy : ScaleStrategy.values()) {
                    for (Language language : strategy.languages()) {
                        if (rows <= largestScaleRows(strategy, language)) {
                            forks.add(scaleFork(strategy, language, round, rows));
                        }
                    }
                }
            }
            rounds.add(forks);
        }
        int largest = SCALE_ROWS.get(SCALE_ROWS.size() - 1);
        return new Profile("scale", "each strategy's time per row and memory held from " + SCALE_ROWS.get(0)
                + " to " + largest + " rows", largest, 1, 0, 1, shuffled(rounds, seed), seed, List.of(), List.of());
    }

    /**
     * The claims whose verdicts may depend on the size ({@link #SCALE_CLAIMS}) in Java at
     * {@link #SCALE_CLAIM_ROWS}, arms interleaved as in the claims profile, {@link #SCALE_CLAIM_ROUNDS} rounds
     * whose forks are shuffled from the run's seed; the largest size is planned once and refused, as its held
     * dataset would not fit.
     */
    static Profile scaleClaims(long seed) {
        List<List<Configuration>> rounds = new ArrayList<>();
        for (int round = 1; round <= SCALE_CLAIM_ROUNDS; round++) {
            List<Configuration> forks = new ArrayList<>();
            for (int rows : round == 1 ? SCALE_CLAIM_ROWS : SCALE_CLAIM_ROWS.subList(0, 2)) {
                for (OriginalClaim claim : SCALE_CLAIMS) {
                    forks.add(claimFork(Language.JAVA, claim, round, CLAIMS_WARMUP_BLOCKS, SCALE_CLAIM_BLOCKS, rows));
                }
            }
            rounds.add(forks);
        }
        // the largest size that fits is the profile's headline size
        return new Profile("scale-claims", "the claims whose verdicts may depend on the size, at " + SCALE_CLAIM_ROWS
                + " rows", SCALE_CLAIM_ROWS.get(1), 1, 0, 1, shuffled(rounds, seed), seed, List.of(), List.of());
    }

    /** The rounds one after another, each round's forks in a random order drawn from the run's seed. */
    private static List<Configuration> shuffled(List<List<Configuration>> rounds, long seed) {
        Random random = new Random(seed);
        List<Configuration> all = new ArrayList<>();
        for (List<Configuration> round : rounds) {
            List<Configuration> forks = new ArrayList<>(round);
            Collections.shuffle(forks, random);
            all.addAll(forks);
        }
        return all;
    }

    static Configuration scaleFork(ScaleStrategy strategy, Language language, int round, int rows) {
        return new Configuration(Catalogue.SCALE, params(Parameter.STRATEGY, strategy, Parameter.LANGUAGE, language,
                Parameter.ROUND, round), scaleShots(rows), rows);
    }

    /** One fork of a claim run by the Java port: its arms in blocks of one shot each. */
    static Configuration claimFork(OriginalClaim claim, int round, int warmupBlocks, int blocks) {
        return claimFork(Language.JAVA, claim, round, warmupBlocks, blocks, null);
    }

    /**
     * One fork of a claim run by one port: its arms in blocks of one shot each.
     *
     * @param rows rows per load, or null for the run's
     */
    static Configuration claimFork(Language language, OriginalClaim claim, int round, int warmupBlocks, int blocks,
            Integer rows) {
        int arms = language.arms(claim).size();
        return new Configuration(Catalogue.claimForks(language), params(Parameter.CLAIM, claim, Parameter.ROUND, round),
                new Configuration.Shots(warmupBlocks * arms, blocks * arms), rows);
    }

    /** A fork of the Python port's claims that leaves out the arms {@code leftOut} names (comma-separated ids). */
    static Configuration pythonClaimFork(OriginalClaim claim, int round, int warmupBlocks, int blocks, Integer rows,
            String leftOut) {
        if (leftOut.isEmpty()) {
            return claimFork(Language.PYTHON, claim, round, warmupBlocks, blocks, rows);
        }
        int arms = Language.PYTHON.arms(claim, leftOut).size();
        return new Configuration(Catalogue.PYTHON_CLAIM, params(Parameter.CLAIM, claim, Parameter.ROUND, round,
                Parameter.LEFT_OUT, leftOut), new Configuration.Shots(warmupBlocks * arms, blocks * arms), rows);
    }

    /** The claims of the original's write-up, which the claims and network profiles measure. */
    static List<OriginalClaim> originalClaims() {
        return Arrays.stream(OriginalClaim.values()).filter(OriginalClaim::ofTheOriginal).toList();
    }

    /**
     * The Python peers beside the original loader ({@link OriginalClaim#PYTHON_PEERS}): in each of
     * {@link #PEERS_ROUNDS} rounds one fork per language on the same {@link #PEERS_ROWS} rows, arms interleaved
     * and paired as in the claims profile, the round's two forks in a random order from the run's seed. The
     * Python forks leave out the arms whose driver this interpreter lacks ({@code missing}), and the profile's
     * purpose says so in one line, naming the package.
     */
    static Profile pythonPeers(long seed, Map<PythonDriver, String> missing) {
        String leftOut = Language.PYTHON.arms(OriginalClaim.PYTHON_PEERS).stream()
                .filter(arm -> missing.containsKey(arm.driver())).map(Arm::id).collect(Collectors.joining(","));
        List<List<Configuration>> rounds = new ArrayList<>();
        for (int round = 1; round <= PEERS_ROUNDS; round++) {
            rounds.add(List.of(claimFork(Language.JAVA, OriginalClaim.PYTHON_PEERS, round, CLAIMS_WARMUP_BLOCKS,
                            PEERS_JAVA_BLOCKS, PEERS_ROWS),
                    pythonClaimFork(OriginalClaim.PYTHON_PEERS, round, CLAIMS_WARMUP_BLOCKS, PEERS_PYTHON_BLOCKS,
                            PEERS_ROWS, leftOut)));
        }
        String left = leftOut.isEmpty() ? "" : "; the Python arm " + leftOut + " left out: "
                + String.join("; ", missing.values());
        return new Profile("python-peers", "what a Python user would pick instead, beside the original loader, "
                + PEERS_ROUNDS + " rounds" + left, PEERS_ROWS, 1, 0, 1,
                shuffled(rounds, seed), seed, List.of(), List.of());
    }

    /**
     * The full matrix on 100,000 rows, two forks, the batch paths against plain executeBatch, the table
     * shapes and the transports; then {@link #bulkComparison()} on a bulk server.
     */
    static Profile standard() {
        List<Configuration> all = new ArrayList<>(fullMatrix());
        all.addAll(batchPaths());
        all.addAll(tableShapes());
        all.addAll(transports());
        return new Profile("standard", "the full matrix of the four strategies, the batch paths, the table shapes and "
                + "the transports; the best configurations again on a bulk server", 100_000, 2, 2, 5,
                withInterleavedReferences(distinct(all), MATRIX_TASKS, INTERLEAVED_ROUNDS))
                .withBulkComparison(bulkComparison());
    }

    /** A million rows: the full matrix, the original loader and the one-factor-at-a-time study, three forks. */
    static Profile thesis() {
        List<Configuration> all = new ArrayList<>(fullMatrix());
        all.addAll(batchPaths());
        all.addAll(tableShapes());
        all.addAll(transports());
        all.addAll(cross(ORIGINAL, values(VARIANT, List.of(OriginalVariant.values()), TASKS, List.of(1, 2, 4, 8))));
        all.addAll(factorStudy(values(
                Parameter.PROTOCOL, List.of(Protocol.BATCH, Protocol.BATCH_REWRITE, Protocol.MULTI_VALUES,
                        Protocol.UNNEST, Protocol.COPY_TEXT, Protocol.COPY_CSV, Protocol.COPY_BINARY),
                Parameter.CONNECTIONS, List.of(ConnectionMode.PER_CHUNK, ConnectionMode.POOLED),
                Parameter.EXECUTOR, List.of(ExecutorKind.PLATFORM, ExecutorKind.VIRTUAL),
                Parameter.CONVERSION, List.of(Conversion.UPFRONT, Conversion.PER_CHUNK),
                CHUNK_SIZE, List.of(1_000, 5_000, 20_000, 50_000),
                TASKS, List.of(1, 2, 4, 8),
                TRANSPORT, List.of(Transport.values())), FACTOR_BASE));
        // connections=SINGLE only exists with one task: compared with POOLED at one task
        all.addAll(factorStudy(values(Parameter.CONNECTIONS, List.of(ConnectionMode.SINGLE, ConnectionMode.POOLED)),
                FACTOR_BASE.withTasks(1)));
        // the adaptive rule only acts below 1,000 rows per chunk
        all.addAll(factorStudy(values(Parameter.CHUNKING, List.of(Chunking.FIXED, Chunking.ADAPTIVE)),
                FACTOR_BASE.withChunkSize(500)));
        return new Profile("thesis", "a million rows: full matrix, transports, original loader, one factor at a time; "
                + "the best configurations again on a bulk server", 1_000_000, 3, 2, 5,
                withInterleavedReferences(distinct(all), MATRIX_TASKS, INTERLEAVED_ROUNDS))
                .withBulkComparison(bulkComparison());
    }

    /** The task counts of the full matrix. */
    private static final List<Integer> MATRIX_TASKS = List.of(1, 2, 4, 8);

    private static List<Configuration> fullMatrix() {
        List<Integer> tasks = MATRIX_TASKS;
        List<Configuration> all = new ArrayList<>();
        all.addAll(cross(SYNC, values(CHUNK_SIZE, List.of(500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000))));
        all.addAll(cross(NEW_CONNECTION,
                values(CHUNK_SIZE, List.of(1_000, 5_000, 20_000), TASKS, tasks, TRANSPORT, TCP)));
        all.addAll(cross(POOLED_BATCH,
                values(CHUNK_SIZE, List.of(1_000, 5_000, 20_000), TASKS, tasks, TRANSPORT, TCP)));
        all.addAll(cross(POOLED_COPY, values(CHUNK_SIZE, List.of(1_000, 5_000, 20_000, 50_000), TASKS, tasks,
                FORMAT, COPY_FORMATS, TRANSPORT, TCP)));
        all.addAll(ceilings(tasks));
        // the fastest single-session path; it skips WAL only under the bulk server profile
        all.add(new Configuration(Catalogue.FROZEN_COPY_CEILING, Map.of()));
        return all;
    }

    /**
     * The INSERT-based protocols (rewritten batch, multi-row VALUES, unnest) against plain
     * executeBatch at 1,000 and 10,000 rows per chunk, everything else at the factor base.
     */
    static List<Configuration> batchPaths() {
        List<Configuration> all = new ArrayList<>();
        for (Protocol protocol : List.of(Protocol.BATCH, Protocol.BATCH_REWRITE, Protocol.MULTI_VALUES,
                Protocol.UNNEST)) {
            for (int chunkSize : List.of(1_000, 10_000)) {
                all.add(factorPoint(FACTOR_BASE.withProtocol(protocol).withChunkSize(chunkSize)));
            }
        }
        return all;
    }

    /**
     * Every table shape with each of {@link #SHAPE_PROTOCOLS}, everything else at the factor base:
     * what a primary key, two secondary indexes or skipping the WAL cost each way of sending rows.
     * The shape varies fastest, so that a run cut short has compared every shape for the first
     * protocols.
     */
    static List<Configuration> tableShapes() {
        List<Configuration> all = new ArrayList<>();
        for (Protocol protocol : SHAPE_PROTOCOLS) {
            for (TableShape shape : TableShape.values()) {
                all.add(factorPoint(FACTOR_BASE.withProtocol(protocol), shape));
            }
        }
        return all;
    }

    /**
     * What connecting and sending cost over each transport (TCP, TLS, the Unix-domain socket): a new
     * connection per chunk against pooled executeBatch at 1,000 rows per chunk on two tasks, and
     * pooled COPY binary at 5,000 on two tasks. The TCP points are also in the full matrix and
     * counted once.
     */
    static List<Configuration> transports() {
        List<Transport> all = List.of(Transport.values());
        List<Configuration> configurations = new ArrayList<>();
        configurations.addAll(cross(NEW_CONNECTION,
                values(CHUNK_SIZE, List.of(1_000), TASKS, List.of(2), TRANSPORT, all)));
        configurations.addAll(cross(POOLED_BATCH,
                values(CHUNK_SIZE, List.of(1_000), TASKS, List.of(2), TRANSPORT, all)));
        configurations.addAll(cross(POOLED_COPY, values(CHUNK_SIZE, List.of(5_000), TASKS, List.of(2),
                FORMAT, List.of(Protocol.COPY_BINARY), TRANSPORT, all)));
        return configurations;
    }

    /**
     * Pooled COPY against psql and the parallel ceiling, measured fairly: one
     * {@link Catalogue#INTERLEAVED_REFERENCES} fork per task count in every round, the rounds
     * spread over the run (round k after k/rounds of the rest: its start, middle, end), so that the
     * ratios' interval over rounds spans the machine's drift. What those forks measure (psql, the
     * parallel ceiling with those tasks, pooled COPY binary at {@link #INTERLEAVED_CHUNK}) is taken
     * out of the rest, so that each is measured once, interleaved.
     */
    static List<Configuration> withInterleavedReferences(List<Configuration> all, List<Integer> tasks, int rounds) {
        List<Configuration> rest = all.stream().filter(c -> !measuredInterleaved(c, tasks)).toList();
        List<Configuration> spread = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int t : tasks) {
                spread.add(new Configuration(Catalogue.INTERLEAVED_REFERENCES,
                        params(CHUNK_SIZE, INTERLEAVED_CHUNK, TASKS, t, Parameter.ROUND, round), INTERLEAVED_SHOTS));
            }
            spread.addAll(rest.subList((round - 1) * rest.size() / rounds, round * rest.size() / rounds));
        }
        return spread;
    }

    /** Whether an interleaved fork with one of these task counts measures this configuration. */
    private static boolean measuredInterleaved(Configuration configuration, List<Integer> tasks) {
        Map<Parameter, Object> params = configuration.params();
        boolean sameTasks = params.get(TASKS) instanceof Integer t && tasks.contains(t);
        return switch (configuration.entry()) {
            case PSQL_COPY -> true;
            case PARALLEL_CEILING -> sameTasks;
            case POOLED_COPY -> sameTasks && Integer.valueOf(INTERLEAVED_CHUNK).equals(params.get(CHUNK_SIZE))
                    && params.get(FORMAT) == Protocol.COPY_BINARY && params.get(TRANSPORT) == Transport.TCP;
            default -> false;
        };
    }

    /** Both single-session ceilings, the parallel ceiling for each task count, and psql. */
    private static List<Configuration> ceilings(List<Integer> tasks) {
        List<Configuration> all = new ArrayList<>();
        all.add(new Configuration(Catalogue.INSERT_SELECT_CEILING, Map.of()));
        all.add(new Configuration(Catalogue.SERVER_COPY_CEILING, Map.of()));
        all.addAll(cross(Catalogue.PARALLEL_CEILING, values(TASKS, tasks)));
        all.add(new Configuration(Catalogue.PSQL_COPY, Map.of()));
        return all;
    }

    /**
     * The base point, then for each factor each of its values with every other factor at the
     * base; duplicates of the base are dropped.
     */
    private static List<Configuration> factorStudy(Map<Parameter, List<?>> factors, LoadPlan base) {
        Map<Parameter, Object> baseParams = factorParams(base);
        List<Configuration> points = new ArrayList<>();
        points.add(new Configuration(FACTOR, baseParams));
        factors.forEach((factor, choices) -> {
            for (Object value : choices) {
                Map<Parameter, Object> point = new LinkedHashMap<>(baseParams);
                point.put(factor, value);
                points.add(new Configuration(FACTOR, point));
            }
        });
        return distinct(points);
    }

    private static Configuration factorPoint(LoadPlan plan) {
        return factorPoint(plan, FACTOR_BASE_SHAPE);
    }

    private static Configuration factorPoint(LoadPlan plan, TableShape shape) {
        return new Configuration(FACTOR, factorParams(plan, shape));
    }

    /** A load plan into the base point's table as the factor benchmark's parameters. */
    static Map<Parameter, Object> factorParams(LoadPlan plan) {
        return factorParams(plan, FACTOR_BASE_SHAPE);
    }

    /** A load plan and a table shape as the factor benchmark's parameters, in the order the catalogue lists them. */
    static Map<Parameter, Object> factorParams(LoadPlan plan, TableShape shape) {
        return params(Parameter.PROTOCOL, plan.protocol(), Parameter.CONNECTIONS, plan.connections(),
                Parameter.EXECUTOR, plan.executor(), Parameter.CONVERSION, plan.conversion(),
                Parameter.CHUNKING, plan.chunking(), CHUNK_SIZE, plan.chunkSize(), TASKS, plan.tasks(),
                Parameter.TABLE_SHAPE, shape, TRANSPORT, FACTOR_BASE_TRANSPORT);
    }

    /** Every combination of the given values for one benchmark, the first parameter varying slowest. */
    static List<Configuration> cross(Catalogue benchmark, Map<Parameter, List<?>> values) {
        if (!benchmark.parameters().containsAll(values.keySet())) {
            throw new IllegalArgumentException(benchmark.id() + " has no parameter among " + values.keySet()
                    + "; its parameters are " + benchmark.parameters());
        }
        List<Map<Parameter, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        values.forEach((parameter, choices) -> {
            List<Map<Parameter, Object>> next = new ArrayList<>();
            for (Map<Parameter, Object> partial : combinations) {
                for (Object choice : choices) {
                    Map<Parameter, Object> extended = new LinkedHashMap<>(partial);
                    extended.put(parameter, choice);
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

    /** Parameters and their value lists, in the order written: (parameter, list of its values) pairs. */
    private static Map<Parameter, List<?>> values(Object... parametersAndChoices) {
        Map<Parameter, List<?>> map = new LinkedHashMap<>();
        for (int i = 0; i < parametersAndChoices.length; i += 2) {
            Parameter parameter = parameterAt(parametersAndChoices, i);
            if (!(parametersAndChoices[i + 1] instanceof List<?> choices)) {
                throw new IllegalArgumentException(parameter + " needs a list of values, not "
                        + parametersAndChoices[i + 1]);
            }
            choices.forEach(parameter::text); // each of the parameter's type, or an error naming it
            map.put(parameter, choices);
        }
        return map;
    }

    /**
     * One value per parameter, in the order written: (parameter, value) pairs; the configuration
     * checks each's type.
     */
    private static Map<Parameter, Object> params(Object... parametersAndValues) {
        Map<Parameter, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < parametersAndValues.length; i += 2) {
            Parameter parameter = parameterAt(parametersAndValues, i);
            map.put(parameter, parametersAndValues[i + 1]);
        }
        return map;
    }

    private static Parameter parameterAt(Object[] pairs, int i) {
        if (pairs.length % 2 != 0 || !(pairs[i] instanceof Parameter parameter)) {
            throw new IllegalArgumentException("not (parameter, value) pairs: " + java.util.Arrays.toString(pairs));
        }
        return parameter;
    }
}
