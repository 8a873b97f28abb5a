package dev.pginsertbench.load;

import java.util.Objects;

/**
 * One point in the factor space (docs/design.md): everything that decides how a dataset is inserted.
 * Immutable and validated at construction, so a bad value fails here, naming the field, and not
 * halfway through a load. The four strategies under study and the original loader's
 * before/after are named presets.
 *
 * @param protocol    how rows travel (BATCH, COPY_BINARY, ...)
 * @param connections where each chunk's connection comes from
 * @param tasks       chunks in flight at once (1 for SINGLE)
 * @param executor    platform thread pool or virtual threads
 * @param chunkSize   rows per chunk (one transaction each) before the chunking rule
 * @param chunking    FIXED, or ADAPTIVE (the original rule)
 * @param conversion  convert records up front or inside each chunk
 * @param errorPolicy what a failed chunk does to the others
 */
public record LoadPlan(
        Protocol protocol,
        ConnectionMode connections,
        int tasks,
        ExecutorKind executor,
        int chunkSize,
        Chunking chunking,
        Conversion conversion,
        ErrorPolicy errorPolicy) {

    /**
     * The pooled COPY preset's format: the faster of binary and CSV on this suite's data
     * (docs/design.md#factor-space).
     */
    public static final Protocol DEFAULT_COPY = Protocol.COPY_BINARY;
    /** The original loader's fixed chunk size. */
    public static final int ORIGINAL_CHUNK_SIZE = 5_000;

    public LoadPlan {
        Objects.requireNonNull(protocol, "protocol must be set");
        Objects.requireNonNull(connections, "connections must be set");
        Objects.requireNonNull(executor, "executor must be set");
        Objects.requireNonNull(chunking, "chunking must be set");
        Objects.requireNonNull(conversion, "conversion must be set");
        Objects.requireNonNull(errorPolicy, "errorPolicy must be set");
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, was " + tasks);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
        if (connections == ConnectionMode.SINGLE && tasks != 1) {
            throw new IllegalArgumentException("tasks must be 1 with connections=SINGLE (one connection cannot run "
                    + "chunks in parallel), was " + tasks);
        }
    }

    /** The sync baseline: one connection, executeBatch, one chunk at a time. */
    public static LoadPlan syncBaseline(int chunkSize) {
        return new LoadPlan(Protocol.BATCH, ConnectionMode.SINGLE, 1, ExecutorKind.PLATFORM, chunkSize,
                Chunking.FIXED, Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
    }

    /** A new DriverManager connection per chunk, executeBatch, {@code tasks} chunks in flight. */
    public static LoadPlan newConnectionPerChunk(int chunkSize, int tasks) {
        return new LoadPlan(Protocol.BATCH, ConnectionMode.PER_CHUNK, tasks, ExecutorKind.PLATFORM, chunkSize,
                Chunking.FIXED, Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
    }

    /** A HikariCP pool, executeBatch. */
    public static LoadPlan pooledBatch(int chunkSize, int tasks) {
        return new LoadPlan(Protocol.BATCH, ConnectionMode.POOLED, tasks, ExecutorKind.PLATFORM, chunkSize,
                Chunking.FIXED, Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
    }

    /** A HikariCP pool, parallel COPY in the default format. */
    public static LoadPlan pooledCopy(int chunkSize, int tasks) {
        return pooledCopy(DEFAULT_COPY, chunkSize, tasks);
    }

    /** A HikariCP pool, parallel COPY in the given format. */
    public static LoadPlan pooledCopy(Protocol copyFormat, int chunkSize, int tasks) {
        if (!copyFormat.isCopy()) {
            throw new IllegalArgumentException("protocol must be a COPY format for pooled COPY, was " + copyFormat);
        }
        return new LoadPlan(copyFormat, ConnectionMode.POOLED, tasks, ExecutorKind.PLATFORM, chunkSize,
                Chunking.FIXED, Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
    }

    /** The original loader before its rewrite: new connection per chunk, executemany, converting per chunk. */
    public static LoadPlan originalBefore(int tasks) {
        return new LoadPlan(Protocol.BATCH, ConnectionMode.PER_CHUNK, tasks, ExecutorKind.PLATFORM,
                ORIGINAL_CHUNK_SIZE, Chunking.FIXED, Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
    }

    /**
     * The original loader after its rewrite: pooled COPY in text format (psycopg's {@code copy()}
     * with {@code write_row} sends text), records converted once, adaptive chunking. Its pool of 1
     * to 5 connections is {@link LoaderOptions#originalLoader()}.
     */
    public static LoadPlan originalAfter(int tasks) {
        return new LoadPlan(Protocol.COPY_TEXT, ConnectionMode.POOLED, tasks, ExecutorKind.PLATFORM,
                ORIGINAL_CHUNK_SIZE, Chunking.ADAPTIVE, Conversion.UPFRONT, ErrorPolicy.CONTINUE);
    }

    public LoadPlan withProtocol(Protocol value) {
        return new LoadPlan(value, connections, tasks, executor, chunkSize, chunking, conversion, errorPolicy);
    }

    public LoadPlan withConnections(ConnectionMode value) {
        return new LoadPlan(protocol, value, tasks, executor, chunkSize, chunking, conversion, errorPolicy);
    }

    public LoadPlan withTasks(int value) {
        return new LoadPlan(protocol, connections, value, executor, chunkSize, chunking, conversion, errorPolicy);
    }

    public LoadPlan withExecutor(ExecutorKind value) {
        return new LoadPlan(protocol, connections, tasks, value, chunkSize, chunking, conversion, errorPolicy);
    }

    public LoadPlan withChunkSize(int value) {
        return new LoadPlan(protocol, connections, tasks, executor, value, chunking, conversion, errorPolicy);
    }

    public LoadPlan withChunking(Chunking value) {
        return new LoadPlan(protocol, connections, tasks, executor, chunkSize, value, conversion, errorPolicy);
    }

    public LoadPlan withConversion(Conversion value) {
        return new LoadPlan(protocol, connections, tasks, executor, chunkSize, chunking, value, errorPolicy);
    }

    public LoadPlan withErrorPolicy(ErrorPolicy value) {
        return new LoadPlan(protocol, connections, tasks, executor, chunkSize, chunking, conversion, value);
    }

    @Override
    public String toString() {
        return protocol + "/" + connections + " tasks=" + tasks + " " + executor + " chunk=" + chunkSize + " "
                + chunking + " conversion=" + conversion + " " + errorPolicy;
    }
}
