package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.data.Article;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DatasetFactsTest {

    @Test
    void aRowsPayloadIsItsUtf8TextPlusTheBinaryWidthsOfItsOtherValues() {
        Article full = new Article(1, "10.1/x", "Zürich", "abc", "A, B.", "J", 2020, LocalDate.of(2020, 1, 2), 7, 1.5, true,
                "k", OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        // text: 6 + 7 (ü is two bytes) + 3 + 5 + 1 + 1 = 23; id 8, timestamp 8, year 4, date 4, citations 4, score 8, bool 1
        assertThat(DatasetFacts.payloadBytes(full)).isEqualTo(23 + 8 + 8 + 4 + 4 + 4 + 8 + 1);
        Article sparse = new Article(2, "d", "t", null, null, null, null, null, null, null, null, null,
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(DatasetFacts.payloadBytes(sparse)).isEqualTo(2 + 8 + 8);
    }

    @Test
    void theAverageIsDeterministicForASeed() {
        DatasetFacts facts = DatasetFacts.of(42, 500);
        assertThat(facts).isEqualTo(DatasetFacts.of(42, 500));
        assertThat(facts.rows()).isEqualTo(500);
        assertThat(facts.averageRowBytes()).isBetween(500.0, 2000.0);
    }
}
