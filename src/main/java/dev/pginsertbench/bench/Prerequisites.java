package dev.pginsertbench.bench;

import dev.pginsertbench.postgres.PostgresServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What some benchmarks need beyond a server, checked by the runner before it starts them, so
 * that a benchmark that cannot run is skipped with its reason instead of failing in its fork.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** Why the server cannot read files this client writes (server-side COPY ceilings), or empty. */
    public static Optional<String> serverFilesUnreadable(PostgresServer server) throws IOException, SQLException {
        try (ServerFiles files = ServerFiles.create(); Connection connection = server.connect()) {
            return files.unreadableReason(connection);
        }
    }

    /** Why {@code psql \copy} cannot be run, or empty. */
    public static Optional<String> psqlMissing() {
        return PsqlCopy.find().isPresent() ? Optional.empty() : Optional.of("psql is not on PATH");
    }
}
