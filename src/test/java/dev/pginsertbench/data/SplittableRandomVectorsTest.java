package dev.pginsertbench.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The JDK's {@link SplittableRandom} returns what splittable-random-vectors.json says it does. The
 * Python port's generator (python/original_loader/generator.py) is held to the same file by its
 * own test, so the two cannot drift apart without one of the tests failing.
 */
class SplittableRandomVectorsTest {

    @Test
    void everyCallReturnsTheRecordedValue() throws IOException {
        JsonNode sequences;
        try (InputStream in = getClass().getResourceAsStream("/splittable-random-vectors.json")) {
            assertThat(in).as("splittable-random-vectors.json on the test classpath").isNotNull();
            sequences = new JsonMapper().readTree(in).path("sequences");
        }
        int calls = 0;
        for (JsonNode sequence : sequences) {
            SplittableRandom random = new SplittableRandom(sequence.path("seed").asLong());
            for (JsonNode call : sequence.path("calls")) {
                String method = call.get(0).asText();
                JsonNode bound = call.get(1);
                JsonNode expected = call.get(2);
                String what = "seed " + sequence.path("seed") + ", call " + call;
                switch (method) {
                    case "nextInt" -> assertThat(bound.isNull() ? random.nextInt() : random.nextInt(bound.asInt()))
                            .as(what).isEqualTo(expected.asInt());
                    case "nextLong" -> assertThat(bound.isNull() ? random.nextLong() : random.nextLong(bound.asLong()))
                            .as(what).isEqualTo(expected.asLong());
                    case "nextDouble" -> assertThat(random.nextDouble()).as(what).isEqualTo(expected.asDouble());
                    case "nextBoolean" -> assertThat(random.nextBoolean()).as(what).isEqualTo(expected.asBoolean());
                    default -> throw new AssertionError("unknown method in the vectors: " + what);
                }
                calls++;
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(36);
    }
}
