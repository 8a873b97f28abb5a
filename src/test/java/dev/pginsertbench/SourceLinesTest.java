package dev.pginsertbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Long lines stop accumulating: the main code's lines over {@value #WIDTH} characters may only
 * become fewer (the bound is the count when this check began; lower it as lines are wrapped).
 * Unused imports and locals are checkstyle's (checkstyle.xml, in every build).
 */
class SourceLinesTest {

    private static final int WIDTH = 120;
    private static final int AT_MOST = 0;

    @Test
    void linesOverTheWidthDoNotGrowInNumber() throws IOException {
        List<String> over;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            over = files.filter(path -> path.toString().endsWith(".java")).flatMap(SourceLinesTest::longLines).toList();
        }
        assertThat(over.size()).as("main lines over %d characters (wrap the new ones): %s", WIDTH,
                over.subList(0, Math.min(5, over.size()))).isLessThanOrEqualTo(AT_MOST);
    }

    private static Stream<String> longLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return IntStream.range(0, lines.size()).filter(i -> lines.get(i).length() > WIDTH)
                    .mapToObj(i -> file + ":" + (i + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
