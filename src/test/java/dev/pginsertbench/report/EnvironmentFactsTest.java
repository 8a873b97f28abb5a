package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run records of its processor: the model name and, beside it, which processor that name stands for. */
class EnvironmentFactsTest {

    private static final List<String> TWO_PROCESSORS = List.of(
            "processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model\t\t: 2", "model name\t: AMD EPYC",
            "stepping\t: 1", "cpu MHz\t\t: 2096.011", "cache size\t: 1024 KB", "",
            "processor\t: 1", "cpu family\t: 25", "model\t\t: 17", "model name\t: AMD EPYC 9654", "cpu MHz\t\t: 3700.000");

    @Test
    void theFirstProcessorsFamilyModelSteppingAndClockNameIt() {
        var fields = EnvironmentFacts.cpuInfoFields(TWO_PROCESSORS);
        assertThat(fields).containsEntry("model name", "AMD EPYC").containsEntry("cpu family", "26")
                .containsEntry("model", "2").doesNotContainValue("AMD EPYC 9654");
        assertThat(EnvironmentFacts.cpuId(fields)).contains("family 26, model 2, stepping 1, 2096 MHz");
    }

    @Test
    void whatIsMissingIsLeftOutAndWithoutFamilyOrModelThereIsNoId() {
        assertThat(EnvironmentFacts.cpuId(EnvironmentFacts.cpuInfoFields(List.of("cpu family : 6", "model : 85",
                "cpu MHz : fast")))).contains("family 6, model 85");
        assertThat(EnvironmentFacts.cpuId(EnvironmentFacts.cpuInfoFields(List.of("model name : Apple M2")))).isEmpty();
        assertThat(EnvironmentFacts.cpuInfoFields(List.of())).isEmpty();
    }
}
