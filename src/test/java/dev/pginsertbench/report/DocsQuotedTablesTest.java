package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/claims.md quotes tables of the committed runs it links: each must be the table that run's own file holds, as
 * the suite wrote it, so that the docs cannot drift from the run they cite.
 */
class DocsQuotedTablesTest {

    private static final Path DOCS = Path.of("docs", "claims.md");

    @Test
    void thePeersTableIsThePythonPeersRunsOwn() throws Exception {
        assertQuotes("## What a Python user would pick instead", "python-peers", "claims.md", "| language | arm | forks |");
    }

    @Test
    void theScaleFitsTableIsTheScaleRunsOwn() throws Exception {
        assertQuotes("## At the original's scale", "scale", "summary.md", "| strategy | language | forks | a, s |");
    }

    /**
     * The first run of {@code kind} that the section under {@code heading} links must come from a clean tree, and
     * the section's table starting with {@code header} must equal the one in that run's {@code file}.
     */
    private static void assertQuotes(String heading, String kind, String file, String header) throws Exception {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        int start = docs.indexOf("\n" + heading + "\n");
        assertThat(start).as("docs/claims.md has the section " + heading).isNotNegative();
        String section = docs.substring(start + 1);
        int next = section.indexOf("\n## ");
        section = next < 0 ? section : section.substring(0, next);
        Matcher link = Pattern.compile("\\(\\.\\./results/([0-9TZ]+-" + Pattern.quote(kind) + ")/\\)").matcher(section);
        assertThat(link.find()).as(heading + " links a " + kind + " folder").isTrue();
        Path folder = Path.of("results", link.group(1));
        assertThat(ResultSummary.readJson(folder.resolve("manifest.json")).path("git").path("dirty").asBoolean(true))
                .as(folder + " comes from a clean tree").isFalse();
        String table = table(Files.readString(folder.resolve(file), StandardCharsets.UTF_8), header);
        assertThat(table.lines().count()).as(folder + "/" + file + "'s table").isGreaterThan(2);
        assertThat(table(section, header)).as("docs/claims.md's table under " + heading).isEqualTo(table);
    }

    /** The first table that starts with {@code header}: its header, rule and rows. */
    private static String table(String markdown, String header) {
        int start = markdown.indexOf(header);
        assertThat(start).as("a table starting " + header).isNotNegative();
        return markdown.substring(start).lines().takeWhile(line -> line.startsWith("|"))
                .collect(Collectors.joining("\n"));
    }
}
