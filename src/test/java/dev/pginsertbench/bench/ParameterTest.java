package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.Transport;
import org.junit.jupiter.api.Test;

/** A parameter's value becomes JMH's text only if it is of the parameter's type. */
class ParameterTest {

    @Test
    void valuesOfTheParametersTypeBecomeJmhText() {
        assertThat(Parameter.FORMAT.text(Protocol.COPY_BINARY)).isEqualTo("COPY_BINARY");
        assertThat(Parameter.CHUNK_SIZE.text(5_000)).isEqualTo("5000");
        assertThat(Parameter.TRANSPORT.text(Transport.TLS)).isEqualTo("TLS");
    }

    @Test
    void aValueOfAnotherTypeIsAnErrorNamingTheParameter() {
        assertThatThrownBy(() -> Parameter.CHUNK_SIZE.text("5000")).hasMessage("chunkSize takes a Integer, not 5000 (String)");
        assertThatThrownBy(() -> Parameter.FORMAT.text(Transport.TCP)).hasMessageContaining("format takes a Protocol");
        assertThatThrownBy(() -> Parameter.TASKS.text(null)).hasMessage("tasks takes a Integer, not null");
    }
}
