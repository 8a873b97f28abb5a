package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Article;
import dev.pginsertbench.data.Dataset;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ContentChecksumTest {

    private final ArticleTable table = ArticleTable.named("checksum_test");

    @Test
    void serverAndJavaAgreeOnTwentyThousandGeneratedRows(PostgresServer server) throws Exception {
        Dataset dataset = Dataset.generate(42, 20_000);
        try (Connection connection = server.connect()) {
            table.recreate(connection, TableShape.HEAP);
            PlainInsert.insert(connection, table, dataset.rows());

            TableContent landed = table.content(connection);

            assertThat(landed.rows()).isEqualTo(20_000);
            assertThat(landed).isEqualTo(ContentChecksum.of(dataset.rows()));
            table.drop(connection);
        }
    }

    @Test
    void oneChangedCharacterChangesTheChecksum(PostgresServer server) throws Exception {
        List<Article> rows = new ArrayList<>(Dataset.generate(5, 2_000).rows());
        TableContent generated = ContentChecksum.of(rows);
        Article original = rows.get(1234);
        rows.set(1234, original.withTitle(original.title().substring(1) + "x"));
        try (Connection connection = server.connect()) {
            table.recreate(connection, TableShape.PRIMARY_KEY);
            PlainInsert.insert(connection, table, rows);

            TableContent landed = table.content(connection);

            assertThat(landed.rows()).isEqualTo(generated.rows());
            assertThat(landed.checksum()).isNotEqualTo(generated.checksum());
            assertThat(landed).isEqualTo(ContentChecksum.of(rows));
            table.drop(connection);
        }
    }

    @Test
    void nullAndEmptyTextAreDistinguished(PostgresServer server) throws Exception {
        Article base = Dataset.generate(9, 1).rows().get(0);
        Article withNull = new Article(1, base.doi(), base.title(), null, base.authors(), base.journal(),
                base.publicationYear(), base.publicationDate(), base.citations(), base.score(), base.openAccess(),
                base.keywords(), base.ingestedAt());
        Article withEmpty = new Article(1, base.doi(), base.title(), "", base.authors(), base.journal(),
                base.publicationYear(), base.publicationDate(), base.citations(), base.score(), base.openAccess(),
                base.keywords(), base.ingestedAt());
        assertThat(ContentChecksum.of(List.of(withNull))).isNotEqualTo(ContentChecksum.of(List.of(withEmpty)));
        try (Connection connection = server.connect()) {
            table.recreate(connection, TableShape.HEAP);
            PlainInsert.insert(connection, table, List.of(withEmpty));
            assertThat(table.content(connection)).isEqualTo(ContentChecksum.of(List.of(withEmpty)));
            table.drop(connection);
        }
    }
}
