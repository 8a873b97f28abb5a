package dev.pginsertbench.load;

import dev.pginsertbench.data.Article;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Sends one chunk's rows over a connection with one protocol; the caller commits. {@code R} is
 * the protocol's row form, what conversion produces (JDBC values or an encoded COPY row).
 * Implementations are stateless or thread-safe: tasks share one writer.
 */
interface ChunkWriter<R> {

    /**
     * One record in this protocol's row form (the "conversion" factor); null where a writer that
     * {@linkplain #checksTextWhileEncoding() checks text while encoding} met text it cannot store.
     */
    R convert(Article article);

    /**
     * Whether encoding refuses text PostgreSQL cannot store ({@link CopyBuffer.UnstorableText}), so
     * that the loader need not read every character a second time before sending; the driver's
     * own encoding does not, so the INSERT protocols are validated first.
     */
    default boolean checksTextWhileEncoding() {
        return false;
    }

    /**
     * Writes every row of the chunk.
     *
     * @return COPY bytes sent, 0 for protocols that do not count them
     */
    long write(Connection connection, ChunkRows<R> rows) throws SQLException, IOException;

    static ChunkWriter<?> forProtocol(Protocol protocol, String table, int copyBufferBytes) {
        return switch (protocol) {
            case BATCH, BATCH_REWRITE -> new BatchWriter(table);
            case MULTI_VALUES -> new MultiValuesWriter(table);
            case UNNEST -> new UnnestWriter(table);
            case COPY_TEXT -> new CopyWriter(table, DelimitedCopyEncoder.text(), copyBufferBytes);
            case COPY_CSV -> new CopyWriter(table, DelimitedCopyEncoder.csv(), copyBufferBytes);
            case COPY_BINARY -> new CopyWriter(table, new CopyBinaryEncoder(), copyBufferBytes);
        };
    }
}
