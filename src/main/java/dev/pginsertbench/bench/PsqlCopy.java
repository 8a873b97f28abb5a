package dev.pginsertbench.bench;

import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ServerAddress;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code psql \copy} of a file in COPY's text format into the target table, run as a process. The password
 * goes to psql through {@code PGPASSWORD} in its environment, never on its command line.
 */
final class PsqlCopy {

    private final List<Path> command;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final String password;
    private final Path output;
    private final long fileBytes;

    private PsqlCopy(Path psql, List<String> arguments, Map<String, String> environment, String password, Path output,
            long fileBytes) {
        this.command = List.of(psql);
        this.arguments = arguments;
        this.environment = environment;
        this.password = password;
        this.output = output;
        this.fileBytes = fileBytes;
    }

    /**
     * Writes the dataset into a text-format file among {@code files} (PostgreSQL's own
     * {@code COPY TO} of a source table filled with it) and returns the {@code \copy} of that file.
     */
    static PsqlCopy prepare(Path psql, PostgresServer server, Connection control, ArticleTable target, Dataset dataset,
            ServerFiles files) throws IOException, SQLException, InterruptedException {
        ArticleTable source = SourceTable.fill(server, control, target, dataset);
        List<Path> text = files.export(control, source, dataset.size(), 1, "(FORMAT text)", ".txt");
        source.drop(control);
        return of(psql, server.address(), target, text.get(0), files.newFile("psql.out"));
    }

    /** The size of the file psql sends: the COPY bytes of one shot. */
    long fileBytes() {
        return fileBytes;
    }

    /** The first {@code psql} on PATH, if any. */
    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "psql");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static PsqlCopy of(Path psql, ServerAddress address, ArticleTable table, Path file, Path output)
            throws IOException {
        if (file.toString().contains("'")) {
            throw new IllegalArgumentException("psql \\copy cannot be given a file name with a quote: " + file);
        }
        List<String> arguments = new ArrayList<>(List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                "\\copy " + table.name().quoted() + " (" + ArticleTable.columnList() + ") FROM '" + file
                        + "' WITH (FORMAT text)"));
        Map<String, String> environment = address.libpqEnvironment("pg-insert-bench-psql");
        String password = environment.get("PGPASSWORD");
        return new PsqlCopy(psql, List.copyOf(arguments), Map.copyOf(environment), password, output, Files.size(file));
    }

    /** Runs psql to the end; fails with its output when it exits non-zero. */
    void run() throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(command.get(0).toString());
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        int exit = process.waitFor();
        if (exit != 0) {
            String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
            throw new IllegalStateException("psql \\copy exited with " + exit + ": "
                    + ServerAddress.mask(printed, password));
        }
    }
}
