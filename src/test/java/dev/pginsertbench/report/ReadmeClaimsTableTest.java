package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's headline claims table is the pooled result: the table it shows is the one the pool computes
 * again, now, from the committed runs its pooled folder names, so that neither can change without the other.
 */
class ReadmeClaimsTableTest {

    private static final Pattern POOLED_FOLDER = Pattern.compile("\\(results/([0-9TZ]+-pooled-claims)/\\)");

    @Test
    void readmesHeadlineTableIsThePoolOfTheCommittedRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher link = POOLED_FOLDER.matcher(readme);
        assertThat(link.find()).as("README.md links a pooled claims folder, results/<time>-pooled-claims/").isTrue();
        Path pooled = Path.of("results", link.group(1));
        JsonNode manifest = ResultSummary.readJson(pooled.resolve("manifest.json"));
        assertThat(manifest.path("git").path("dirty").asBoolean(true)).as(pooled + " was pooled from a clean tree").isFalse();

        List<ClaimsPool.RunInput> runs = new ArrayList<>();
        for (JsonNode run : manifest.path("runs")) {
            runs.add(ClaimsPool.RunInput.read(Path.of("results", run.path("folder").asText())));
        }
        assertThat(runs).as("the runs " + pooled + " pooled").hasSizeGreaterThanOrEqualTo(3);
        String headline = ClaimsPool.of(runs).headline();

        assertThat(readme).as("README.md shows the pool's headline table as computed from the runs").contains(headline);
        assertThat(Files.readString(pooled.resolve("pooled-claims.md"), StandardCharsets.UTF_8))
                .as(pooled + "/pooled-claims.md").contains(ClaimsPool.HEADLINE_HEADING + "\n\n" + headline);
    }
}
