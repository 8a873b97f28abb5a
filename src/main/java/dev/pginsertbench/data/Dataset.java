package dev.pginsertbench.data;

import java.util.List;

/**
 * A generated, immutable list of articles and the seed it came from. Ids are 1..size in order.
 *
 * @param seed the generator seed
 * @param rows the articles, in id order
 */
public record Dataset(long seed, List<Article> rows) {

    public Dataset {
        rows = List.copyOf(rows);
    }

    public static Dataset generate(long seed, int size) {
        return new Dataset(seed, new ArticleGenerator(seed).generate(size));
    }

    public int size() {
        return rows.size();
    }

    /** The first {@code count} rows, for loads of part of the data; fails clearly when too few exist. */
    public List<Article> firstRows(int count) {
        if (count < 0 || count > rows.size()) {
            throw new IllegalArgumentException(
                    "rows=" + count + " but the dataset holds " + rows.size() + " rows (seed " + seed + ")");
        }
        return rows.subList(0, count);
    }
}
