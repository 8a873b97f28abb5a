package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Counter;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Family;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.bench.ReferenceArm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.DoubleStream;

/**
 * Turns JMH's JSON ({@code jmh-result.json}) into summary rows, every derived number computed
 * here once: throughput from the single-shot times with its interval, the per-row counters, the
 * chunk metrics, and each configuration compared with the references measured in the same run
 * ({@link Reference}). A reference missing from the run leaves its comparison NaN.
 */
public final class ResultSummary {

    private ResultSummary() {
    }

    public static List<SummaryRow> read(Path jmhResultJson, double averageRowBytes) throws IOException {
        return of(readJson(jmhResultJson), averageRowBytes);
    }

    /** A JSON file of the results folder; NaN and infinities are accepted as bare tokens, as some writers emit them. */
    public static JsonNode readJson(Path file) throws IOException {
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(file.toFile());
    }

    /**
     * Rows in the order of the JSON entries, then the interleaved reference forks' arms, each arm
     * one row over all its rounds ({@link InterleavedReferences}). The claims study's entries are
     * left out: their score mixes several arms ({@link ClaimsReport} reads them). Where the run has
     * a reference from interleaved forks it is the one compared with; pooled COPY's own interleaved
     * row takes the paired ratios over psql and the ceiling from its blocks.
     */
    public static List<SummaryRow> of(JsonNode results, double averageRowBytes) {
        return of(results, InterleavedReferences.of(results), averageRowBytes);
    }

    /** As {@link #of(JsonNode, double)}, with the interleaved forks already read from the same results. */
    public static List<SummaryRow> of(JsonNode results, List<InterleavedReferences.Group> interleaved,
            double averageRowBytes) {
        List<SummaryRow> measured = new ArrayList<>();
        for (JsonNode node : results) {
            if (!ClaimShotResults.isClaimEntry(node) && !InterleavedReferences.isEntry(node)
                    && !RelayCost.isEntry(node)) {
                measured.add(row(node, averageRowBytes));
            }
        }
        Map<SummaryRow, InterleavedReferences.Group> paired = new java.util.IdentityHashMap<>();
        measured.addAll(interleavedRows(interleaved, averageRowBytes, paired));
        List<SummaryRow> rows = new ArrayList<>(measured.size());
        for (SummaryRow row : measured) {
            Map<Reference, Interval> ratios = new EnumMap<>(Reference.class);
            for (Reference reference : Reference.values()) {
                List<SummaryRow> candidates = measured.stream()
                        .filter(candidate -> reference.matches(candidate, row)).toList();
                boolean anyInterleaved = candidates.stream().anyMatch(SummaryRow::interleaved);
                candidates.stream().filter(candidate -> candidate.interleaved() || !anyInterleaved)
                        .max(Comparator.comparingDouble(SummaryRow::rowsPerSecond))
                        .ifPresent(fastest -> ratios.put(reference,
                                fastest == row ? Interval.exact(1) : row.times().speedupOver(fastest.times())));
            }
            InterleavedReferences.Group group = paired.get(row);
            if (group != null) {
                group.ratio(ReferenceArm.PSQL).ifPresent(ratio -> ratios.put(Reference.PSQL, ratio.asRatio()));
                group.ratio(ReferenceArm.PARALLEL_CEILING)
                        .ifPresent(ratio -> ratios.put(Reference.PARALLEL_CEILING, ratio.asRatio()));
            }
            rows.add(row.withRatios(ratios));
        }
        return rows;
    }

    /**
     * The interleaved forks' arms as rows: pooled COPY per configuration, the parallel ceiling per
     * task count, psql once per server, each over all rounds (and for the references, all
     * configurations) that ran it.
     *
     * @param paired filled with each pooled COPY row's group, whose blocks give its paired ratios
     */
    private static List<SummaryRow> interleavedRows(List<InterleavedReferences.Group> groups, double averageRowBytes,
            Map<SummaryRow, InterleavedReferences.Group> paired) {
        List<SummaryRow> rows = new ArrayList<>();
        for (InterleavedReferences.Group group : groups) {
            SummaryRow pooled = row(Catalogue.POOLED_COPY, group.pooledCopyParams(), group.rows(),
                    group.of(ReferenceArm.POOLED_COPY), averageRowBytes, true);
            paired.put(pooled, group);
            rows.add(pooled);
        }
        Map<String, List<InterleavedReferences.Group>> byTasks = new LinkedHashMap<>();
        Map<String, List<InterleavedReferences.Group>> byServer = new LinkedHashMap<>();
        for (InterleavedReferences.Group group : groups) {
            byTasks.computeIfAbsent(group.server() + "/" + group.rows() + "/" + group.tasks(), k -> new ArrayList<>())
                    .add(group);
            byServer.computeIfAbsent(group.server() + "/" + group.rows(), k -> new ArrayList<>()).add(group);
        }
        for (List<InterleavedReferences.Group> same : byTasks.values()) {
            armRow(same, ReferenceArm.PARALLEL_CEILING, averageRowBytes).ifPresent(rows::add);
        }
        for (List<InterleavedReferences.Group> same : byServer.values()) {
            armRow(same, ReferenceArm.PSQL, averageRowBytes).ifPresent(rows::add);
        }
        return rows;
    }

    /** One reference arm's shots over these groups (same server and rows), if any ran it. */
    private static Optional<SummaryRow> armRow(List<InterleavedReferences.Group> groups, ReferenceArm arm,
            double averageRowBytes) {
        List<InterleavedReferences.Group> ran = groups.stream().filter(g -> g.ran(arm)).toList();
        if (ran.isEmpty()) {
            return Optional.empty();
        }
        InterleavedReferences.Group first = ran.get(0);
        Map<String, String> params = first.withServer();
        if (arm == ReferenceArm.PARALLEL_CEILING) {
            params.put(Parameter.TASKS.field(), String.valueOf(first.tasks()));
        }
        return Optional.of(row(arm.alone(), params, first.rows(),
                EntryShots.join(ran.stream().map(g -> g.of(arm)).toList()), averageRowBytes, true));
    }

