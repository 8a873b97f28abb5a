package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Whether the tests of the Python port run here: skipped, saying once what is missing, where its
 * interpreter or packages are; failed instead under {@code BENCH_REQUIRE_PYTHON} (CI's full path).
 */
final class PythonPort {

    private PythonPort() {
    }

    /** Call from a test class's {@code @BeforeAll}. */
    static void requireOrSkip(Class<?> testClass) {
        Optional<String> missing = PythonLoader.missing();
        if (System.getenv("BENCH_REQUIRE_PYTHON") != null) {
            assertThat(missing).as("the Python port's interpreter and packages").isEmpty();
        }
        // surefire counts a class skipped in @BeforeAll as "Tests run: 0" without the reason: say it once
        missing.ifPresent(reason -> LoggerFactory.getLogger(testClass)
                .warn("skipped: the Python port's tests ({}): {}", testClass.getSimpleName(), reason));
        assumeTrue(missing.isEmpty(), () -> "the Python port cannot run here: " + missing.orElse(""));
    }
}
