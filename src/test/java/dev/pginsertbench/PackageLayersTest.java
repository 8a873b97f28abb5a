package dev.pginsertbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main code's packages are layers without cycles (docs/layout.md lists them): each imports only the
 * packages below it, so the loader stays a plain library under the benchmarks, the report reads
 * what the benchmarks write, and only the runner sees everything.
 */
class PackageLayersTest {

    /** Lowest first. */
    private static final List<String> LAYERS = List.of("data", "postgres", "load", "claims", "bench", "report", "run");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.pginsertbench\\.([a-z]+)\\.",
            Pattern.MULTILINE);

    @Test
    void everyPackageImportsOnlyTheLayersBelowIt() throws IOException {
        Path root = Path.of("src/main/java/dev/pginsertbench");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = root.relativize(file).getName(0).toString();
                assertThat(LAYERS).as("%s is in a package no layer names", file).contains(layer);
                Matcher imported = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (imported.find()) {
                    String other = imported.group(1);
                    if (LAYERS.indexOf(other) > LAYERS.indexOf(layer)) {
                        offences.add(file + " (" + layer + ") imports " + other + ", a layer above it");
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