    private static SummaryRow row(JsonNode node, double averageRowBytes) {
        String name = node.path("benchmark").asText();
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.path("params").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            params.put(field.getKey(), field.getValue().asText());
        }
        String rowsParam = params.remove(Parameter.ROWS.field());
        if (rowsParam == null) {
            throw new IllegalArgumentException(name + " has no 'rows' parameter");
        }
        JsonNode primary = node.path("primaryMetric");
        if (!"s/op".equals(primary.path("scoreUnit").asText())) {
            throw new IllegalArgumentException(name + ": expected single-shot times in s/op, found "
                    + primary.path("scoreUnit").asText());
        }
        return row(name, params, Long.parseLong(rowsParam), EntryShots.all(node), averageRowBytes, false);
    }

    private static SummaryRow row(Catalogue entry, Map<String, String> params, long rows, EntryShots shots,
            double averageRowBytes, boolean interleaved) {
        return row(entry.jmhName(), params, rows, shots, averageRowBytes, interleaved);
    }

    private static SummaryRow row(String name, Map<String, String> params, long rows, EntryShots shots,
            double averageRowBytes, boolean interleaved) {
        Optional<Catalogue> entry = Catalogue.byName(name);
        String benchmark = name.startsWith(Catalogue.PACKAGE) ? name.substring(Catalogue.PACKAGE.length()) : name;
        ShotTimes times = ShotTimes.of(shots.times());
        if (times.n() == 0) {
            throw new IllegalArgumentException(name + " " + params + ": no shot times in primaryMetric.rawData");
        }
        Interval throughput = times.rowsPerSecond(rows);
        String label = entry.map(Catalogue::label).orElse(benchmark) + (interleaved ? INTERLEAVED_LABEL : "");
        return new SummaryRow(benchmark, entry.map(e -> e.family().id()).orElse("other"), label, params, rows,
                shots.forks(), times, throughput, throughput.estimate() * averageRowBytes / 1e6,
                new SummaryRow.Cpu(mean(shots.secondary(Counter.CLIENT_CPU_NS_PER_ROW)),
                        mean(shots.secondary(Counter.SERVER_CPU_NS_PER_ROW))),
                mean(shots.secondary(Counter.WAL_BYTES_PER_ROW)),
                new SummaryRow.Memory(allocatedPerShot(shots) / rows, max(shots.secondary(Counter.PEAK_HEAP_GROWTH))),
                entry.filter(e -> e.family() != Family.CEILING && e.family() != Family.REFERENCE).isPresent()
                        ? new SummaryRow.ChunkMetrics(mean(shots.secondary(Counter.CHUNKS)),
                                mean(shots.secondary(Counter.SUCCESSFUL_CHUNKS)),
                                mean(shots.secondary(Counter.MEAN_CHUNK_SECONDS)),
                                mean(shots.secondary(Counter.MAX_CHUNK_SECONDS)))
                        : SummaryRow.ChunkMetrics.none(),
                new SummaryRow.WaitShares(mean(shots.secondary(Counter.WAIT_CPU_SHARE)),
                        mean(shots.secondary(Counter.WAIT_CLIENT_SHARE)),
                        mean(shots.secondary(Counter.WAIT_LOCK_EXTEND_SHARE)),
                        mean(shots.secondary(Counter.WAIT_WAL_SHARE)),
                        mean(shots.secondary(Counter.WAIT_DATA_IO_SHARE)),
                        mean(shots.secondary(Counter.WAIT_OTHER_SHARE))),
                Map.of(), interleaved);
    }

    /** Bytes allocated per shot: the mean of the per-shot values, or the score where a file has none. */
    private static double allocatedPerShot(EntryShots shots) {
        double perShot = mean(shots.secondary(Counter.ALLOCATED_BYTES_PER_SHOT));
        return Double.isNaN(perShot) ? shots.score(Counter.ALLOCATED_BYTES_PER_SHOT) : perShot;
    }

    /** What a row measured in the interleaved forks adds to its benchmark's label. */
    static final String INTERLEAVED_LABEL = " (interleaved rounds)";

    /** A counter's mean per shot; NaN when the run did not record it. */
    private static double mean(double[] values) {
        return DoubleStream.of(values).average().orElse(Double.NaN);
    }

    /** The largest per-shot value: the worst shot bounds a strategy's working memory. */
    private static double max(double[] values) {
        return DoubleStream.of(values).max().orElse(Double.NaN);
    }

    /**
     * A counter's metric; empty where the result has none (results written before the counter
     * existed, a run with {@code --no-gc}, a benchmark without that {@code @AuxCounters} class).
     *
     * @throws IllegalArgumentException where the result has a counter of the suite's kind (a plain
     *                                  name; profilers' names hold a dot) that {@link Counter} does not
     *                                  list: one renamed on one side only, which would otherwise read
     *                                  as "not measured"
     */
    static Optional<JsonNode> metric(JsonNode secondary, Counter counter) {
        secondary.fieldNames().forEachRemaining(name -> {
            if (!name.contains(".") && Counter.byKey(name).isEmpty()) {
                throw new IllegalArgumentException("secondaryMetrics has '" + name + "', a counter this version of the "
                        + "suite does not know (renamed?); results/README.md lists the counters");
            }
        });
        String key = counter.key();
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
