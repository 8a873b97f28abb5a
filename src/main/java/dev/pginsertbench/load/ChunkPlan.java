package dev.pginsertbench.load;

/**
 * How a load of {@code rows} rows is cut into chunks: the effective chunk size after the
 * chunking rule, and each chunk's row range.
 *
 * @param rows      rows to load
 * @param chunkSize effective rows per chunk (the last chunk may be smaller)
 */
public record ChunkPlan(int rows, int chunkSize) {

    /** Below this requested chunk size the adaptive rule may apply. */
    public static final int ADAPTIVE_SMALL_CHUNK = 1_000;
    /** Above this many rows the adaptive rule may apply. */
    public static final int ADAPTIVE_MIN_ROWS = 10_000;
    /** The adaptive rule's target number of chunks. */
    public static final int ADAPTIVE_CHUNKS = 20;

    public ChunkPlan {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, was " + chunkSize);
        }
    }

    /**
     * The original loader's rule, exactly: with ADAPTIVE, if the requested chunk size is below
     * 1,000 and there are more than 10,000 rows, chunks of ceil(rows / 20); otherwise the request.
     */
    public static ChunkPlan of(int rows, int requestedChunkSize, Chunking chunking) {
        int size = requestedChunkSize;
        if (chunking == Chunking.ADAPTIVE && requestedChunkSize < ADAPTIVE_SMALL_CHUNK && rows > ADAPTIVE_MIN_ROWS) {
            size = (rows + ADAPTIVE_CHUNKS - 1) / ADAPTIVE_CHUNKS;
        }
        return new ChunkPlan(rows, size);
    }

    public int chunks() {
        return (int) (((long) rows + chunkSize - 1) / chunkSize);
    }

    /** Chunk {@code index} (0-based): rows {@code [from, to)} of the dataset. */
    public Chunk chunk(int index) {
        if (index < 0 || index >= chunks()) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + chunks());
        }
        int from = index * chunkSize;
        return new Chunk(index, from, Math.min(rows, from + chunkSize));
    }

    /**
     * One chunk: rows {@code [from, to)} (0-based positions in the dataset), one transaction.
     */
    public record Chunk(int index, int from, int to) {
        public int size() {
            return to - from;
        }
    }
}
