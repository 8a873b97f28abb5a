package dev.pginsertbench.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Makes and deletes the temporary folders the suite needs (a server's data, a run's connection file). */
public final class ScratchFolder {

    private ScratchFolder() {
    }

    /**
     * A new temporary folder only its owner can enter, for a server's data directory: its TLS key
     * and socket must be nobody else's.
     */
    static Path createForServer(String prefix) {
        try {
            return Files.createTempDirectory(prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new ServerUnavailableException("cannot create a data directory under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage());
        }
    }

    /** Deletes {@code folder} and everything in it; an absent folder is already deleted. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
