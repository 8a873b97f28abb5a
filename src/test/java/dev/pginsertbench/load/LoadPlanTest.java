package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadPlanTest {

    @Test
    void invalidValuesFailAtConstructionNamingTheField() {
        assertThatThrownBy(() -> LoadPlan.pooledCopy(0, 4)).hasMessageContaining("chunkSize").hasMessageContaining("0");
        assertThatThrownBy(() -> LoadPlan.pooledBatch(-5, 4)).hasMessageContaining("chunkSize").hasMessageContaining("-5");
        assertThatThrownBy(() -> LoadPlan.pooledBatch(100, 0)).hasMessageContaining("tasks").hasMessageContaining("0");
        assertThatThrownBy(() -> LoadPlan.syncBaseline(100).withTasks(2)).hasMessageContaining("tasks must be 1");
        assertThatThrownBy(() -> LoadPlan.syncBaseline(100).withProtocol(null)).hasMessageContaining("protocol");
        assertThatThrownBy(() -> LoadPlan.pooledCopy(Protocol.BATCH, 100, 2)).hasMessageContaining("COPY");
    }

    @Test
    void presetsAreTheCardStrategies() {
        assertThat(LoadPlan.syncBaseline(1000)).extracting(LoadPlan::connections, LoadPlan::protocol, LoadPlan::tasks)
                .containsExactly(ConnectionMode.SINGLE, Protocol.BATCH, 1);
        assertThat(LoadPlan.newConnectionPerChunk(1000, 4)).extracting(LoadPlan::connections, LoadPlan::protocol, LoadPlan::tasks)
                .containsExactly(ConnectionMode.PER_CHUNK, Protocol.BATCH, 4);
        assertThat(LoadPlan.pooledBatch(1000, 4)).extracting(LoadPlan::connections, LoadPlan::protocol)
                .containsExactly(ConnectionMode.POOLED, Protocol.BATCH);
        assertThat(LoadPlan.pooledCopy(1000, 4).protocol().isCopy()).isTrue();
        assertThat(LoadPlan.originalBefore(4)).extracting(LoadPlan::connections, LoadPlan::protocol, LoadPlan::conversion,
                LoadPlan::chunking, LoadPlan::chunkSize)
                .containsExactly(ConnectionMode.PER_CHUNK, Protocol.BATCH, Conversion.PER_CHUNK, Chunking.FIXED, 5000);
        assertThat(LoadPlan.originalAfter(4)).extracting(LoadPlan::connections, LoadPlan::conversion, LoadPlan::chunking)
                .containsExactly(ConnectionMode.POOLED, Conversion.UPFRONT, Chunking.ADAPTIVE);
        assertThat(LoadPlan.originalAfter(4).protocol().isCopy()).isTrue();
    }
}
