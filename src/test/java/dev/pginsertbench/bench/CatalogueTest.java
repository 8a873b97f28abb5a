package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

class CatalogueTest {

    @Test
    void everyEntryIsABenchmarkMethodWithExactlyTheParametersItLists() {
        for (Catalogue entry : Catalogue.values()) {
            assertThat(Arrays.stream(entry.benchmarkClass().getMethods())
                    .filter(m -> m.getName().equals(entry.method()) && m.isAnnotationPresent(Benchmark.class)))
                    .as(entry.id()).hasSize(1);
            Set<String> fields = new HashSet<>();
            for (Class<?> c = entry.benchmarkClass(); c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Param.class)) {
                        fields.add(field.getName());
                    }
                }
            }
            Set<String> listed = new HashSet<>(List.of(Parameter.ROWS.field(), Parameter.SERVER.field()));
            entry.parameters().forEach(p -> listed.add(p.field()));
            assertThat(fields).as(entry.id()).isEqualTo(listed);
        }
    }

    @Test
    void everyBenchmarkMethodOfThePackageIsCatalogued() throws IOException {
        Set<String> catalogued = new HashSet<>();
        for (Catalogue entry : Catalogue.values()) {
            catalogued.add(entry.id());
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/pginsertbench/bench"))) {
            for (Path file : files.toList()) {
                String simpleName = file.getFileName().toString().replace(".java", "");
                Class<?> type;
                try {
                    type = Class.forName(Catalogue.PACKAGE + simpleName);
                } catch (ClassNotFoundException e) {
                    continue;
                }
                if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    continue; // JMH runs the concrete subclasses, each catalogued under its own name
                }
                for (Method method : type.getMethods()) {
                    if (method.isAnnotationPresent(Benchmark.class)) {
                        assertThat(catalogued).contains(simpleName + "." + method.getName());
                    }
                }
            }
        }
    }

    @Test
    void noMainCodeOutsideTheCatalogueNamesABenchmarkClass() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = file.getFileName().toString().replace(".java", "");
                if (own.equals("Catalogue")) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (Catalogue entry : Catalogue.values()) {
                    String name = entry.benchmarkClass().getSimpleName();
                    if (!name.equals(own) && text.matches("(?s).*\\b" + name + "\\b.*")) {
                        offenders.add(file + " names " + name);
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void shortNamesAreDistinctAndNameOnlyTheEntrysOwnParameters() {
        assertThat(Arrays.stream(Catalogue.values()).map(Catalogue::shortName).distinct().count())
                .isEqualTo(Catalogue.values().length);
        for (Catalogue entry : Catalogue.values()) {
            assertThat(entry.parameters()).as(entry.id()).containsAll(entry.nameParameters());
        }
    }

    @Test
    void namesResolveWithAndWithoutThePackage() {
        assertThat(Catalogue.byName("PooledCopyBenchmark.load")).contains(Catalogue.POOLED_COPY);
        assertThat(Catalogue.byName("dev.pginsertbench.bench.CeilingBenchmark.serverCopy"))
                .contains(Catalogue.SERVER_COPY_CEILING);
        assertThat(Catalogue.byName("CeilingBenchmark.load")).isEmpty();
    }
}
