package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.bench.Counter;
import java.util.Arrays;

/**
 * Completes a test's hand-written JMH entries as the suite writes them: a writer that reports one
 * counter reports all of its counters, so every counter of such a writer that a fixture leaves out
 * is added, NaN in every shot (JMH writes NaN as a string), shaped like the primary metric's shots.
 */
final class CounterFixtures {

    private CounterFixtures() {
    }

    /** The results, each entry completed. */
    static <T extends JsonNode> T completed(T results) {
        if (results.isArray()) {
            results.forEach(CounterFixtures::complete);
        } else {
            complete(results);
        }
        return results;
    }

    private static void complete(JsonNode entry) {
        ObjectNode secondary = (ObjectNode) entry.path("secondaryMetrics");
        JsonNode shots = entry.path("primaryMetric").path("rawData");
        for (Counter.Writer writer : Counter.Writer.values()) {
            boolean reports = Counter.of(writer).stream().anyMatch(counter -> secondary.has(counter.key()));
            if (!reports) {
                continue;
            }
            Arrays.stream(Counter.values()).filter(counter -> counter.writer() == writer && !secondary.has(counter.key()))
                    .forEach(counter -> {
                        ArrayNode forks = secondary.putObject(counter.key()).putArray("rawData");
                        shots.forEach(fork -> {
                            ArrayNode values = forks.addArray();
                            fork.forEach(shot -> values.add("NaN"));
                        });
                    });
        }
    }
}
