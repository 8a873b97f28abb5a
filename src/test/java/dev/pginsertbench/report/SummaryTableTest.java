package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void aParameterWithAnEmptyValueIsNotSetAndIsLeftOutOfTheLabel() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("claim", "COPY");
        params.put("round", "1");
        params.put("leftOut", "");
        assertThat(SummaryTable.params(params)).isEqualTo("claim=COPY round=1");
        params.put("leftOut", "asyncpg_copy");
        assertThat(SummaryTable.params(params)).isEqualTo("claim=COPY round=1 leftOut=asyncpg_copy");
    }

    @Test
    void noParameterSetIsADash() {
        assertThat(SummaryTable.params(Map.of())).isEqualTo("-");
        assertThat(SummaryTable.params(Map.of("leftOut", ""))).isEqualTo("-");
    }
}
