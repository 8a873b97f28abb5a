package dev.pginsertbench.report;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, String> processor = firstProcessor().orElse(Map.of());
        return new RunManifest.Host(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), processor.get("model name"), cpuId(processor).orElse(null),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize());
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

    /**
     * Which processor the model name stands for, from the first processor's fields in /proc/cpuinfo: family,
     * model, stepping and clock, for example {@code family 26, model 2, stepping 1, 2096 MHz}. Virtual machines
     * often report a generic model name ("AMD EPYC"), under which hosts of different generations hide; runs on
     * different days are only comparable where this says they ran on the same kind of processor.
     */
    static Optional<String> cpuId(Map<String, String> fields) {
        if (!fields.containsKey("cpu family") || !fields.containsKey("model")) {
            return Optional.empty();
        }
        String id = "family " + fields.get("cpu family") + ", model " + fields.get("model")
                + (fields.containsKey("stepping") ? ", stepping " + fields.get("stepping") : "");
        String mhz = fields.get("cpu MHz");
        if (mhz != null) {
            try {
                id += ", " + Math.round(Double.parseDouble(mhz)) + " MHz";
            } catch (NumberFormatException e) {
                // a clock that is not a number is left out; the rest still names the processor
            }
        }
        return Optional.of(id);
    }

    /** The "name : value" fields of the first processor in /proc/cpuinfo (Linux), or empty elsewhere. */
    private static Optional<Map<String, String>> firstProcessor() {
        if (!Files.isReadable(CPU_INFO)) {
            return Optional.empty();
        }
        try {
            return Optional.of(cpuInfoFields(Files.readAllLines(CPU_INFO, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The fields of the first processor's block (up to the first blank line) of /proc/cpuinfo's lines. */
    static Map<String, String> cpuInfoFields(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return fields;
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
            return process.exitValue() == 0 ? Optional.of(new String(output, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
