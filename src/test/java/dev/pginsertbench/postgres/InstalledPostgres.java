package dev.pginsertbench.postgres;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The PostgreSQL binaries installed on the test machine that the local provider is tested with. */
public final class InstalledPostgres {

    /** Debian's PostgreSQL 15 (package postgresql-15), installed here and in CI. */
    public static final Path DEBIAN_15 = Path.of("/usr/lib/postgresql/15/bin");

    private InstalledPostgres() {
    }

    /** Debian's PostgreSQL 15 binaries; the calling test is skipped, with the reason, where they are absent. */
    public static PostgresBinaries debian15() {
        assumeTrue(Files.isExecutable(DEBIAN_15.resolve("postgres")),
                DEBIAN_15 + " is absent: install Debian's postgresql-15 to test --pg-bin");
        return new PostgresBinaries(DEBIAN_15);
    }

    /** A directory that passes the check of a bin directory without holding PostgreSQL: empty executables. */
    public static PostgresBinaries fake(Path directory) throws java.io.IOException {
        for (String program : PostgresBinaries.REQUIRED) {
            Path file = Files.createFile(directory.resolve(program));
            file.toFile().setExecutable(true);
        }
        return new PostgresBinaries(directory);
    }
}
