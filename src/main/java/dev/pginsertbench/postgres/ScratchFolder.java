package dev.pginsertbench.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes a temporary folder the suite made (a local server's data, a run's connection file). */
public final class ScratchFolder {

    private ScratchFolder() {
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
