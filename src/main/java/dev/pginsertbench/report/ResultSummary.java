package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Family;
import dev.pginsertbench.bench.Parameter;
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
     * Rows in the order of the JSON entries. The claims study's entries are left out: their score
     * mixes several arms ({@link ClaimsReport} reads them).
     */
    public static List<SummaryRow> of(JsonNode results, double averageRowBytes) {
        List<SummaryRow> measured = new ArrayList<>();
        for (JsonNode node : results) {
            if (!ClaimShotResults.isClaimEntry(node)) {
                measured.add(row(node, averageRowBytes));
            }
        }
        List<SummaryRow> rows = new ArrayList<>(measured.size());
        for (SummaryRow row : measured) {
            Map<Reference, Interval> ratios = new EnumMap<>(Reference.class);
            for (Reference reference : Reference.values()) {
                measured.stream().filter(candidate -> reference.matches(candidate, row))
                        .max(Comparator.comparingDouble(SummaryRow::rowsPerSecond))
                        .ifPresent(fastest -> ratios.put(reference,
                                fastest == row ? Interval.exact(1) : row.times().speedupOver(fastest.times())));
            }
            rows.add(row.withRatios(ratios));
        }
        return rows;
    }

    private static SummaryRow row(JsonNode node, double averageRowBytes) {
        String name = node.path("benchmark").asText();
        Optional<Catalogue> entry = Catalogue.byName(name);
        String benchmark = name.startsWith(Catalogue.PACKAGE) ? name.substring(Catalogue.PACKAGE.length()) : name;
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.path("params").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            params.put(field.getKey(), field.getValue().asText());
        }
        String rowsParam = params.remove(Parameter.ROWS.field());
        if (rowsParam == null) {
            throw new IllegalArgumentException(name + " has no 'rows' parameter");
        }
        long rows = Long.parseLong(rowsParam);
        JsonNode primary = node.path("primaryMetric");
        if (!"s/op".equals(primary.path("scoreUnit").asText())) {
            throw new IllegalArgumentException(name + ": expected single-shot times in s/op, found "
                    + primary.path("scoreUnit").asText());
        }
        ShotTimes times = ShotTimes.of(perShotValues(primary));
        if (times.n() == 0) {
            throw new IllegalArgumentException(name + " " + params + ": no shot times in primaryMetric.rawData");
        }
        JsonNode secondary = node.path("secondaryMetrics");
        Interval throughput = times.rowsPerSecond(rows);
        return new SummaryRow(benchmark, entry.map(e -> e.family().id()).orElse("other"),
                entry.map(Catalogue::label).orElse(benchmark), params, rows, node.path("forks").asInt(1), times,
                throughput, throughput.estimate() * averageRowBytes / 1e6,
                perShotMean(secondary, "clientCpuNsPerRow"), perShotMean(secondary, "serverCpuNsPerRow"),
                perShotMean(secondary, "walBytesPerRow"),
                metric(secondary, "gc.alloc.rate.norm").map(m -> number(m.path("score")) / rows).orElse(Double.NaN),
                perShotMax(secondary, "peakHeapGrowth"),
                entry.filter(e -> e.family() != Family.CEILING && e.family() != Family.REFERENCE).isPresent()
                        ? new SummaryRow.ChunkMetrics(perShotMean(secondary, "chunks"),
                                perShotMean(secondary, "successfulChunks"), perShotMean(secondary, "meanChunkSeconds"),
                                perShotMean(secondary, "maxChunkSeconds"))
                        : SummaryRow.ChunkMetrics.none(),
                new SummaryRow.WaitShares(perShotMean(secondary, "waitCpuShare"), perShotMean(secondary, "waitClientShare"),
                        perShotMean(secondary, "waitLockExtendShare"), perShotMean(secondary, "waitWalShare"),
                        perShotMean(secondary, "waitDataIoShare"), perShotMean(secondary, "waitOtherShare")),
                Map.of());
    }

    /** A counter's mean per shot; NaN when the run did not record it. */
    private static double perShotMean(JsonNode secondary, String key) {
        return metric(secondary, key).map(m -> DoubleStream.of(perShotValues(m)).average().orElse(Double.NaN))
                .orElse(Double.NaN);
    }

    /** The largest per-shot value: the worst shot bounds a strategy's working memory. */
    private static double perShotMax(JsonNode secondary, String key) {
        return metric(secondary, key).map(m -> DoubleStream.of(perShotValues(m)).max().orElse(Double.NaN))
                .orElse(Double.NaN);
    }

    /**
     * A metric's values, one per measured shot of every fork: {@code rawData} holds them per fork.
     * (JMH sums EVENTS counters over all shots in {@code score}; {@code rawData} keeps each.)
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
