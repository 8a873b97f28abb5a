package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of one chunk as a writer sees them: converted up front ({@code converted} holds
 * them) or converted one by one as they are written ({@code converted} is null).
 *
 * @param articles  the chunk's records
 * @param converted the chunk's rows in the protocol's form, or null to convert on the fly
 * @param converter record to protocol form, used when {@code converted} is null
 * @param fullest   what the writer calls at the chunk's fullest moment ({@link LoadCheckpoint})
 */
record ChunkRows<R>(List<Article> articles, List<R> converted, Function<Article, R> converter, Runnable fullest) {

    /** The writer holds the chunk's rows bound or encoded and is about to send the last of them. */
    void atFullest() {
        fullest.run();
    }

    int size() {
        return articles.size();
    }

    boolean isConverted() {
        return converted != null;
    }

    Article article(int index) {
        return articles.get(index);
    }

    R row(int index) {
        return converted != null ? converted.get(index) : converter.apply(articles.get(index));
    }
}
