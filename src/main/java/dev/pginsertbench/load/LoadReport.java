package dev.pginsertbench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one load did. Rows that did not land are never silent: they are counted as failed (their
 * chunk failed and was rolled back) or not run (FAIL_FAST stopped before their chunk started),
 * and the first errors say where and why.
 *
 * @param plan             the plan executed
 * @param chunkSize        effective rows per chunk after the chunking rule
 * @param rowsRequested    rows handed to the loader
 * @param rowsInserted     rows in committed chunks
 * @param rowsFailed       rows in failed (rolled back) chunks
 * @param rowsNotRun       rows in chunks that never started
 * @param chunksTotal      chunks planned
 * @param chunksSucceeded  chunks committed
 * @param chunksFailed     chunks failed and rolled back
 * @param chunksNotRun     chunks never started
 * @param wallTime         from the start of the load (conversion included) to the last chunk's end
 * @param bytesSent        COPY bytes written to the server (0 for non-COPY protocols)
 * @param meanChunkTime    mean time of the chunks that ran (connection acquisition to commit)
 * @param p50ChunkTime     median chunk time
 * @param maxChunkTime     slowest chunk
 * @param failedChunks     indices of all failed chunks, ascending
 * @param notRunChunks     indices of all chunks that never ran, ascending
 * @param firstErrors      up to {@value #MAX_ERRORS} errors, in chunk order
 */
public record LoadReport(
        LoadPlan plan,
        int chunkSize,
        long rowsRequested,
        long rowsInserted,
        long rowsFailed,
        long rowsNotRun,
        int chunksTotal,
        int chunksSucceeded,
        int chunksFailed,
        int chunksNotRun,
        Duration wallTime,
        long bytesSent,
        Duration meanChunkTime,
        Duration p50ChunkTime,
        Duration maxChunkTime,
        List<Integer> failedChunks,
        List<Integer> notRunChunks,
        List<ChunkError> firstErrors) {

    public static final int MAX_ERRORS = 10;

    public LoadReport {
        failedChunks = List.copyOf(failedChunks);
        notRunChunks = List.copyOf(notRunChunks);
        firstErrors = List.copyOf(firstErrors);
    }

    /** True when every requested row was committed. */
    public boolean complete() {
        return rowsInserted == rowsRequested && chunksFailed == 0 && chunksNotRun == 0;
    }

    public double rowsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds == 0 ? 0 : rowsInserted / seconds;
    }

    /** COPY payload throughput in MB/s (10^6 bytes). */
    public double megabytesPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds == 0 ? 0 : bytesSent / 1e6 / seconds;
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(240);
        line.append(String.format(Locale.ROOT, "%s: %d of %d rows in %.3f s (%,.0f rows/s", plan, rowsInserted,
                rowsRequested, wallTime.toNanos() / 1e9, rowsPerSecond()));
        if (bytesSent > 0) {
            line.append(String.format(Locale.ROOT, ", %.1f MB/s", megabytesPerSecond()));
        }
        line.append(String.format(Locale.ROOT, "), chunks of %d: %d ok, %d failed, %d not run; chunk ms mean %.1f p50 %.1f max %.1f",
                chunkSize, chunksSucceeded, chunksFailed, chunksNotRun, meanChunkTime.toNanos() / 1e6,
                p50ChunkTime.toNanos() / 1e6, maxChunkTime.toNanos() / 1e6));
        if (!firstErrors.isEmpty()) {
            line.append("; first error: ").append(firstErrors.get(0).toString().replace('\n', ' '));
        }
        return line.toString();
    }
}
