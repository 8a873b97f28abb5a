package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.claims.PythonDriver;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * The arms the port runs here: every one of the claims' Python arms but those whose optional driver is missing,
     * which are left out saying so once (required under {@code BENCH_REQUIRE_PYTHON}).
     */
    static Set<String> runnableArms(Class<?> testClass) {
        Map<PythonDriver, String> missing = PythonLoader.missingDrivers();
        if (System.getenv("BENCH_REQUIRE_PYTHON") != null) {
            assertThat(missing).as("the Python port's optional drivers").isEmpty();
        }
        Set<String> arms = new LinkedHashSet<>();
        for (OriginalClaim claim : OriginalClaim.values()) {
            for (Arm arm : Language.PYTHON.arms(claim)) {
                if (missing.containsKey(arm.driver())) {
                    LoggerFactory.getLogger(testClass).warn("arm {} left out: {}", arm.id(), missing.get(arm.driver()));
                } else {
                    arms.add(arm.id());
                }
            }
        }
        return arms;
    }
}
