package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The interpreter check that decides which Python arms run: it names exactly the modules missing. */
class PythonModulesTest {

    @Test
    void theCheckNamesTheMissingModulesAndTheAptLineAndPassesWhenAllImport() {
        // json comes with every interpreter, even without site-packages (CI's bare path)
        assertThat(PythonLoader.missingModules(List.of("json"), "apt-get install nothing")).isEmpty();
        assertThat(PythonLoader.missingModules(List.of("json", "pginsertbench_no_such_module"), "apt-get install x"))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Python modules missing for ")
                        .endsWith(": pginsertbench_no_such_module (apt-get install x)"));
    }
}
