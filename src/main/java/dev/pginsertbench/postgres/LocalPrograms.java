package dev.pginsertbench.postgres;

import com.sun.security.auth.module.UnixSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the programs of a {@link PostgresBinaries} directory. PostgreSQL's programs refuse to run
 * as root; as root they run through {@code unshare -U} (util-linux), as zonky runs its embedded
 * binaries: in a new user namespace the process is no longer uid 0 to itself, and the files it
 * creates are owned by root on disk, which it sees as its own.
 */
final class LocalPrograms {

    private static final Pattern MAJOR = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final int LOG_TAIL_LINES = 15;

    private final PostgresBinaries binaries;
    private final boolean unshare;

    LocalPrograms(PostgresBinaries binaries) {
        this.binaries = binaries;
        this.unshare = runningAsRoot();
    }

    boolean throughUnshare() {
        return unshare;
    }

    /** What {@code program --version} prints, e.g. {@code postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}. */
    String version(String program) {
        // --version is answered before the check for root, so it runs as it is
        ProcessBuilder builder = new ProcessBuilder(binaries.program(program).toString(), "--version")
                .redirectErrorStream(true);
        try {
            Process process = builder.start();
            String output;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output = String.join(" ", reader.lines().toList()).strip();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || output.isEmpty()) {
                process.destroyForcibly();
                throw new ServerUnavailableException(binaries.program(program) + " --version failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new ServerUnavailableException("cannot run " + binaries.program(program) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnavailableException("interrupted while asking " + binaries.program(program)
                    + " for its version");
        }
    }

    /** The major version in a {@link #version} text. */
    static int major(String version) {
        Matcher matcher = MAJOR.matcher(version);
        if (!matcher.find()) {
            throw new ServerUnavailableException("no PostgreSQL major version in '" + version + "'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Runs a program to its end, its output in {@code log}; fails quoting the log's last lines. */
    void run(String program, List<String> arguments, Path log, Duration timeout) {
        Process process = start(program, arguments, log);
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ServerUnavailableException(program + " did not finish within " + timeout.toSeconds() + " s"
                        + lastLines(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ServerUnavailableException("interrupted while " + program + " ran");
        }
        if (process.exitValue() != 0) {
            throw new ServerUnavailableException(binaries.program(program) + " failed with exit code "
                    + process.exitValue() + lastLines(log));
        }
    }

    /** Starts a program with stdout and stderr appended to {@code log}; stdin is closed. */
    Process start(String program, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        if (unshare) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.program(program).toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ServerUnavailableException("cannot run " + String.join(" ", command) + ": " + e.getMessage()
                    + (unshare ? "; as root PostgreSQL's programs run through 'unshare -U' from util-linux" : ""));
        }
    }

    /**
     * The last lines of a log, indented under the message they explain. The log is named by its
     * file name only: it lives in the cluster's scratch folder, which is deleted on failure too.
     */
    static String lastLines(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "; its log " + log.getFileName() + " cannot be read: " + e.getMessage();
        }
        if (lines.isEmpty()) {
            return "; " + log.getFileName() + " is empty";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        return "; last lines of " + log.getFileName() + ":" + System.lineSeparator() + "    "
                + String.join(System.lineSeparator() + "    ", tail);
    }

    private static boolean runningAsRoot() {
        try {
            return new UnixSystem().getUid() == 0;
        } catch (LinkageError notUnix) {
            return false;
        }
    }
}
