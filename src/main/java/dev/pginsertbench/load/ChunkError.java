package dev.pginsertbench.load;

/**
 * Why one chunk did not land.
 *
 * @param chunk    chunk index (0-based)
 * @param fromRow  first row position in the dataset (0-based, inclusive)
 * @param toRow    end row position (exclusive)
 * @param firstId  id of the chunk's first row
 * @param lastId   id of the chunk's last row
 * @param sqlState the server's SQLState, or the suite's own for errors found before sending
 * @param message  what went wrong (no password; row ids named where the suite found the fault)
 */
public record ChunkError(int chunk, int fromRow, int toRow, long firstId, long lastId, String sqlState,
        String message) {

    @Override
    public String toString() {
        return "chunk " + chunk + " (rows " + fromRow + ".." + (toRow - 1) + ", ids " + firstId + ".." + lastId + ")"
                + (sqlState == null ? "" : " SQLState " + sqlState) + ": " + message;
    }
}
