package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * results/README.md defines every column of every CSV file the report writes, in the section
 * about that file, as the schema lists them (so a column added to the code without its meaning,
 * or a section that lost one, fails here).
 */
class ResultsReadmeColumnsTest {

    /** The heading that starts each file's section. */
    private static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("claims-network.csv", "## The network: `claims-network.csv`, `relay-cost.csv`"),
            Map.entry("relay-cost.csv", "## The network: `claims-network.csv`, `relay-cost.csv`"),
            Map.entry("summary.csv", "## `summary.csv` columns"),
            Map.entry("scale.csv", "## The scale study: `scale.csv`, `scale-fits.csv`"),
            Map.entry("scale-fits.csv", "## The scale study: `scale.csv`, `scale-fits.csv`"),
            Map.entry("peers.csv", "## The Python peers: `peers.csv`"),
            Map.entry("interleaved.csv", "## `interleaved.csv`, `interleaved-shots.csv`"),
            Map.entry("interleaved-shots.csv", "## `interleaved.csv`, `interleaved-shots.csv`"),
            Map.entry("claims.csv", "## The claims study: `claims.csv`, `claim-shots.csv`, `claims.md`"),
            Map.entry("claim-shots.csv", "## The claims study: `claims.csv`, `claim-shots.csv`, `claims.md`"),
            Map.entry("pooled-claims.csv", "## A pooled folder: `pooled-claims.csv`, `pooled-runs.csv`, `pooled-claims.md`"),
            Map.entry("pooled-runs.csv", "## A pooled folder: `pooled-claims.csv`, `pooled-runs.csv`, `pooled-claims.md`"));

    @Test
    void everyColumnOfEveryFileIsDefinedInItsSection() throws IOException {
        String readme = Files.readString(Path.of("results/README.md"), StandardCharsets.UTF_8);
        JsonNode files = ResultsSchema.tree().path("files");
        assertThat(SECTIONS.keySet()).as("a section for every CSV file of the schema")
                .containsExactlyInAnyOrderElementsOf(() -> files.fieldNames());
        List<String> undefined = new ArrayList<>();
        files.fields().forEachRemaining(file -> {
            String section = section(readme, SECTIONS.get(file.getKey()));
            file.getValue().forEach(column -> {
                if (!section.contains("`" + column.path("name").asText() + "`")) {
                    undefined.add(file.getKey() + ": " + column.path("name").asText());
                }
            });
        });
        assertThat(undefined).as("columns results/README.md does not define").isEmpty();
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf(heading + "\n");
        assertThat(start).as("results/README.md has the section %s", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
