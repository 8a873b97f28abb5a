package dev.pginsertbench.run;

import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ScratchFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The connection settings of a run in a scratch folder only its owner can read, so that the
 * credentials reach the forks (through {@code -Dbench.connectionFile}) without appearing on their
 * command lines. Closing deletes the folder.
 */
final class ConnectionFile implements AutoCloseable {

    private final Path folder;
    private final Path file;

    private ConnectionFile(Path folder, Path file) {
        this.folder = folder;
        this.file = file;
    }

    static ConnectionFile write(ProvisionSettings settings) throws IOException {
        Path folder = Files.createTempDirectory("pg-insert-bench-run-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return new ConnectionFile(folder, settings.writeConnectionFile(folder));
        } catch (IOException | RuntimeException e) {
            delete(folder);
            throw e;
        }
    }

    Path path() {
        return file;
    }

    /** Deletes the folder and the file; deleting again does nothing. */
    void delete() {
        delete(folder);
    }

    @Override
    public void close() {
        delete();
    }

    private static void delete(Path folder) {
        try {
            ScratchFolder.delete(folder);
        } catch (IOException e) {
            System.err.println("run-bench: could not delete " + folder + " (holds the connection settings): " + e);
        }
    }
}
