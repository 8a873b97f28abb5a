package dev.pginsertbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkPlanTest {

    @ParameterizedTest(name = "{0} rows, requested {1}, {2} -> chunks of {3}")
    @CsvSource({
        // the rule applies only below 1,000 rows per chunk and above 10,000 rows
        "10001, 999, ADAPTIVE, 501",
        "10001, 1000, ADAPTIVE, 1000",
        "10000, 999, ADAPTIVE, 999",
        "10000, 1000, ADAPTIVE, 1000",
        "100000, 500, ADAPTIVE, 5000",
        "100001, 500, ADAPTIVE, 5001",
        "1000000, 1, ADAPTIVE, 50000",
        "10001, 999, FIXED, 999",
        "100000, 500, FIXED, 500",
    })
    void adaptiveIsTheOriginalRuleExactly(int rows, int requested, Chunking chunking, int expected) {
        assertThat(ChunkPlan.of(rows, requested, chunking).chunkSize()).isEqualTo(expected);
    }

    @Test
    void chunksCoverEveryRowOnceInOrder() {
        ChunkPlan plan = ChunkPlan.of(10_001, 999, Chunking.ADAPTIVE);
        assertThat(plan.chunks()).isEqualTo(20);
        int next = 0;
        for (int i = 0; i < plan.chunks(); i++) {
            ChunkPlan.Chunk chunk = plan.chunk(i);
            assertThat(chunk.from()).isEqualTo(next);
            next = chunk.to();
        }
        assertThat(next).isEqualTo(10_001);
        assertThat(plan.chunk(19).size()).isEqualTo(10_001 - 19 * 501);
    }

    @Test
    void noRowsMeansNoChunks() {
        assertThat(ChunkPlan.of(0, 100, Chunking.FIXED).chunks()).isZero();
    }
}
