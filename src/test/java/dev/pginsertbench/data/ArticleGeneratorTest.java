package dev.pginsertbench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArticleGeneratorTest {

    private static final int ROWS = 20_000;

    @Test
    void sameSeedAndSizeGiveIdenticalRows() {
        assertThat(new ArticleGenerator(42).generate(ROWS)).isEqualTo(new ArticleGenerator(42).generate(ROWS));
    }

    @Test
    void anotherSeedGivesOtherRows() {
        List<Article> a = new ArticleGenerator(42).generate(1000);
        List<Article> b = new ArticleGenerator(43).generate(1000);
        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @Test
    void idsRunFromOneInOrder() {
        List<Article> rows = new ArticleGenerator(7).generate(500);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).id()).isEqualTo(i + 1L);
        }
    }

    @Test
    void aboutFivePercentOfRowsCarryHostileText() {
        List<Article> rows = new ArticleGenerator(42).generate(ROWS);
        long hostile = rows.stream().filter(ArticleGeneratorTest::hasHostileFragment).count();
        assertThat((double) hostile / ROWS).isBetween(0.04, 0.06);
    }

    @Test
    void everyHostileFragmentAppears() {
        List<Article> rows = new ArticleGenerator(42).generate(ROWS);
        for (String fragment : ArticleGenerator.HOSTILE_FRAGMENTS) {
            assertThat(rows.stream().flatMap(ArticleGeneratorTest::texts).anyMatch(text -> text.contains(fragment)))
                    .as("fragment %s", fragment.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
                    .isTrue();
        }
        for (String character : List.of("\"", ",", "\\", "\t", "\r", "\n", "\\N", "ü", "数", "😀")) {
            assertThat(rows.stream().flatMap(ArticleGeneratorTest::texts).anyMatch(text -> text.contains(character))).isTrue();
        }
    }

    @Test
    void aboutFivePercentOfNullableFieldsAreNull() {
        List<Article> rows = new ArticleGenerator(42).generate(ROWS);
        long nulls = 0;
        for (Article a : rows) {
            nulls += Stream.of(a.abstractText(), a.authors(), a.journal(), a.publicationYear(), a.publicationDate(),
                    a.citations(), a.score(), a.openAccess(), a.keywords()).filter(Objects::isNull).count();
        }
        double share = (double) nulls / (ROWS * 9L);
        assertThat(share).isBetween(0.045, 0.055);
    }

    @Test
    void neverProducesNulAndNeverSplitsSurrogatePairs() {
        for (Article a : new ArticleGenerator(3).generate(ROWS)) {
            texts(a).forEach(text -> {
                assertThat(text).doesNotContain("\0");
                assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
            });
        }
    }

    @Test
    void averageRowIsAboutOneKilobyte() {
        List<Article> rows = new ArticleGenerator(42).generate(ROWS);
        double bytes = rows.stream().flatMap(ArticleGeneratorTest::texts)
                .mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum() / (double) ROWS;
        assertThat(bytes).isBetween(800.0, 1300.0);
    }

    private static boolean hasHostileFragment(Article article) {
        return texts(article).anyMatch(text -> ArticleGenerator.HOSTILE_FRAGMENTS.stream().anyMatch(text::contains));
    }

    private static Stream<String> texts(Article article) {
        return Stream.of(article.textFields()).filter(Objects::nonNull);
    }
}
