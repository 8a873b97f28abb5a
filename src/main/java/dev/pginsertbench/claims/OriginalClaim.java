package dev.pginsertbench.claims;

import dev.pginsertbench.load.ChunkPlan;
import dev.pginsertbench.load.Chunking;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.Conversion;
import dev.pginsertbench.load.ExecutorKind;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.load.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The original loader's claims, each with the arms that test it and the comparisons that decide
 * it. Every arm but the baselines is the original loader AFTER its rewrite ({@link #after()})
 * with exactly one factor set back or changed, so a comparison isolates the one change the
 * claim is about; the end-to-end claim and the sync baseline differ in several factors by
 * definition.
 *
 * <p>How the Java port differs from the Python original, and why:
 * <ul>
 *   <li>Parallelism: {@value #TASKS} chunks in flight on platform threads (or virtual threads),
 *       where the original ran asyncio tasks on one event loop; the client here is not limited
 *       to one core by an interpreter lock.</li>
 *   <li>COPY: pgjdbc's CopyManager in PostgreSQL's text format, the format psycopg's
 *       {@code copy()} with {@code write_row} sends; executemany is pgjdbc's
 *       {@code executeBatch} of single-row INSERTs.</li>
 *   <li>Pool: HikariCP with the original's sizes, 1 to 5 connections; the minimum connection is
 *       opened when the loader is built, before any timed load, and further ones when chunks
 *       wait for one, as psycopg_pool grows. Before its rewrite the original opened a new
 *       connection per chunk, as does the arm here.</li>
 *   <li>Conversion: a record is encoded into its COPY row (or bound values), once. Up front means
 *       all rows before the first chunk; per chunk means inside each chunk's task. The original's
 *       "duplicate work" (a pydantic model converted to a dict per chunk) has no Java
 *       counterpart: the per-chunk arm converts each row exactly once too, so this claim tests
 *       where the conversion happens, not whether it is repeated.</li>
 * </ul>
 */
public enum OriginalClaim {

    COPY("copy", "COPY instead of executemany: 2-5x faster inserts per chunk",
            List.of(after(), arm("copy_batch", OriginalClaim.POOLED_BATCH_LABEL, Protocol.BATCH),
                    arm("copy_csv", "pooled COPY, CSV", Protocol.COPY_CSV),
                    arm("copy_binary", "pooled COPY, binary", Protocol.COPY_BINARY)),
            List.of(speedup("text_per_chunk", "COPY text vs executeBatch, mean chunk time", "after",
                            Measure.MEAN_CHUNK_TIME, true),
                    speedup("text_end_to_end", "COPY text vs executeBatch, whole load", "after",
                            Measure.WALL_TIME, false),
                    speedup("csv_per_chunk", "COPY CSV vs executeBatch, mean chunk time", "copy_csv",
                            Measure.MEAN_CHUNK_TIME, false),
                    speedup("csv_end_to_end", "COPY CSV vs executeBatch, whole load", "copy_csv",
                            Measure.WALL_TIME, false),
                    speedup("binary_per_chunk", "COPY binary vs executeBatch, mean chunk time", "copy_binary",
                            Measure.MEAN_CHUNK_TIME, false),
                    speedup("binary_end_to_end", "COPY binary vs executeBatch, whole load", "copy_binary",
                            Measure.WALL_TIME, false))),

    POOL("pool", "Connection pooling: 10-20 % faster (less connection overhead)",
            List.of(after(), new Arm("new_connection_per_chunk", "a new connection per chunk",
                    after().plan().withConnections(ConnectionMode.PER_CHUNK), LoaderOptions.defaults())),
            List.of(timeSaved("pooled_vs_per_chunk", "pool of 1-5 vs a new connection per chunk, whole load", "after",
                    "new_connection_per_chunk", 10.0, 20.0, true))),

    CONVERSION("conversion", "Single conversion: 5-10 % faster (no duplicate work); memory slightly higher",
            List.of(after(), after().as("convert_per_chunk", "rows converted inside each chunk",
                    after().plan().withConversion(Conversion.PER_CHUNK))),
            List.of(timeSaved("upfront_vs_per_chunk", "converted up front vs in each chunk, whole load", "after",
                            "convert_per_chunk", 5.0, 10.0, true),
                    new ClaimComparison("retained_memory",
                            "memory held at the load's fullest moment, up front vs in each chunk",
                            "after", "convert_per_chunk", Measure.RETAINED_HEAP, ClaimUnit.PERCENT_OF_DATASET_MORE, 0.0,
                            OriginalClaim.SLIGHTLY_MORE_PERCENT, true),
                    peakRss("peak RSS growth of the process during a load, up front vs in each chunk",
                            "convert_per_chunk", OriginalClaim.SLIGHTLY_MORE_PERCENT))),

    ADAPTIVE("adaptive",
            "Adaptive chunking: 5-15 % faster (if chunk_size < 1000 and more than 10K rows, about 20 chunks)",
            List.of(after().as("fixed_500", "chunks of 500, fixed",
                            after().plan().withChunkSize(500).withChunking(Chunking.FIXED)),
                    after().as("adaptive_500", "chunks of 500 requested, adaptive", after().plan().withChunkSize(500)),
                    after(),
                    after().as("fixed_5000", "chunks of 5,000, fixed", after().plan().withChunking(Chunking.FIXED))),
            List.of(timeSaved("fires_at_500", "adaptive vs fixed at 500 rows per chunk (the rule fires)",
                            "adaptive_500", "fixed_500", 5.0, 15.0, true),
                    timeSaved("no_fire_at_5000", "adaptive vs fixed at 5,000 rows per chunk (the rule does not fire)",
                            "after", "fixed_5000", 5.0, 15.0, false))),

    END_TO_END("end_to_end", "All together: 30-50 % faster; 34 minutes -> 20-25 minutes",
            List.of(before(), after()),
            List.of(timeSaved("as_34_to_20_25_min", "after vs before, read as the author's minutes: 34 -> 20-25 min",
                            "after", "before", 100 * (1 - 25.0 / 34), 100 * (1 - 20.0 / 34), true),
                    timeSaved("as_time_saved", "after vs before, \"30-50 % faster\" read as 30-50 % less time", "after",
                            "before", 30.0, 50.0, false),
                    timeSaved("as_speed", "after vs before, \"30-50 % faster\" read as 1.3-1.5x the speed", "after",
                            "before", 100 * (1 - 1 / 1.3), 100 * (1 - 1 / 1.5), false))),

    SYNC_VS_ASYNC("sync_vs_async", "Async now faster than sync, while still using more memory",
            List.of(new Arm("sync", "sync baseline: one connection, executeBatch, one chunk at a time",
                            LoadPlan.syncBaseline(OriginalClaim.ORIGINAL_CHUNK), LoaderOptions.defaults()),
                    after(),
                    after().as("after_virtual", "the after loader on virtual threads",
                            after().plan().withExecutor(ExecutorKind.VIRTUAL))),
            List.of(timeSaved("speed", "after (parallel) vs sync, whole load", "after", "sync", 0.0, null, true),
                    new ClaimComparison("retained_memory", "memory held at the load's fullest moment, after vs sync",
                            "after", "sync", Measure.RETAINED_HEAP, ClaimUnit.PERCENT_OF_DATASET_MORE, 0.0, null, true),
                    peakRss("peak RSS growth of the process during a load, after vs sync", "sync", null),
                    timeSaved("virtual_vs_platform", "after on virtual vs platform threads, whole load",
                            "after_virtual", "after", null, null, false))),

    /**
     * Not a claim of the original: what a Python user would pick instead of the rewritten loader, measured beside
     * it in the same blocks. In Python: asyncpg's binary COPY, psycopg's binary COPY with the column types set,
     * psycopg's executemany with its pipeline (as psycopg 3.1 runs it where libpq has one) and without; the
     * original before and after. In Java: before, after and the suite's best pooled COPY, for the side-by-side
     * table. No range is claimed: each comparison is a ratio to "after" with its interval.
     */
    PYTHON_PEERS("python_peers", "Not the original's claim: what a Python user would pick instead of the rewritten "
            + "loader",
            List.of(before(), after(), arm("copy_binary", "pooled COPY, binary", Protocol.COPY_BINARY),
                    new Arm("asyncpg_copy", "asyncpg copy_records_to_table (binary COPY)",
                            after().plan().withProtocol(Protocol.COPY_BINARY), after().options(),
                            PythonDriver.ASYNCPG),
                    arm("copy_batch", OriginalClaim.POOLED_BATCH_LABEL, Protocol.BATCH),
                    new Arm("executemany_no_pipeline", "pooled executemany outside a pipeline, row by row",
                            after().plan().withProtocol(Protocol.BATCH), after().options(),
                            PythonDriver.PSYCOPG_NO_PIPELINE),
                    new Arm("pooled_copy", "pooled COPY: binary, 20,000 rows per chunk, the suite's best",
                            LoadPlan.pooledCopy(Protocol.COPY_BINARY, OriginalClaim.BEST_COPY_CHUNK,
                                    OriginalClaim.TASKS), LoaderOptions.defaults(), PythonDriver.NONE)),
            List.of(peer("asyncpg_copy_vs_after", "asyncpg's binary COPY vs after, whole load", "asyncpg_copy", true),
                    peer("copy_binary_vs_after", "psycopg's binary COPY vs after, whole load", "copy_binary", false),
                    peer("executemany_vs_after", "psycopg's executemany (pipeline) vs after, whole load", "copy_batch",
                            false),
                    peer("no_pipeline_vs_after", "executemany outside a pipeline vs after, whole load",
                            "executemany_no_pipeline", false),
                    new ClaimComparison("pipeline", "executemany in a pipeline vs outside one, whole load",
                            "copy_batch", "executemany_no_pipeline", Measure.WALL_TIME, ClaimUnit.TIMES_FASTER, null,
                            null, false),
                    peer("best_copy_vs_after", "the suite's best pooled COPY vs after, whole load", "pooled_copy",
                            false),
                    peer("after_vs_before", "after vs before, whole load", "after", false)));

    /**
     * Chunks in flight in every parallel arm: the cores of the machine the study was made for, and
     * the original's example.
     */
    public static final int TASKS = 2;
    /**
     * "Memory slightly higher", read as: more memory held, by at most this percentage of the
     * dataset's own size in memory. Holding a tenth of the rows again is still "slightly"; holding
     * every row a second time, which grows with the load until it no longer fits, is not.
     */
    public static final double SLIGHTLY_MORE_PERCENT = 10.0;
    /** The original loader's chunk size. */
    public static final int ORIGINAL_CHUNK = LoadPlan.ORIGINAL_CHUNK_SIZE;
    /** The pooled batch arm's label, the same wherever it appears (one id, one arm). */
    static final String POOLED_BATCH_LABEL = "pooled executeBatch (Python: executemany)";
    /** Rows per chunk of the suite's best pooled COPY: the interleaved references' chunk. */
    public static final int BEST_COPY_CHUNK = 20_000;

    private final String id;
    private final String statement;
    private final List<Arm> arms;
    private final List<ClaimComparison> comparisons;

    OriginalClaim(String id, String statement, List<Arm> arms, List<ClaimComparison> comparisons) {
        this.id = id;
        this.statement = statement;
        this.arms = List.copyOf(arms);
        this.comparisons = List.copyOf(comparisons);
        for (ClaimComparison comparison : comparisons) {
            arm(comparison.changed());
            arm(comparison.original());
        }
    }

    /** The original loader before its rewrite, as ported: the end-to-end claim's other side. */
    public static Arm before() {
        return new Arm("before", "the original loader before its rewrite", LoadPlan.originalBefore(OriginalClaim.TASKS),
                LoaderOptions.defaults());
    }

    /** The suite's best pooled COPY (binary, 20,000 rows per chunk), measured beside the Python peers in Java. */
    public static Arm bestPooledCopy() {
        return PYTHON_PEERS.arm("pooled_copy");
    }

    /** The sync baseline: the sync-vs-async claim's other side. */
    public static Arm syncBaseline() {
        return SYNC_VS_ASYNC.arm("sync");
    }

    /** The original loader after its rewrite, as ported: the point every one-factor arm starts from. */
    public static Arm after() {
        return new Arm("after", "the original loader after its rewrite", LoadPlan.originalAfter(TASKS),
                LoaderOptions.originalLoader());
    }

    public String id() {
        return id;
    }

    /** What figures and tables call the claim, short enough for an axis. */
    public String title() {
        return switch (this) {
            case COPY -> "COPY";
            case POOL -> "pool";
            case CONVERSION -> "conversion";
            case ADAPTIVE -> "adaptive chunking";
            case END_TO_END -> "end to end";
            case SYNC_VS_ASYNC -> "sync vs async";
            case PYTHON_PEERS -> "Python peers";
        };
    }

    /** The claim as the original author wrote it (shortened). */
    public String statement() {
        return statement;
    }

    public List<Arm> arms() {
        return arms;
    }

    public List<ClaimComparison> comparisons() {
        return comparisons;
    }

    /** Whether a comparison of this claim needs each arm's retained memory, probed once per fork. */
    public boolean probesRetainedMemory() {
        return comparisons.stream().anyMatch(c -> c.measure() == Measure.RETAINED_HEAP);
    }

    /** The arm with this id. */
    public Arm arm(String armId) {
        return arms.stream().filter(a -> a.id().equals(armId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(name() + " has no arm " + armId));
    }

    /** The claim with this id ({@code copy}) or enum name ({@code COPY}). */
    public static OriginalClaim of(String idOrName) {
        for (OriginalClaim claim : values()) {
            if (claim.id.equals(idOrName) || claim.name().equals(idOrName.toUpperCase(Locale.ROOT))) {
                return claim;
            }
        }
        throw new IllegalArgumentException("unknown claim '" + idOrName + "'");
    }

    /** Whether the adaptive rule changes the chunk size of an arm for this many rows. */
    public static boolean adaptiveRuleFires(Arm arm, int rows) {
        return ChunkPlan.of(rows, arm.plan().chunkSize(), arm.plan().chunking()).chunkSize() != arm.plan().chunkSize();
    }

    private static Arm arm(String id, String label, Protocol protocol) {
        return after().as(id, label, after().plan().withProtocol(protocol));
    }

    /** A Python peer's speed against "after" (or after's against before): no range claimed. */
    private static ClaimComparison peer(String id, String comparison, String changed, boolean primary) {
        return new ClaimComparison(id, comparison, changed, changed.equals("after") ? "before" : "after",
                Measure.WALL_TIME, ClaimUnit.TIMES_FASTER, null, null, primary);
    }

    /** Whether this is a claim of the original loader's write-up (every entry but the Python peers). */
    public boolean ofTheOriginal() {
        return this != PYTHON_PEERS;
    }

    private static ClaimComparison speedup(String id, String comparison, String copyArm, Measure measure,
            boolean primary) {
        return new ClaimComparison(id, comparison, copyArm, "copy_batch", measure, ClaimUnit.TIMES_FASTER,
                2.0, 5.0, primary);
    }

    /**
     * More memory claimed (up to {@code claimedHigh}), as the process's peak RSS shows it: the
     * Python port's measure.
     */
    private static ClaimComparison peakRss(String comparison, String original, Double claimedHigh) {
        return new ClaimComparison("peak_rss", comparison, "after", original, Measure.PEAK_RSS,
                ClaimUnit.PERCENT_OF_DATASET_MORE, 0.0, claimedHigh, false);
    }

    private static ClaimComparison timeSaved(String id, String comparison, String changed, String original, Double low,
            Double high, boolean primary) {
        return new ClaimComparison(id, comparison, changed, original, Measure.WALL_TIME, ClaimUnit.PERCENT_LESS_TIME,
                low, high, primary);
    }
}
