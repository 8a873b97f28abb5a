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
public enum Prerequisite {
    /** Server-side COPY reads files this client writes: same host or shared file system, and the right role. */
    SERVER_FILES {
        @Override
        public Optional<String> missing(PostgresServer server) throws IOException, SQLException {
            try (ServerFiles files = ServerFiles.create(); Connection connection = server.connect()) {
                return files.unreadableReason(connection);
            }
        }
    },
    /** {@code psql} on PATH. */
    PSQL {
        @Override
        public Optional<String> missing(PostgresServer server) {
            return PsqlCopy.find().isPresent() ? Optional.empty() : Optional.of("psql is not on PATH");
        }
    },
    /** psql on PATH or server-side files: something pooled COPY can be held against in interleaved rounds. */
    A_REFERENCE {
        @Override
        public Optional<String> missing(PostgresServer server) throws IOException, SQLException {
            Optional<String> psql = PSQL.missing(server);
            Optional<String> files = SERVER_FILES.missing(server);
            return psql.isPresent() && files.isPresent()
                    ? Optional.of("neither reference can run: " + psql.get() + "; and " + files.get())
                    : Optional.empty();
        }
    },
    /** The Python port's interpreter with psycopg, psycopg_pool and pydantic. */
    PYTHON_LOADER {
        @Override
        public Optional<String> missing(PostgresServer server) {
            return PythonLoader.missing();
        }
    };

    /** Why the prerequisite is not met on this machine and server, or empty when it is. */
    public abstract Optional<String> missing(PostgresServer server) throws IOException, SQLException;
}
