package dev.pginsertbench.report;

import dev.pginsertbench.bench.Parameter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a run with every number derived from it, computed once: summary.csv writes
 * these, summary.md shows some, the notebook draws them (results/README.md defines each).
 * Values that do not apply or were not measured are {@code NaN}.
 *
 * @param benchmark            {@code Class.method}, as the catalogue names it
 * @param family               the benchmark's role ({@code Family.id()}), or {@code other} for one not in the catalogue
 * @param label                what the benchmark measures, in words
 * @param params               the configuration's parameters other than {@code rows}
 * @param rows                 rows loaded per shot
 * @param forks                JMH forks
 * @param times                the measured shot times
 * @param throughput           rows/s with its 95 % interval
 * @param megabytesPerSecond   payload MB/s (10^6 bytes): rows/s times the dataset's average row bytes
 * @param cpu                  the client's and the server's CPU per row
 * @param walBytesPerRow       the server's WAL per row (mean per shot)
 * @param memory               what the benchmark JVM allocated per row and how far its heap rose
 * @param chunks               the loader's chunk metrics (NaN without a loader)
 * @param waits                what the server's active sessions waited for (means of the per-shot shares)
 * @param ratios               rows/s over each reference measured in the run, with 95 % intervals
 * @param interleaved          whether the shots are one arm's of the interleaved reference forks (all rounds)
 */
public record SummaryRow(
        String benchmark,
        String family,
        String label,
        Map<String, String> params,
        long rows,
        int forks,
        ShotTimes times,
        Interval throughput,
        double megabytesPerSecond,
        Cpu cpu,
        double walBytesPerRow,
        Memory memory,
        ChunkMetrics chunks,
        WaitShares waits,
        Map<Reference, Interval> ratios,
        boolean interleaved) {

    /**
     * CPU per row, means per shot.
     *
     * @param clientNsPerRow the benchmark JVM's
     * @param serverNsPerRow the local server's; NaN for a remote server
     */
    public record Cpu(double clientNsPerRow, double serverNsPerRow) {
    }

    /**
     * The benchmark JVM's memory.
     *
     * @param allocatedBytesPerRow {@code gc.alloc.rate.norm / rows}; NaN without {@code -prof gc}
     * @param heapPeakGrowthBytes  the largest per-shot rise of its heap above the shot's start level
     */
    public record Memory(double allocatedBytesPerRow, double heapPeakGrowthBytes) {
    }

    /**
     * Shares of the wait-event samples taken during the shots (0 to 1, summing to 1; NaN where the
     * run sampled none): on CPU, waiting for the client, for relation extension, for WAL, for
     * data-file I/O, for anything else.
     */
    public record WaitShares(double cpu, double client, double lockExtend, double wal, double dataIo, double other) {

        static WaitShares none() {
            return new WaitShares(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /**
     * The original loader's per-load metrics, means over the measured shots.
     *
     * @param chunks           chunks planned per load
     * @param successfulChunks chunks committed per load
     * @param meanSeconds      mean chunk time, connection acquisition to commit
     * @param maxSeconds       the slowest chunk
     */
    public record ChunkMetrics(double chunks, double successfulChunks, double meanSeconds, double maxSeconds) {

        static ChunkMetrics none() {
            return new ChunkMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    public SummaryRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        ratios = ratios.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(ratios));
    }

    /** The server it was measured on, as labelled (empty in results written before servers were labelled). */
    public String server() {
        return params.getOrDefault(Parameter.SERVER.field(), "");
    }

    /** The benchmark with its parameters other than the server: a configuration as compared across servers. */
    String configuration() {
        Map<String, String> others = new LinkedHashMap<>(params);
        others.remove(Parameter.SERVER.field());
        return benchmark + (others.isEmpty() ? "" : " " + SummaryTable.params(others));
    }

    public double rowsPerSecond() {
        return throughput.estimate();
    }

    /** The ratio to a reference, unknown when the run did not measure it. */
    public Interval ratio(Reference reference) {
        return ratios.getOrDefault(reference, Interval.unknown());
    }

    SummaryRow withRatios(Map<Reference, Interval> newRatios) {
        return new SummaryRow(benchmark, family, label, params, rows, forks, times, throughput, megabytesPerSecond, cpu,
                walBytesPerRow, memory, chunks, waits, newRatios, interleaved);
    }
}
