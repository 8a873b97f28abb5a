package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlIdentifierTest {

    @Test
    void quotesAndDoublesEmbeddedQuotes() {
        assertThat(SqlIdentifier.quote("Order \"Items\"")).isEqualTo("\"Order \"\"Items\"\"\"");
        assertThat(new TableName("My Schema", "select").quoted()).isEqualTo("\"My Schema\".\"select\"");
    }
}
