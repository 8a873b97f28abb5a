package dev.pginsertbench.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one load did. Rows that did not land are never silent: they are counted as failed (their
 * chunk failed and was rolled back) or not run (FAIL_FAST stopped before their chunk started),
 * and the first errors say where and why.
 *
 * @param plan         the plan executed
 * @param chunkSize    effective rows per chunk after the chunking rule
 * @param rows         what became of the rows handed to the loader
 * @param chunks       what became of the chunks planned
 * @param wallTime     from the start of the load (conversion included) to the last chunk's end
 * @param bytesSent    COPY bytes written to the server (0 for non-COPY protocols)
 * @param chunkTimes   the times of the chunks that ran (connection acquisition to commit)
 * @param failedChunks indices of all failed chunks, ascending
 * @param notRunChunks indices of all chunks that never ran, ascending
 * @param firstErrors  up to {@value #MAX_ERRORS} errors, in chunk order
 */
public record LoadReport(LoadPlan plan, int chunkSize, Rows rows, Chunks chunks, Duration wallTime, long bytesSent,
        ChunkTimes chunkTimes, List<Integer> failedChunks, List<Integer> notRunChunks, List<ChunkError> firstErrors) {

    /**
     * @param requested handed to the loader
     * @param inserted  in committed chunks
     * @param failed    in failed (rolled back) chunks
     * @param notRun    in chunks that never started
     */
    public record Rows(long requested, long inserted, long failed, long notRun) {
    }

    /**
     * @param total     planned
     * @param succeeded committed
     * @param failed    failed and rolled back
     * @param notRun    never started
     */
    public record Chunks(int total, int succeeded, int failed, int notRun) {
    }

    /** Mean, median and slowest time of the chunks that ran. */
    public record ChunkTimes(Duration mean, Duration p50, Duration max) {
    }

    public static final int MAX_ERRORS = 10;

    public LoadReport {
        failedChunks = List.copyOf(failedChunks);
        notRunChunks = List.copyOf(notRunChunks);
        firstErrors = List.copyOf(firstErrors);
    }

    /** True when every requested row was committed. */
    public boolean complete() {
        return rows.inserted() == rows.requested() && chunks.failed() == 0 && chunks.notRun() == 0;
    }

    public double rowsPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds == 0 ? 0 : rows.inserted() / seconds;
    }

    /** COPY payload throughput in MB/s (10^6 bytes). */
    public double megabytesPerSecond() {
        double seconds = wallTime.toNanos() / 1e9;
        return seconds == 0 ? 0 : bytesSent / 1e6 / seconds;
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(240);
        line.append(String.format(Locale.ROOT, "%s: %d of %d rows in %.3f s (%,.0f rows/s", plan, rows.inserted(),
                rows.requested(), wallTime.toNanos() / 1e9, rowsPerSecond()));
        if (bytesSent > 0) {
            line.append(String.format(Locale.ROOT, ", %.1f MB/s", megabytesPerSecond()));
        }
        line.append(String.format(Locale.ROOT,
                "), chunks of %d: %d ok, %d failed, %d not run; chunk ms mean %.1f p50 %.1f max %.1f",
                chunkSize, chunks.succeeded(), chunks.failed(), chunks.notRun(), chunkTimes.mean().toNanos() / 1e6,
                chunkTimes.p50().toNanos() / 1e6, chunkTimes.max().toNanos() / 1e6));
        if (!firstErrors.isEmpty()) {
            line.append("; first error: ").append(firstErrors.get(0).toString().replace('\n', ' '));
        }
        return line.toString();
    }
}
