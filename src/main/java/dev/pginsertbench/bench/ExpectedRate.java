package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.claims.PythonDriver;
import dev.pginsertbench.claims.ScaleStrategy;
import dev.pginsertbench.load.ChunkPlan;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.RoundTripDelay;
import java.util.List;
import java.util.Map;

/**
 * The run's duration model: the rows/s one shot of a configuration is expected to reach, from
 * throughputs measured on a 2-core machine against the embedded server with durable settings
 * (the quick profile's run, made about a quarter slower because that machine is shared and often
 * is). A faster machine finishes early; the runner rescales the rest of a run as it goes.
 */
@FunctionalInterface
public interface ExpectedRate {

    /** Chunks below this many rows commit so often that the rate drops by {@link #SMALL_CHUNK_FACTOR}. */
    int SMALL_CHUNK = 1_000;
    double SMALL_CHUNK_FACTOR = 0.85;
    /** The Python port's COPY arms in text or CSV format, conversion to dicts included; binary is faster. */
    double PYTHON_COPY_RATE = 37_000;
    double PYTHON_COPY_BINARY_RATE = 59_000;
    /**
     * The Python port's executemany arms through the pool or a connection per chunk; on one sync
     * connection, twice that.
     */
    double PYTHON_EXECUTEMANY_RATE = 10_500;
    /** asyncpg's copy_records_to_table through its pool, conversion included (python-peers run, 20,000 rows). */
    double PYTHON_ASYNCPG_COPY_RATE = 26_000;
    /** psycopg's INSERTs one execute at a time, each waiting for its reply (python-peers run, 20,000 rows). */
    double PYTHON_NO_PIPELINE_RATE = 2_000;
    /** psql \\copy of the dataset in text format (80,000 to 105,000 rows/s in the references run on a million rows). */
    double PSQL_RATE = 85_000;
    /** Server-side COPY of binary files, one session or several. */
    double PARALLEL_CEILING_RATE = 280_000;
    /** Plain executeBatch through any connection mode. */
    ExpectedRate EXECUTE_BATCH = (params, rows) -> protocolRate(Protocol.BATCH);

    /**
     * @param params the configuration's parameters other than rows, each of its parameter's type
     * @param rows   rows per load
     */
    double rowsPerSecond(Map<Parameter, Object> params, int rows);

    static ExpectedRate fixed(double rowsPerSecond) {
        return (params, rows) -> rowsPerSecond;
    }

    /** A loader whose protocol is the given parameter (BATCH where the benchmark has none). */
    static ExpectedRate byProtocol(Parameter protocol) {
        return (params, rows) -> {
            Object value = params.get(protocol);
            return protocolRate(value == null ? Protocol.BATCH : (Protocol) value);
        };
    }

    /** The original loader: its "after" variant is pooled COPY, "before" executeBatch with a connection per chunk. */
    static ExpectedRate originalLoader() {
        return (params, rows) -> switch ((OriginalVariant) params.get(Parameter.VARIANT)) {
            case AFTER -> 110_000;
            case BEFORE -> 70_000;
        };
    }

    /**
     * A fork of pooled COPY interleaved with psql and the parallel ceiling: the arms take turns, so
     * its average shot runs at the harmonic mean of their rates.
     */
    static ExpectedRate interleavedReferences() {
        double pooledCopy = protocolRate(Protocol.COPY_BINARY);
        return fixed(3 / (1 / pooledCopy + 1 / PSQL_RATE + 1 / PARALLEL_CEILING_RATE));
    }

    /** An A/A fork of the latency relay: the after loader, directly and through the relay. */
    static ExpectedRate relayCost() {
        return (params, rows) -> claimArmRate(OriginalClaim.after().plan(), rows);
    }

    /**
     * A fork of the scale study: its strategy's time per row in its language as the committed scale run
     * measured it from 100,000 rows up, made about a quarter slower, as the other rates are. The claims
     * arms' rates do not carry over: on a million rows and more the sync and before loads slow far less
     * than {@link #LARGE_LOAD_FACTOR} says.
     */
    static ExpectedRate scale() {
        return (params, rows) -> {
            boolean python = params.get(Parameter.LANGUAGE) == Language.PYTHON;
            double microsPerRow = switch ((ScaleStrategy) params.get(Parameter.STRATEGY)) {
                case SYNC -> 27;
                case BEFORE -> python ? 215 : 38;
                case AFTER -> python ? 45 : 14;
                case POOLED_COPY -> 8.5;
            };
            return 1e6 / microsPerRow;
        };
    }

    /** A claims fork's average shot: its arms take turns, one shot each per block. */
    static ExpectedRate claimFork() {
        return claimFork(Language.JAVA, (arm, rows) -> claimArmRate(arm.plan(), rows));
    }

    /** A fork of the Python port's claims: as {@link #claimFork()}, at the Python port's rates. */
    static ExpectedRate pythonClaimFork() {
        return claimFork(Language.PYTHON, ExpectedRate::pythonArmRate);
    }

