package dev.pginsertbench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a run, as the summary table shows it. Values that do not apply or are
 * unknown are {@code NaN}.
 *
 * @param benchmark              {@code Class.method}, such as {@code PooledCopyBenchmark.load}
 * @param strategy               what the benchmark measures, in words
 * @param params                 the configuration's parameters other than {@code rows}
 * @param rows                   rows loaded per shot
 * @param rowsPerSecond          {@code rows / score}
 * @param rowsPerSecondError     {@code rows * scoreError / score^2}: the score's error carried to rows/s
 *                               (first order); NaN when JMH gave no error (a single shot)
 * @param megabytesPerSecond     payload MB/s (10^6 bytes): rows/s times the dataset's average row bytes
 * @param allocatedBytesPerRow   {@code gc.alloc.rate.norm / rows}; NaN without {@code -prof gc}
 * @param walBytesPerRow         the {@code walBytesPerRow} counter's mean per shot
 * @param clientCpuNsPerRow      the benchmark JVM's CPU per row (mean per shot)
 * @param serverCpuNsPerRow      the local server's CPU per row (mean per shot); NaN for a remote server
 * @param peakHeapGrowthBytes    the largest per-shot rise of the benchmark JVM's heap above its start level
 * @param speedupOverSync        rows/s over the fastest sync baseline with the same rows
 * @param percentOfCeiling       100 x rows/s over the fastest {@code CeilingBenchmark} with the same rows
 * @param ratioToPsql            PooledCopy only: rows/s over {@code psql \copy} with the same rows
 * @param ratioToParallelCeiling PooledCopy only: rows/s over {@code ParallelCeilingBenchmark} with the same rows and tasks
 */
public record SummaryRow(
        String benchmark,
        String strategy,
        Map<String, String> params,
        long rows,
        double rowsPerSecond,
        double rowsPerSecondError,
        double megabytesPerSecond,
        double allocatedBytesPerRow,
        double walBytesPerRow,
        double clientCpuNsPerRow,
        double serverCpuNsPerRow,
        double peakHeapGrowthBytes,
        double speedupOverSync,
        double percentOfCeiling,
        double ratioToPsql,
        double ratioToParallelCeiling) {

    public SummaryRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
