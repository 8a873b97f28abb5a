package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * results/schema.json is what the code writes: the notebook's and the Python port's tests read the
 * committed file, so it must not drift from the code. {@code mvn test -Dtest=ResultsSchemaTest
 * -Dbench.writeSchema=true} writes it anew after a change.
 */
class ResultsSchemaTest {

    private static final Path FILE = Path.of("results/schema.json");

    @Test
    void theCommittedSchemaIsTheCodes() throws IOException {
        String schema = ResultsSchema.json();
        if (Boolean.getBoolean("bench.writeSchema")) {
            Files.writeString(FILE, schema, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("results/schema.json against the code (rewrite it with -Dbench.writeSchema=true)").isEqualTo(schema);
    }

    @Test
    void itNamesEveryColumnOfTheCsvFilesAsTheirWritersDo() {
        assertThat(ResultsSchema.tree().path("files").path("summary.csv").size()).isEqualTo(SummaryCsv.header().size());
        assertThat(ResultsSchema.tree().path("files").path("claims.csv").get(0).path("name").asText()).isEqualTo("claim");
        assertThat(ResultsSchema.tree().path("claims").get(0).path("arms").get(0).path("id").asText()).isEqualTo("after");
    }
}