    private static ExpectedRate claimFork(Language language,
            java.util.function.ToDoubleBiFunction<Arm, Integer> armRate) {
        return (params, rows) -> {
            OriginalClaim claim = (OriginalClaim) params.get(Parameter.CLAIM);
            List<Arm> arms = language.arms(claim, (String) params.getOrDefault(Parameter.LEFT_OUT, ""));
            RoundTripDelay rtt = (RoundTripDelay) params.getOrDefault(Parameter.RTT, RoundTripDelay.LOOPBACK);
            double seconds = 0;
            for (Arm arm : arms) {
                seconds += 1 / armRate.applyAsDouble(arm, rows) + networkSecondsPerRow(arm.plan(), rows, rtt);
            }
            return arms.size() / seconds;
        };
    }

    /**
     * From this many rows a load runs at {@link #LARGE_LOAD_FACTOR} of the rates measured on 100,000: its WAL
     * forces checkpoints during the load (the scale run: before at 20,000 rows/s on a million rows, pooled COPY
     * binary at 83,000 on ten million).
     */
    int LARGE_LOAD_ROWS = 1_000_000;
    double LARGE_LOAD_FACTOR = 0.28;

    /** Statements pgjdbc and psycopg send before they wait for the replies of a batch, about. */
    int STATEMENTS_PER_ROUND_TRIP = 256;
    /** Round trips a chunk waits for besides its batches': begin, the statement or COPY, commit, and more. */
    int ROUND_TRIPS_PER_CHUNK = 4;
    /** What connecting adds to a chunk: TCP, startup, SCRAM's two exchanges, parameter status. */
    int ROUND_TRIPS_PER_CONNECTION = 5;

    /**
     * The time a load of this plan waits for its round trips through a relay, per row: each chunk's
     * round trips (counted through the relay in the pilot runs: about 4 for COPY, 4 plus one per 256
     * statements for executeBatch and executemany, 5 more for a new connection) times the round-trip
     * time, chunks in flight at once overlapping.
     */
    static double networkSecondsPerRow(LoadPlan plan, int rows, RoundTripDelay rtt) {
        if (!rtt.relayed()) {
            return 0;
        }
        ChunkPlan chunks = ChunkPlan.of(rows, plan.chunkSize(), plan.chunking());
        double perChunk = ROUND_TRIPS_PER_CHUNK
                + (plan.protocol().isCopy() ? 0 : (double) chunks.chunkSize() / STATEMENTS_PER_ROUND_TRIP)
                + (plan.connections() == ConnectionMode.PER_CHUNK ? ROUND_TRIPS_PER_CONNECTION : 0);
        int atOnce = Math.max(1, Math.min(plan.tasks(), chunks.chunks()));
        return chunks.chunks() * perChunk * rtt.millis() / 1e3 / atOnce / rows;
    }

    /**
     * Rows/s of an arm of the Python port, from its first claims round on the 2-core machine
     * (100,000 rows, 2 tasks, psycopg 3.1): COPY bound by the interpreter's row formatting,
     * executemany by its round trips, which asyncio's executemany made slower than the sync one.
     */
    static double pythonArmRate(Arm arm, int rows) {
        LoadPlan plan = arm.plan();
        double rate;
        if (arm.driver() == PythonDriver.ASYNCPG) {
            rate = PYTHON_ASYNCPG_COPY_RATE;
        } else if (arm.driver() == PythonDriver.PSYCOPG_NO_PIPELINE) {
            rate = PYTHON_NO_PIPELINE_RATE;
        } else if (plan.protocol().isCopy()) {
            rate = plan.protocol() == Protocol.COPY_BINARY ? PYTHON_COPY_BINARY_RATE : PYTHON_COPY_RATE;
        } else {
            rate = plan.connections() == ConnectionMode.SINGLE ? 2 * PYTHON_EXECUTEMANY_RATE : PYTHON_EXECUTEMANY_RATE;
        }
        return rows >= LARGE_LOAD_ROWS ? rate * LARGE_LOAD_FACTOR : rate;
    }

    /**
     * Rows/s of a claims arm, from the first full claims run on the 2-core machine (100,000 rows,
     * 2 tasks): the pool's protocol rate, slowed by connecting per chunk, by one connection or by
     * chunks below 1,000 rows.
     */
    static double claimArmRate(LoadPlan plan, Integer rows) {
        double rate = switch (plan.protocol()) {
            case COPY_BINARY -> 330_000;
            case COPY_TEXT, COPY_CSV -> 160_000;
            case BATCH, BATCH_REWRITE, MULTI_VALUES, UNNEST -> 130_000;
        };
        if (plan.connections() != ConnectionMode.POOLED) {
            rate *= plan.protocol().isCopy() ? 0.8 : 0.56;
        }
        if (ChunkPlan.of(rows, plan.chunkSize(), plan.chunking()).chunkSize() < SMALL_CHUNK) {
            rate *= SMALL_CHUNK_FACTOR;
        }
        return rows >= LARGE_LOAD_ROWS ? rate * LARGE_LOAD_FACTOR : rate;
    }

    /** Every protocol has its own case, so that a new one cannot silently take another's rate. */
    private static double protocolRate(Protocol protocol) {
        return switch (protocol) {
            case COPY_BINARY -> 200_000;
            case COPY_CSV, COPY_TEXT -> 110_000;
            case BATCH_REWRITE, MULTI_VALUES, UNNEST -> 90_000;
            case BATCH -> 55_000;
        };
    }
}
