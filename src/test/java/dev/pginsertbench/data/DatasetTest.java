package dev.pginsertbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetTest {

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 2_345, 20_000})
    void streamedRowsAreTheRowsGeneratedInOneGoAndByIndex(int size) {
        Dataset held = Dataset.generate(7, size);
        Dataset streamed = Dataset.streamed(7, size);
        assertThat(streamed.size()).isEqualTo(size);
        assertThat(streamed.rows()).containsExactlyElementsOf(held.rows());
        // a loader reads chunks through sub-lists and by index; both give the same rows
        List<Article> byIndex = new ArrayList<>();
        for (int i = size - 1; i >= 0; i--) {
            byIndex.add(0, streamed.rows().get(i));
        }
        assertThat(byIndex).isEqualTo(held.rows());
        assertThat(streamed.firstRows(size / 2)).isEqualTo(held.firstRows(size / 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELD", "STREAMED"})
    void eachSourceGivesTheSameRows(RowSource source) {
        assertThat(Dataset.of(source, 3, 500).rows()).isEqualTo(Dataset.generate(3, 500).rows());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10})
    void aStreamedRowOutsideTheDatasetIsRefusedNamingItsIndex(int index) {
        assertThatThrownBy(() -> Dataset.streamed(3, 10).rows().get(index))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row index " + index + " of 10");
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000_000})
    void aStreamedDatasetLargerThanTheHeapCouldHoldIsReadToItsLastRow(int size) {
        Runtime runtime = Runtime.getRuntime();
        Dataset streamed = Dataset.streamed(11, size);
        assertThat(streamed.size()).isEqualTo(size);
        assertThat(streamed.rows().get(size - 1).id()).isEqualTo(size);
        // ten million held rows would need about 14 GB; the test JVM's heap is far smaller
        assertThat(runtime.maxMemory()).isLessThan(size * 1_000L);
    }
}
