package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Some measured shots of one or more JMH entries, read as one configuration: every shot of an
 * entry, or the shots one arm ran in interleaved forks (several entries: one per round). A
 * metric's values come from its {@code rawData}, fork by fork, shot by shot, kept where the
 * selector says so.
 */
final class EntryShots {

    /** Which shot of an entry's fork to keep: (fork, shot), both 0-based. */
    interface Selector extends BiPredicate<Integer, Integer> {
    }

    private final List<JsonNode> entries;
    private final List<Selector> selectors;

    private EntryShots(List<JsonNode> entries, List<Selector> selectors) {
        this.entries = List.copyOf(entries);
        this.selectors = List.copyOf(selectors);
    }

    /** Every measured shot of one entry. */
    static EntryShots all(JsonNode entry) {
        return new EntryShots(List.of(entry), List.of(ALL));
    }

    private static final Selector ALL = (fork, shot) -> true;

    /** The selected shots of each entry. */
    static EntryShots selected(List<JsonNode> entries, List<Selector> selectors) {
        return new EntryShots(entries, selectors);
    }

    /** These shots and those of the others, as one configuration. */
    static EntryShots join(List<EntryShots> parts) {
        List<JsonNode> entries = new ArrayList<>();
        List<Selector> selectors = new ArrayList<>();
        for (EntryShots part : parts) {
            entries.addAll(part.entries);
            selectors.addAll(part.selectors);
        }
        return new EntryShots(entries, selectors);
    }

    /** The primary metric's values: shot times in seconds. */
    double[] times() {
        return values(entry -> Optional.of(entry.path("primaryMetric")));
    }

    /** A counter's values; empty when the run did not record it. */
    double[] secondary(Counter counter) {
        return values(entry -> ResultSummary.metric(entry.path("secondaryMetrics"), counter));
    }

    /**
     * A secondary metric's {@code score} when the shots are all of one entry (results written
     * without per-shot values of it); NaN otherwise, as a score mixes an interleaved fork's arms.
     */
    double score(Counter counter) {
        if (entries.size() != 1 || selectors.size() != 1 || selectors.get(0) != ALL) {
            return Double.NaN;
        }
        return ResultSummary.metric(entries.get(0).path("secondaryMetrics"), counter)
                .map(metric -> ResultSummary.number(metric.path("score"))).orElse(Double.NaN);
    }

    /** JMH forks the shots came from. */
    int forks() {
        int forks = 0;
        for (JsonNode entry : entries) {
            forks += entry.path("primaryMetric").path("rawData").size();
        }
        return forks;
    }

    private double[] values(java.util.function.Function<JsonNode, Optional<JsonNode>> metricOf) {
        List<Double> values = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            Optional<JsonNode> metric = metricOf.apply(entries.get(e));
            if (metric.isEmpty()) {
                continue;
            }
            JsonNode forks = metric.get().path("rawData");
            for (int fork = 0; fork < forks.size(); fork++) {
                for (int shot = 0; shot < forks.get(fork).size(); shot++) {
                    if (selectors.get(e).test(fork, shot)) {
                        values.add(ResultSummary.number(forks.get(fork).get(shot)));
                    }
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
