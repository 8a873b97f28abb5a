package dev.pginsertbench.data;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The rows 1..size of a generator as a list that holds none of them: each is generated from the
 * seed and its id when read, so a loader that streams holds no more than its chunks in flight, and a
 * loader that takes a list still gets one. Reading a row twice generates it twice; the generator's
 * cost is therefore part of every load that reads this list and is measured on its own beside it.
 */
final class GeneratedRows extends AbstractList<Article> implements RandomAccess {

    private final ArticleGenerator generator;
    private final int size;

    GeneratedRows(ArticleGenerator generator, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        this.generator = generator;
        this.size = size;
    }

    @Override
    public Article get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row index " + index + " of " + size + " generated rows");
        }
        return generator.row(index + 1L);
    }

    @Override
    public int size() {
        return size;
    }
}
