package dev.pginsertbench.bench;

import dev.pginsertbench.postgres.ArticleTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * A temporary directory of data files written by the client and, where the server shares this
 * file system, read by the server's own {@code COPY ... FROM 'file'}. The directory and files
 * are world-readable because the server runs as another OS user (the embedded server as root:
 * in a user namespace). Files are PostgreSQL's own {@code COPY ... TO STDOUT} output of a
 * source table, so their encoding is the server's, not this suite's.
 */
final class ServerFiles implements AutoCloseable {

    /** The session setting through which a file name reaches SQL as a bound value, never as SQL text. */
    static final String FILE_SETTING = "pginsertbench.copy_file";

    private static final String FROM_SETTING = "pginsertbench.from_id";
    private static final String TO_SETTING = "pginsertbench.to_id";

    private final Path directory;

    private ServerFiles(Path directory) {
        this.directory = directory;
    }

    static ServerFiles create() throws IOException {
        Path directory = Files.createTempDirectory("pg-insert-bench-");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        directory.toFile().deleteOnExit(); // a failed shot skips the trial teardown; its fork still exits
        return new ServerFiles(directory);
    }

    /**
     * Why the server cannot read this client's files, or empty when it can: a probe file with a
     * random token is written here and read back through server-side COPY.
     */
    Optional<String> unreadableReason(Connection connection) throws IOException, SQLException {
        String token = UUID.randomUUID().toString();
        Path probe = newFile("probe.txt");
        Files.writeString(probe, token + "\n", StandardCharsets.UTF_8);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE pginsertbench_probe (line text)");
            try {
                bindFile(connection, probe);
                statement.execute(copyFromFileSql("pginsertbench_probe", ""));
                try (ResultSet result = statement.executeQuery("SELECT line FROM pginsertbench_probe")) {
                    if (!result.next() || !token.equals(result.getString(1))) {
                        return Optional.of("the server read another file at " + probe
                                + ": it runs on another host or in a container");
                    }
                }
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("the server could not read " + probe + " written by this client ("
                        + e.getMessage().strip()
                        + "); it needs the same file system and the pg_read_server_files role");
            } finally {
                statement.execute("DROP TABLE pginsertbench_probe");
                Files.deleteIfExists(probe);
            }
        }
    }

    /**
     * Writes {@code source} as {@code parts} files of consecutive ids (1..rows, as the dataset
     * numbers them) in the given COPY options, such as {@code (FORMAT binary)}.
     */
    List<Path> export(Connection connection, ArticleTable source, int rows, int parts,
            String copyOptions, String suffix)
            throws IOException, SQLException {
        String sql = "COPY (SELECT " + ArticleTable.columnList() + " FROM " + source.name().quoted()
                + " WHERE id > current_setting('" + FROM_SETTING + "')::bigint AND id <= current_setting('" + TO_SETTING
                + "')::bigint ORDER BY id) TO STDOUT " + copyOptions;
        List<Path> files = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            setSetting(connection, FROM_SETTING, String.valueOf((long) rows * part / parts));
            setSetting(connection, TO_SETTING, String.valueOf((long) rows * (part + 1) / parts));
            Path file = newFile("part-" + part + suffix);
            try (OutputStream out = Files.newOutputStream(file)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            }
            files.add(file);
        }
        return files;
    }

    /** Makes {@code file} the one that {@link #copyFromFileSql} reads in this session. */
    static void bindFile(Connection connection, Path file) throws SQLException {
        setSetting(connection, FILE_SETTING, file.toAbsolutePath().toString());
    }

    /**
     * Server-side {@code COPY table FROM 'file'} of the file bound with {@link #bindFile}; the
     * server quotes the file name itself ({@code format('%L')}), so no value is spliced into SQL.
     */
    static String copyFromFileSql(String quotedTableAndColumns, String copyOptions) {
        return copyFromFileSql("", quotedTableAndColumns, copyOptions);
    }

    /**
     * As {@link #copyFromFileSql(String, String)}, with {@code firstStatement} (ending in ';')
     * run before the COPY in the same transaction.
     */
    static String copyFromFileSql(String firstStatement, String quotedTableAndColumns, String copyOptions) {
        return "DO $copy$BEGIN " + firstStatement + " EXECUTE format('COPY " + quotedTableAndColumns + " FROM %L "
                + copyOptions + "', current_setting('" + FILE_SETTING + "')); END$copy$";
    }

    /** An empty file in this directory, removed with it. */
    Path newFile(String name) throws IOException {
        Path file = directory.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file);
        file.toFile().deleteOnExit();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static void setSetting(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            statement.setString(1, name);
            statement.setString(2, value);
            statement.execute();
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
