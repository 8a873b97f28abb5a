package dev.pginsertbench.load;

/**
 * Called by a load at each chunk's fullest moment: its rows converted and bound or encoded, just
 * before the last of them is sent (before {@code executeBatch}, {@code executeUpdate} or the end of
 * a COPY), with every row converted up front still held. A memory probe measures what the load
 * holds there; a load without one uses {@link #NONE}. Called from the chunk's own thread, at most
 * once per statement; it may block that chunk (a probe waits until the chunks in flight are all
 * at theirs), which delays the load but changes nothing it stores.
 */
@FunctionalInterface
public interface LoadCheckpoint {

    LoadCheckpoint NONE = chunk -> { };

    /** @param chunk the 0-based index of the chunk at its fullest moment */
    void atFullest(int chunk);
}
