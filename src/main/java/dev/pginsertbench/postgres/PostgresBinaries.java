package dev.pginsertbench.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory of PostgreSQL programs installed on this machine ({@code --pg-bin}), for example
 * Debian's {@code /usr/lib/postgresql/15/bin}. Checked when it is named, so that a wrong directory
 * fails before anything starts rather than in a benchmark fork.
 *
 * @param directory the absolute directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}
 */
public record PostgresBinaries(Path directory) {

    /** The programs the local provider runs. */
    static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "postgres");

    public PostgresBinaries {
        directory = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(Files.exists(directory) ? directory + " is not a directory"
                    : "no directory " + directory);
        }
        Path checked = directory;
        List<String> missing = REQUIRED.stream().filter(name -> !Files.isExecutable(checked.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no executable " + String.join(", ", missing) + " in " + directory
                    + "; expected PostgreSQL's bin directory with " + String.join(", ", REQUIRED)
                    + ", for example /usr/lib/postgresql/15/bin");
        }
    }

    /** Reads a directory named in a setting; the message names the setting and the value. */
    static PostgresBinaries named(String value, String setting) {
        try {
            return new PostgresBinaries(Path.of(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " '" + value + "': " + e.getMessage(), e);
        }
    }

    Path program(String name) {
        return directory.resolve(name);
    }
}
