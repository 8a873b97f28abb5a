package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run-bench.sh} as a user calls it, with what users get wrong: each mistake is one clear
 * first line and a non-zero exit, never a stack trace. Runs after {@code package}, so the script
 * finds an up-to-date jar and builds nothing.
 */
class RunBenchScriptIT {

    private static final Path SCRIPT = Path.of("run-bench.sh").toAbsolutePath();

    @Test
    void anUnknownOptionIsOneLineAndExitsTwo() throws Exception {
        Result result = run(List.of("--bogus"), Map.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.messages()).singleElement().asString().contains("'--bogus'").contains("--help");
    }

    @Test
    void anUnknownProfileNamesTheProfilesAndExitsTwo() throws Exception {
        Result result = run(List.of("fastest"), Map.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.messages()).singleElement().asString().contains("profile 'fastest'")
                .contains(String.join(", ", Profiles.names()));
    }

    @Test
    void aMalformedUrlOrAnUnusableFolderIsOneLineBeforeAnyServerStarts() throws Exception {
        for (List<String> arguments : List.of(List.of("smoke", "--jdbc-url", "foo"), List.of("smoke", "--out", "/proc/x"))) {
            long started = System.nanoTime();
            Result result = run(arguments, Map.of());
            assertThat(result.exitCode()).as(arguments.toString()).isEqualTo(2);
            assertThat(result.messages()).as(arguments.toString()).singleElement().asString().contains(arguments.get(2));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(arguments.toString()).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void anUnreachableServerIsOneLineWithoutThePassword(@TempDir Path out) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        long started = System.nanoTime();
        Result result = run(List.of("smoke", "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + port + "/thesis?password=sekrit9",
                "--out", out.resolve("run").toString()), Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().lines().filter(line -> line.contains("cannot connect")))
                .singleElement().asString().contains("host 127.0.0.1").contains("port " + port).contains("'thesis'");
        assertThat(result.output()).doesNotContain("sekrit9").doesNotContain("Exception");
    }

    @Test
    void noJdkIsOneLineAndExitsNonZero(@TempDir Path emptyJdkFolder) throws Exception {
        Result result = run(List.of("smoke"), Map.of("JAVA_HOME", "", "BENCH_JDK_DIRS", emptyJdkFolder.toString()));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().strip().lines()).singleElement().asString().contains("no JDK 21 or newer found");
    }

    private static Result run(List<String> arguments, Map<String, String> environment) throws IOException, InterruptedException {
        Path log = Files.createTempFile("run-bench", ".log");
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", SCRIPT.toString())))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.command().addAll(arguments);
        builder.environment().keySet().removeIf(name -> name.startsWith("BENCH_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("run-bench.sh " + arguments + " did not end within 2 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }

    /** Exit code and everything printed; the lines after the JDK notice are the messages. */
    private record Result(int exitCode, String output) {
        List<String> messages() {
            return output.lines().filter(line -> !line.startsWith("run-bench.sh: using Java") && !line.isBlank()).toList();
        }
    }
}
