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
 * docs/claims.md quotes the committed python-peers run's table: it must be the table that run's claims.md holds,
 * as the suite wrote it, so that the docs cannot drift from the run they link.
 */
class DocsPeersTableTest {

    private static final Pattern PEERS_FOLDER = Pattern.compile("\\(\\.\\./results/([0-9TZ]+-python-peers)/\\)");
    private static final String HEADER = "| language | arm | forks |";

    @Test
    void theDocsPeersTableIsTheCommittedRunsOwn() throws Exception {
        String docs = Files.readString(Path.of("docs", "claims.md"), StandardCharsets.UTF_8);
        Matcher link = PEERS_FOLDER.matcher(docs);
        assertThat(link.find()).as("docs/claims.md links a python-peers folder").isTrue();
        Path folder = Path.of("results", link.group(1));
        assertThat(ResultSummary.readJson(folder.resolve("manifest.json")).path("git").path("dirty").asBoolean(true))
                .as(folder + " comes from a clean tree").isFalse();
        String table = table(Files.readString(folder.resolve("claims.md"), StandardCharsets.UTF_8));
        assertThat(table.lines().count()).as(folder + "/claims.md's peers table").isGreaterThan(2);
        assertThat(table(docs)).as("docs/claims.md's peers table").isEqualTo(table);
    }

    /** The first table that starts with the peers' header: its header, rule and rows. */
    private static String table(String markdown) {
        int start = markdown.indexOf(HEADER);
        assertThat(start).as("a table starting " + HEADER).isNotNegative();
        return markdown.substring(start).lines().takeWhile(line -> line.startsWith("|"))
                .collect(Collectors.joining("\n"));
    }
}
