package dev.pginsertbench.data;

import java.util.List;

/**
 * A generated, immutable list of articles and the seed it came from. Ids are 1..size in order.
 * {@link #generate} holds every row in memory; {@link #streamed} holds none and generates each row
 * from the seed and its id when read ({@link RowSource}).
 *
 * @param seed the generator seed
 * @param rows the articles, in id order
 */
public record Dataset(long seed, List<Article> rows) {

    public Dataset {
        rows = rows instanceof GeneratedRows ? rows : List.copyOf(rows);
    }

    public static Dataset generate(long seed, int size) {
        return new Dataset(seed, new ArticleGenerator(seed).generate(size));
    }

    /** The same rows as {@link #generate}, generated anew each time one is read, none held. */
    public static Dataset streamed(long seed, int size) {
        return new Dataset(seed, new GeneratedRows(new ArticleGenerator(seed), size));
    }

    /** The dataset of {@code size} rows in the given form. */
    public static Dataset of(RowSource source, long seed, int size) {
        return switch (source) {
            case HELD -> generate(seed, size);
            case STREAMED -> streamed(seed, size);
        };
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
