package dev.pginsertbench.report;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine, JVM and source tree a run happens on, for the manifest. */
public final class EnvironmentFacts {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final long GIT_TIMEOUT_SECONDS = 10;

    private EnvironmentFacts() {
    }

    public static RunManifest.Host host() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new RunManifest.Host(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), cpuModel().orElse(null), Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize());
    }

    public static RunManifest.Jvm jvm(List<String> forkFlags) {
        return new RunManifest.Jvm(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"), List.copyOf(forkFlags));
    }

    /** HEAD's commit and whether the tree differs from it; nulls when git or the repository is absent. */
    public static RunManifest.Git git(Path repository) {
        Optional<String> commit = git(repository, "rev-parse", "HEAD");
        if (commit.isEmpty()) {
            return new RunManifest.Git(null, null);
        }
        Optional<String> status = git(repository, "status", "--porcelain");
        return new RunManifest.Git(commit.get(), status.map(changes -> !changes.isEmpty()).orElse(null));
    }

    /** The "model name" of the first processor in /proc/cpuinfo (Linux). */
    static Optional<String> cpuModel() {
        if (!Files.isReadable(CPU_INFO)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(CPU_INFO, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> git(Path repository, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(output, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
