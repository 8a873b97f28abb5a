package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run over two servers, made by hand: 1,000 rows per load; on "17.6 embedded" the sync
 * baseline takes 0.5 s and pooled COPY 0.1 s; on "16.11 embedded" the sync baseline takes 1.0 s
 * (half the speed, with WAL per row 50 % higher) and pooled COPY the same 0.1 s.
 */
class ServerComparisonTest {

    private static final JsonMapper JSON = new JsonMapper();

    private static final List<SummaryRow> ROWS = ResultSummary.of(results(), 1000.0);

    @Test
    void eachRatioUsesTheReferenceOnTheSameServer() {
        SummaryRow copyOn16 = ROWS.get(3);
        assertThat(copyOn16.params()).containsEntry("server", "16.11 embedded");
        // over 16's own sync baseline (1.0 s), not 17's faster one (0.5 s)
        assertThat(copyOn16.ratio(Reference.SYNC).estimate()).isCloseTo(10.0, within(1e-9));
        assertThat(ROWS.get(1).ratio(Reference.SYNC).estimate()).isCloseTo(5.0, within(1e-9));
        assertThat(SummaryCsv.header()).contains("server");
        assertThat(SummaryCsv.of(ROWS)).contains(",1000,16.11 embedded,");
    }

    @Test
    void theServersSectionComparesEachConfigurationWithTheFirstServerAndNamesTheCounterThatMoved() {
        String section = ServerComparison.of(ROWS).orElseThrow();
        assertThat(section).contains("## Servers", "on 2 servers (17.6 embedded, 16.11 embedded;",
                "| SyncBaselineBenchmark.load chunkSize=5000 | 16.11 embedded | 5 | 1,000 |",
                "| PooledCopyBenchmark.load chunkSize=5000 tasks=4 | 16.11 embedded | 5 | 10,000 |");
        assertThat(section).contains("SyncBaselineBenchmark.load chunkSize=5000: 16.11 embedded is 0.50x the speed of "
                + "17.6 embedded", "WAL per row rose by 50 % (1,000 to 1,500 B)");
        assertThat(section).doesNotContain("PooledCopyBenchmark.load chunkSize=5000 tasks=4: 16.11");
    }

    @Test
    void oneServerHasNoServersSection() {
        assertThat(ServerComparison.of(ROWS.subList(0, 2))).isEmpty();
    }

    @Test
    void aBulkComparisonOverASubsetComparesOnlyWhatBothServersMeasured() {
        ArrayNode results = JSON.createArrayNode();
        results.add(entry("SyncBaselineBenchmark.load", "17.6 embedded durable", 0.5, 1000, "chunkSize", "5000"));
        results.add(entry("SyncBaselineBenchmark.load", "17.6 embedded durable", 0.6, 1000, "chunkSize", "1000"));
        results.add(entry("SyncBaselineBenchmark.load", "17.6 embedded bulk", 0.25, 400, "chunkSize", "5000"));
        String section = ServerComparison.of(ResultSummary.of(results, 1000.0)).orElseThrow();
        assertThat(section).contains("on 2 servers (17.6 embedded durable, 17.6 embedded bulk",
                "SyncBaselineBenchmark.load chunkSize=5000: 17.6 embedded bulk is 2.00x the speed of 17.6 embedded durable",
                "WAL per row fell by 60 % (1,000 to 400 B)");
        assertThat(section).doesNotContain("chunkSize=1000");
    }

    private static ArrayNode results() {
        ArrayNode results = JSON.createArrayNode();
        results.add(entry("SyncBaselineBenchmark.load", "17.6 embedded", 0.5, 1000, "chunkSize", "5000"));
        results.add(entry("PooledCopyBenchmark.load", "17.6 embedded", 0.1, 1000, "chunkSize", "5000", "tasks", "4"));
        results.add(entry("SyncBaselineBenchmark.load", "16.11 embedded", 1.0, 1500, "chunkSize", "5000"));
        results.add(entry("PooledCopyBenchmark.load", "16.11 embedded", 0.1, 1000, "chunkSize", "5000", "tasks", "4"));
        return results;
    }

    /** An entry of five shots around {@code mean} (mean - 2d, mean - d, mean, mean + d, mean + 2d, d = mean / 50). */
    private static ObjectNode entry(String benchmark, String server, double mean, double walPerRow, String... params) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("benchmark", "dev.pginsertbench.bench." + benchmark);
        entry.put("forks", 1);
        ObjectNode values = entry.putObject("params");
        values.put("rows", "1000");
        values.put("server", server);
        for (int i = 0; i < params.length; i += 2) {
            values.put(params[i], params[i + 1]);
        }
        ObjectNode primary = entry.putObject("primaryMetric");
        primary.put("scoreUnit", "s/op");
        ArrayNode shots = primary.putArray("rawData").addArray();
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        ArrayNode wal = secondary.putObject("walBytesPerRow").putArray("rawData").addArray();
        for (int k = -2; k <= 2; k++) {
            shots.add(mean + k * mean / 50);
            wal.add(walPerRow);
        }
        return entry;
    }
}
