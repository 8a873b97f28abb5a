package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** Every benchmark method of the ceilings has its own trial setup, and nothing else has one. */
class CeilingBenchmarkTest {

    @Test
    void eachBenchmarkMethodHasItsTrialSetup() {
        assertThat(Arrays.stream(CeilingBenchmark.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName).sorted())
                .containsExactlyElementsOf(Arrays.stream(CeilingBenchmark.Method.values())
                        .map(CeilingBenchmark.Method::methodName).sorted().toList());
    }

    @Test
    void aMethodWithoutOneFailsNamingIt() {
        assertThatThrownBy(() -> CeilingBenchmark.Method.of("serverCopyRenamed"))
                .hasMessageContaining("CeilingBenchmark.serverCopyRenamed has no trial setup");
    }
}
