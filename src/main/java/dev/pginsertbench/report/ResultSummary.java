package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;

/**
 * Turns JMH's JSON ({@code jmh-result.json}) into summary rows: throughput from single-shot
 * times, and each configuration compared with the references measured in the same run (sync
 * baseline, ceilings, psql). A reference missing from the run leaves its comparison NaN.
 */
public final class ResultSummary {

    static final String PACKAGE = "dev.pginsertbench.bench.";
    static final String SYNC = "SyncBaselineBenchmark.load";
    static final String CEILING = "CeilingBenchmark.";
    static final String PARALLEL_CEILING = "ParallelCeilingBenchmark.serverCopy";
    static final String PSQL = "PsqlCopyBenchmark.psqlCopy";
    static final String POOLED_COPY = "PooledCopyBenchmark.load";

    private static final Map<String, String> STRATEGIES = Map.ofEntries(
            Map.entry(SYNC, "sync baseline (one connection, executeBatch)"),
            Map.entry("NewConnectionPerChunkBenchmark.load", "new connection per chunk, executeBatch"),
            Map.entry("PooledBatchBenchmark.load", "pooled executeBatch"),
            Map.entry(POOLED_COPY, "pooled parallel COPY"),
            Map.entry("OriginalLoaderBenchmark.load", "original loader before/after"),
            Map.entry("FactorBenchmark.load", "factor study point"),
            Map.entry("CeilingBenchmark.insertSelect", "ceiling: INSERT ... SELECT"),
            Map.entry("CeilingBenchmark.serverCopy", "ceiling: server-side COPY"),
            Map.entry(PARALLEL_CEILING, "parallel ceiling: server-side COPY"),
            Map.entry(PSQL, "psql \\copy"));

    private ResultSummary() {
    }

    public static List<SummaryRow> read(Path jmhResultJson, double averageRowBytes) throws IOException {
        return of(new ObjectMapper().readTree(jmhResultJson.toFile()), averageRowBytes);
    }

    /**
     * Rows in the order of the JSON entries. The claims study's entries are left out: their score
     * mixes several arms ({@link ClaimsReport} reads them).
     */
    public static List<SummaryRow> of(JsonNode results, double averageRowBytes) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : results) {
            if (!ClaimShotResults.isClaimEntry(node)) {
                entries.add(Entry.of(node));
            }
        }
        List<SummaryRow> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            double rate = entry.rowsPerSecond();
            boolean pooledCopy = entry.benchmark.equals(POOLED_COPY);
            rows.add(new SummaryRow(
                    entry.benchmark,
                    STRATEGIES.getOrDefault(entry.benchmark, entry.benchmark),
                    entry.paramsWithoutRows(),
                    entry.rows,
                    rate,
                    entry.rowsPerSecondError(),
                    rate * averageRowBytes / 1e6,
                    entry.allocatedBytes / entry.rows,
                    entry.walBytesPerRow,
                    entry.clientCpuNsPerRow,
                    entry.serverCpuNsPerRow,
                    entry.peakHeapGrowthBytes,
                    rate / best(entries, e -> e.benchmark.equals(SYNC) && e.rows == entry.rows),
                    100 * rate / best(entries, e -> e.benchmark.startsWith(CEILING) && e.rows == entry.rows),
                    pooledCopy ? rate / best(entries, e -> e.benchmark.equals(PSQL) && e.rows == entry.rows) : Double.NaN,
                    pooledCopy ? rate / best(entries, e -> e.benchmark.equals(PARALLEL_CEILING) && e.rows == entry.rows
                            && Objects.equals(e.params.get("tasks"), entry.params.get("tasks"))) : Double.NaN));
        }
        return rows;
    }

    /** The highest rows/s among matching entries, NaN when none matches. */
    private static double best(List<Entry> entries, Predicate<Entry> matching) {
        return entries.stream().filter(matching).mapToDouble(Entry::rowsPerSecond).max().orElse(Double.NaN);
    }

    /** What the summary needs from one JSON entry. */
    private record Entry(String benchmark, Map<String, String> params, long rows, double score, double scoreError,
            double allocatedBytes, double walBytesPerRow, double clientCpuNsPerRow, double serverCpuNsPerRow,
            double peakHeapGrowthBytes) {

        static Entry of(JsonNode node) {
            String name = node.path("benchmark").asText();
            String benchmark = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.path("params").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                params.put(field.getKey(), field.getValue().asText());
            }
            if (!params.containsKey("rows")) {
                throw new IllegalArgumentException(name + " has no 'rows' parameter");
            }
            JsonNode primary = node.path("primaryMetric");
            if (!"s/op".equals(primary.path("scoreUnit").asText())) {
                throw new IllegalArgumentException(name + ": expected single-shot times in s/op, found "
                        + primary.path("scoreUnit").asText());
            }
            JsonNode secondary = node.path("secondaryMetrics");
            long shots = node.path("measurementIterations").asLong(1) * node.path("forks").asLong(1);
            return new Entry(benchmark, params, Long.parseLong(params.get("rows")), number(primary.path("score")),
                    number(primary.path("scoreError")), metric(secondary, "gc.alloc.rate.norm").map(m -> number(m.path("score")))
                            .orElse(Double.NaN),
                    perShotMean(secondary, "walBytesPerRow", shots), perShotMean(secondary, "clientCpuNsPerRow", shots),
                    perShotMean(secondary, "serverCpuNsPerRow", shots), perShotMax(secondary, "peakHeapGrowth"));
        }

        private static double perShotMean(JsonNode secondary, String key, long shots) {
            return metric(secondary, key).map(m -> {
                double[] values = perShotValues(m);
                return values.length > 0 ? DoubleStream.of(values).average().orElseThrow() : number(m.path("score")) / shots;
            }).orElse(Double.NaN);
        }

        /** The largest per-shot value: the worst shot bounds a strategy's working memory. */
        private static double perShotMax(JsonNode secondary, String key) {
            return metric(secondary, key).map(m -> DoubleStream.of(perShotValues(m)).max().orElse(Double.NaN))
                    .orElse(Double.NaN);
        }

        double rowsPerSecond() {
            return rows / score;
        }

        double rowsPerSecondError() {
            return rows * scoreError / (score * score);
        }

        Map<String, String> paramsWithoutRows() {
            Map<String, String> rest = new LinkedHashMap<>(params);
            rest.remove("rows");
            return rest;
        }

        /**
         * An aux counter's values, one per shot. JMH sums EVENTS counters over all measured shots
         * of all forks in {@code score}; {@code rawData} keeps one value per shot.
         */
        private static double[] perShotValues(JsonNode metric) {
            List<Double> values = new ArrayList<>();
            for (JsonNode fork : metric.path("rawData")) {
                for (JsonNode shot : fork) {
                    values.add(number(shot));
                }
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** A secondary metric by key; older JMH prefixes profiler keys with a middle dot. */
    static Optional<JsonNode> metric(JsonNode secondary, String key) {
        JsonNode metric = secondary.has(key) ? secondary.get(key) : secondary.path("\u00b7" + key);
        return metric.isMissingNode() ? Optional.empty() : Optional.of(metric);
    }

    /** JMH writes NaN and infinities as strings. */
    static double number(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
