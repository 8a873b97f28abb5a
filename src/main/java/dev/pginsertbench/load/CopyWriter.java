package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import dev.pginsertbench.postgres.ArticleTable;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY table (columns) FROM STDIN} through pgjdbc's CopyIn: rows are encoded into a
 * reused buffer and streamed to the server in blocks, so memory per chunk is one block however
 * large the chunk. With UPFRONT conversion the rows arrive already encoded and are only copied.
 * The row count the server reports must equal the rows sent.
 */
final class CopyWriter implements ChunkWriter<byte[]> {

    private final String copySql;
    private final CopyRowEncoder encoder;
    private final int blockSize;
    private final ThreadLocal<CopyBuffer> conversionScratch;

    CopyWriter(String quotedTable, CopyRowEncoder encoder, int blockSize) {
        this.copySql = "COPY " + quotedTable + " (" + ArticleTable.columnList() + ") FROM STDIN "
                + encoder.copyOptions();
        this.encoder = encoder;
        this.blockSize = blockSize;
        this.conversionScratch = ThreadLocal.withInitial(() -> new CopyBuffer(4096, null));
    }

    @Override
    public byte[] convert(Article article) {
        CopyBuffer scratch = conversionScratch.get();
        scratch.reset();
        try {
            encoder.encode(article, scratch);
        } catch (SQLException impossible) {
            throw new IllegalStateException("a detached buffer never writes to the server", impossible);
        } catch (CopyBuffer.UnstorableText e) {
            return null; // the chunk holding this row validates it, and is rejected before sending
        }
        return scratch.toByteArray();
    }

    @Override
    public boolean checksTextWhileEncoding() {
        return true;
    }

    @Override
    public long write(Connection connection, ChunkRows<byte[]> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            CopyBuffer out = new CopyBuffer(blockSize, copy);
            encoder.begin(out);
            for (int i = 0; i < rows.size(); i++) {
                if (rows.isConverted()) {
                    out.write(rows.row(i));
                } else {
                    encoder.encode(rows.article(i), out);
                }
            }
            encoder.end(out);
            rows.atFullest();
            out.flush();
            long copied = copy.endCopy();
            if (copied != rows.size()) {
                throw new SQLException("COPY reported " + copied + " rows for " + rows.size() + " sent");
            }
            return out.size();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the original failure is what the report must show
                }
            }
        }
    }
}
