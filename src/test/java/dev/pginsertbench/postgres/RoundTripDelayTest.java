package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rtt parameter's values: written and read back alike, ordered loopback first, bad ones named. */
class RoundTripDelayTest {

    @Test
    void textRoundTripsAndLoopbackMeansNoRelay() {
        for (String text : List.of("loopback", "0ms", "0.5ms", "2ms", "20ms", "0.25ms")) {
            assertThat(RoundTripDelay.parse(text, "rtt")).hasToString(text);
        }
        assertThat(RoundTripDelay.parse(" 20MS ", "rtt").added()).isEqualTo(Duration.ofMillis(20));
        assertThat(RoundTripDelay.LOOPBACK.relayed()).isFalse();
        assertThat(RoundTripDelay.ofMillis(0).relayed()).isTrue();
        assertThat(RoundTripDelay.ofMillis(0.5).millis()).isEqualTo(0.5);
        assertThat(RoundTripDelay.LOOPBACK.millis()).isZero();
    }

    @Test
    void loopbackComesFirstThenByTheTimeAdded() {
        assertThat(Stream.of("20ms", "loopback", "0ms", "2ms").map(t -> RoundTripDelay.parse(t, "rtt")).sorted()
                .map(RoundTripDelay::toString)).containsExactly("loopback", "0ms", "2ms", "20ms");
    }

    @Test
    void anythingElseIsRefusedNamingWhereItWasGiven() {
        assertThatThrownBy(() -> RoundTripDelay.parse("20", "ClaimBenchmark.load rtt"))
                .hasMessageContaining("ClaimBenchmark.load rtt").hasMessageContaining("'20'")
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> RoundTripDelay.parse("fast", "rtt")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> RoundTripDelay.parse("-1ms", "rtt")).hasMessageContaining("between 0 and 1000 ms");
        assertThatThrownBy(() -> RoundTripDelay.parse("5000ms", "rtt")).hasMessageContaining("rtt: ");
        assertThatThrownBy(() -> RoundTripDelay.parse(null, "rtt")).hasMessageContaining("rtt");
    }
}
