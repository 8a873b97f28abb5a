package dev.pginsertbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the manual (README.md, docs/ and the READMEs beside the code) reaches a
 * file that exists, and every {@code #anchor} a heading of that file, so that moving a section
 * cannot leave a reader at a dead link.
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkReachesAFileAndEveryAnchorAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http, https, mailto: outside the repository
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links of the manual that lead nowhere").isEmpty();
    }

    @Test
    void aHeadingsAnchorIsGitHubs() {
        assertThat(slug("## The claims of the original loader, measured")).isEqualTo("the-claims-of-the-original-loader-measured");
        assertThat(slug("### Pooled COPY against psql and the ceiling, fairly"))
                .isEqualTo("pooled-copy-against-psql-and-the-ceiling-fairly");
        assertThat(slug("## `claims.csv`: one row per comparison")).isEqualTo("claimscsv-one-row-per-comparison");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("results/README.md"),
                Path.of("notebooks/README.md"), Path.of("python/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The link targets of a page outside its code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    private static List<String> anchors(Path page) throws IOException {
        if (!page.toString().endsWith(".md")) {
            return List.of();
        }
        boolean[] inCode = {false};
        return Files.readAllLines(page, StandardCharsets.UTF_8).stream()
                .filter(line -> {
                    if (line.strip().startsWith("```")) {
                        inCode[0] = !inCode[0];
                        return false;
                    }
                    return !inCode[0] && line.matches("^#{1,6} .*");
                })
                .map(DocumentationLinksTest::slug).toList();
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
