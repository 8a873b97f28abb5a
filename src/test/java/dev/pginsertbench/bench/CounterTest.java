package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The counters' one list ({@link Counter}) against the classes that write them and the page that
 * defines them: JMH names a counter after its field, so a field renamed, added or removed without
 * its constant fails here, not as an empty column in every summary.
 */
class CounterTest {

    @Test
    void eachCountersClassHasExactlyTheFieldsItsConstantsName() {
        for (Counter.Writer writer : Counter.Writer.values()) {
            writer.counters().ifPresent(type -> assertThat(publicFields(type)).as(type.getSimpleName())
                    .isEqualTo(Counter.of(writer).stream().map(Counter::key).collect(Collectors.toSet())));
        }
    }

    @Test
    void keysAreUnique() {
        assertThat(Arrays.stream(Counter.values()).map(Counter::key).distinct()).hasSize(Counter.values().length);
    }

    @Test
    void resultsReadmeDefinesEveryCounter() throws IOException {
        String page = Files.readString(Path.of("results/README.md"), StandardCharsets.UTF_8);
        int start = page.indexOf("## Secondary metrics");
        assertThat(start).as("results/README.md has a section on secondary metrics").isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
        for (Counter counter : Counter.values()) {
            assertThat(section).as(counter.key()).contains("`" + counter.key() + "`");
        }
    }

    private static Set<String> publicFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(field -> Modifier.isPublic(field.getModifiers()) && !Modifier.isStatic(field.getModifiers()))
                .map(Field::getName).collect(Collectors.toSet());
    }
}
