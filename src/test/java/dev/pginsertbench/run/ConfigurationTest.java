package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.postgres.RoundTripDelay;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.Transport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration's parameters are typed up to JMH's boundary, where they become text in the order given. */
class ConfigurationTest {

    @Test
    void valuesStayTypedAndBecomeTextOnlyForJmh() {
        Map<Parameter, Object> params = new LinkedHashMap<>();
        params.put(Parameter.CHUNK_SIZE, 5_000);
        params.put(Parameter.TASKS, 2);
        params.put(Parameter.FORMAT, Protocol.COPY_BINARY);
        params.put(Parameter.TRANSPORT, Transport.TCP);
        Configuration configuration = new Configuration(Catalogue.POOLED_COPY, params);
        assertThat(configuration.value(Parameter.FORMAT, Protocol.class)).contains(Protocol.COPY_BINARY);
        assertThat(configuration.value(Parameter.CLAIM, OriginalClaim.class)).isEmpty();
        assertThat(configuration.jmhParams()).containsExactly(Map.entry("chunkSize", "5000"), Map.entry("tasks", "2"),
                Map.entry("format", "COPY_BINARY"), Map.entry("transport", "TCP"), Map.entry("rtt", "loopback"));
        assertThat(configuration).hasToString(
                "PooledCopyBenchmark.load {chunkSize=5000, tasks=2, format=COPY_BINARY, transport=TCP, rtt=loopback}");
        assertThat(configuration.with(Parameter.RTT, RoundTripDelay.ofMillis(0.5)).jmhParams())
                .containsEntry("rtt", "0.5ms");
    }

    @Test
    void aValueOfAnotherTypeOrAParameterTheBenchmarkLacksIsRefusedNamingIt() {
        assertThatThrownBy(() -> new Configuration(Catalogue.POOLED_COPY, Map.of(Parameter.CHUNK_SIZE, "5000")))
                .hasMessageContaining("chunkSize takes a Integer");
        assertThatThrownBy(() -> new Configuration(Catalogue.SYNC_BASELINE, Map.of(Parameter.TASKS, 2)))
                .hasMessageContaining("SyncBaselineBenchmark.load has no parameter tasks");
        assertThatThrownBy(() -> new Configuration(Catalogue.SYNC_BASELINE, Map.of(Parameter.ROWS, 2)))
                .hasMessageContaining("rows and server are set by the run");
    }
}
