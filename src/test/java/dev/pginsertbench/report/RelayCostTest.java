package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import org.junit.jupiter.api.Test;

/** The relay's A/A cost: relayed and direct shots paired within their blocks, the interval over forks. */
class RelayCostTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One A/A fork: shots in order with their arm (1 = relayed), time, relay CPU and client CPU per row. */
    private static ObjectNode fork(int round, int[] relayed, double[] seconds, double[] relayCpu, double[] clientCpu) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("benchmark", Catalogue.RELAY_COST.jmhName());
        entry.putObject("params").put("round", String.valueOf(round)).put("rows", "1000");
        ArrayNode times = entry.putObject("primaryMetric").putArray("rawData").addArray();
        ObjectNode secondary = entry.putObject("secondaryMetrics");
        ArrayNode arms = secondary.putObject(Counter.RELAYED.key()).putArray("rawData").addArray();
        ArrayNode relay = secondary.putObject(Counter.RELAY_CPU_NS_PER_ROW.key()).putArray("rawData").addArray();
        ArrayNode client = secondary.putObject(Counter.CLIENT_CPU_NS_PER_ROW.key()).putArray("rawData").addArray();
        for (int shot = 0; shot < seconds.length; shot++) {
            times.add(seconds[shot]);
            arms.add(relayed[shot]);
            relay.add(relayCpu[shot]);
            client.add(clientCpu[shot]);
        }
        return entry;
    }

    @Test
    void relayedShotsArePairedWithTheDirectShotOfTheirBlockInEitherOrder() {
        ArrayNode results = JSON.createArrayNode();
        // fork 1: relayed takes 1.1x in both blocks; fork 2: 1.3x; the relay uses 100 or 300 ns/row more
        results.add(fork(1, new int[] {1, 0, 0, 1}, new double[] {1.1, 1.0, 2.0, 2.2},
                new double[] {110, 10, 0, 100}, new double[] {500, 500, 510, 500}));
        results.add(fork(2, new int[] {0, 1, 1, 0}, new double[] {1.0, 1.3, 1.3, 1.0},
                new double[] {0, 300, 300, 0}, new double[] {400, 420, 420, 400}));
        RelayCost cost = RelayCost.of(results).orElseThrow();
        assertThat(cost.rows()).isEqualTo(1000);
        assertThat(cost.time().forks()).isEqualTo(2);
        assertThat(cost.time().pairs()).isEqualTo(4);
        assertThat(Math.exp(cost.time().mean())).isCloseTo(Math.sqrt(1.1 * 1.3), within(1e-9));
        assertThat(cost.percentMoreTime().estimate()).isCloseTo(100 * (Math.sqrt(1.1 * 1.3) - 1), within(1e-9));
        assertThat(cost.relayCpu().mean()).isCloseTo(200, within(1e-9));
        assertThat(cost.clientCpu().mean()).isCloseTo((-5 + 20) / 2.0, within(1e-9));
        assertThat(cost.csv().lines()).hasSize(4).element(1).asString().startsWith("time,% more time,");
        assertThat(cost.markdown()).contains("| the relay process's CPU | 200.0 [");
    }

    @Test
    void aBlockThatIsNotOneDirectAndOneRelayedShotIsAnError() {
        ArrayNode results = JSON.createArrayNode();
        results.add(fork(1, new int[] {1, 1}, new double[] {1, 1}, new double[] {0, 0}, new double[] {0, 0}));
        assertThatThrownBy(() -> RelayCost.of(results)).hasMessageContaining("block 1 is not one direct and one relayed");
    }

    @Test
    void aRunWithoutTheAaForksHasNone() {
        assertThat(RelayCost.of(JSON.createArrayNode())).isEmpty();
    }
}
