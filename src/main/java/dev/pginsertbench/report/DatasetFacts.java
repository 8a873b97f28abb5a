package dev.pginsertbench.report;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.data.ArticleGenerator;
import java.nio.charset.StandardCharsets;

/**
 * The size of the data a run loads, for MB/s and the manifest. A row's size is its values in
 * their binary widths: UTF-8 bytes of every text value, 8 bytes for bigint, double and
 * timestamptz, 4 for integer and date, 1 for boolean; NULL counts 0. That is the payload, the
 * same for every protocol, without any encoding's delimiters, escapes or headers.
 *
 * @param rows            rows in the dataset
 * @param seed            generator seed
 * @param averageRowBytes mean payload bytes per row
 */
public record DatasetFacts(int rows, long seed, double averageRowBytes) {

    /** Generates the rows one at a time (nothing is kept), so a million rows need no heap. */
    public static DatasetFacts of(long seed, int rows) {
        ArticleGenerator generator = new ArticleGenerator(seed);
        long bytes = 0;
        for (long id = 1; id <= rows; id++) {
            bytes += payloadBytes(generator.row(id));
        }
        return new DatasetFacts(rows, seed, rows == 0 ? 0 : (double) bytes / rows);
    }

    static long payloadBytes(Article a) {
        long bytes = 8 + 8; // id, ingested_at
        for (String text : a.textFields()) {
            bytes += text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        }
        bytes += a.publicationYear() == null ? 0 : 4;
        bytes += a.publicationDate() == null ? 0 : 4;
        bytes += a.citations() == null ? 0 : 4;
        bytes += a.score() == null ? 0 : 8;
        bytes += a.openAccess() == null ? 0 : 1;
        return bytes;
    }
}
