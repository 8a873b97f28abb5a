package dev.pginsertbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.ReferenceArm;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.Chunking;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.Conversion;
import dev.pginsertbench.load.ExecutorKind;
import dev.pginsertbench.load.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The names the results contract gives (benchmark classes, counters, arms) are typed once: in the
 * catalogue, the counter enum and the claims, which the schema exports. The main code elsewhere,
 * the notebook's package and the Python port take them from there, so a rename cannot leave a
 * stale copy that reads as an empty column. CatalogueTest holds the Java side to the benchmark
 * classes; this test the rest.
 */
class ContractNamesTest {

    private static final Path NOTEBOOK = Path.of("notebooks/insert_results");
    private static final Path PORT = Path.of("python/original_loader");
    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void neitherTheNotebookNorThePortNamesABenchmarkClass() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : files(NOTEBOOK, PORT)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Catalogue entry : Catalogue.values()) {
                String name = entry.benchmarkClass().getSimpleName();
                if (Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
                    offences.add(file + " names " + name);
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    /** Counter keys that are not also a CSV column's name (a column is what the notebook reads by name). */
    @Test
    void noCounterKeyIsAStringLiteralOutsideTheCounterEnum() throws IOException {
        Set<String> columns = new HashSet<>();
        new ObjectMapper().readTree(Path.of("results/schema.json").toFile()).path("files")
                .forEach(file -> file.forEach(column -> columns.add(column.path("name").asText())));
        Set<String> keys = new HashSet<>();
        for (Counter counter : Counter.values()) {
            if (!columns.contains(counter.key())) {
                keys.add(counter.key());
            }
        }
        assertThat(keys).contains(Counter.WAL_BYTES_PER_ROW.key());
        assertThat(literalsEqualTo(keys, Set.of("Counter.java"), MAIN, NOTEBOOK, PORT)).isEmpty();
    }

    /**
     * Claim arm ids outside the claims, and the interleaved references' ids outside their enum in
     * the notebook and the port; an id that is also a factor's value ({@code copy_csv}, a protocol) may
     * be that value.
     */
    @Test
    void noArmIdIsAStringLiteralOutsideTheClaims() throws IOException {
        Set<String> arms = new HashSet<>();
        for (OriginalClaim claim : OriginalClaim.values()) {
            claim.arms().stream().map(Arm::id).forEach(arms::add);
        }
        arms.removeAll(factorValues());
        assertThat(arms).contains("fixed_500", "after");
        assertThat(literalsEqualTo(arms, Set.of("OriginalClaim.java"), MAIN, NOTEBOOK, PORT)).isEmpty();
        Set<String> references = new HashSet<>();
        for (ReferenceArm arm : ReferenceArm.values()) {
            references.add(arm.id());
        }
        assertThat(literalsEqualTo(references, Set.of(), NOTEBOOK, PORT)).isEmpty();
    }

    @Test
    void literalsAreToldFromCommentsAndUrls() {
        assertThat(SourceLiterals.of("String a = \"x\"; // \"y\"\n/* \"z\" */ char q = '\"'; String u = \"jdbc://h\";",
                false)).containsExactly("x", "jdbc://h");
        assertThat(SourceLiterals.of("a = 'x'  # 'y'\nb = \"it's\"\n'''doc \"q\"'''\n", true))
                .containsExactly("x", "it's", "doc \"q\"");
    }

    private static Set<String> factorValues() {
        Set<String> values = new HashSet<>();
        Stream.of(Protocol.values(), ConnectionMode.values(), Conversion.values(), Chunking.values(), ExecutorKind.values())
                .flatMap(Stream::of).forEach(value -> values.add(value.name().toLowerCase(Locale.ROOT)));
        return values;
    }

    private static List<String> literalsEqualTo(Set<String> names, Set<String> exempt, Path... roots) throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : files(roots)) {
            if (exempt.contains(file.getFileName().toString())) {
                continue;
            }
            for (String literal : SourceLiterals.of(Files.readString(file, StandardCharsets.UTF_8),
                    file.toString().endsWith(".py"))) {
                if (names.contains(literal)) {
                    offences.add(file + ": \"" + literal + "\"");
                }
            }
        }
        return offences;
    }

    private static List<Path> files(Path... roots) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".py")).forEach(all::add);
            }
        }
        assertThat(all).isNotEmpty();
        return all;
    }
}
