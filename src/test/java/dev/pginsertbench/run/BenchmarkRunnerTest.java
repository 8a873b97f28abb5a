package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's command-line contract, without running any benchmark. */
class BenchmarkRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aBadOptionIsOneLineAndExitsWith2() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString().contains("'--frobnicate'");
    }

    @Test
    void anUnknownProfileExitsWith2() {
        assertThat(run("nightly")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("profile 'nightly': unknown");
    }

    @Test
    void anIncludeThatMatchesNothingExitsWith2() {
        assertThat(run("smoke", "--include", "NoSuchBenchmark", "--dry-run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("matches no configuration");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: run-bench.sh", "--jdbc-url", "--dry-run", "Profiles:");
    }

    @Test
    void aDryRunListsEveryConfigurationWithTheEstimateAndStartsNothing() {
        assertThat(run("smoke", "--dry-run")).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("profile smoke", Profiles.smoke().configurations().size() + " configurations",
                "2,000 rows per load", "estimated 00:0");
        for (Configuration configuration : Profiles.smoke().configurations()) {
            assertThat(printed).contains(configuration.toString());
        }
    }

    @Test
    void includeAndRowsNarrowTheRun() {
        assertThat(run("quick", "--include", "Ceiling", "--rows", "5000", "--dry-run", "--", "-f", "2")).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("5 configurations", "5,000 rows per load", "2 fork(s)")
                .doesNotContain("SyncBaselineBenchmark");
    }

    @Test
    void aNonEmptyOutputFolderIsRefused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("jmh-result.json"), "[]");
        assertThat(run("smoke", "--include", "insertSelect", "--out", folder.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not empty");
    }

    @Test
    void anUnreachableServerFailsFastNamingItWithoutThePassword(@TempDir Path folder) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        Path results = folder.resolve("run");
        int exit = run("smoke", "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/benchdb?password=hunter2",
                "--user", "bob", "--password", "hunter2", "--out", results.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("127.0.0.1", String.valueOf(closedPort), "benchdb").doesNotContain("hunter2");
        assertThat(results).doesNotExist();
    }

    private int run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return BenchmarkRunner.run(args, Map.<String, String>of()::get);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
