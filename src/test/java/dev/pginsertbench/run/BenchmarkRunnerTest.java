package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runner's command-line contract, without running any benchmark. */
class BenchmarkRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Each mistake, with the text the one line must hold: the option (or what was wrong) and the value. */
    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                arguments(List.of("--jdbc-url", "foo"), "--jdbc-url 'foo'"),
                arguments(List.of("smoke", "--dry-run", "--jdbc-url", "foo"), "--jdbc-url 'foo'"),
                arguments(List.of("--out", "/proc/x"), "--out '/proc/x'"),
                arguments(List.of("smoke", "--dry-run", "--out", "/proc/x"), "--out '/proc/x'"),
                arguments(List.of("--rows", "0"), "--rows '0'"),
                arguments(List.of("smoke", "--rows", "abc"), "--rows 'abc'"),
                arguments(List.of("--seed", "x"), "--seed 'x'"),
                arguments(List.of("--include", "(Copy"), "--include '(Copy'"),
                arguments(List.of("nightly"), "profile 'nightly'"),
                arguments(List.of("--frobnicate"), "'--frobnicate'"),
                arguments(List.of("smoke", "quick"), "more than one profile given: smoke and quick"),
                arguments(List.of("smoke", "--", "-f", "many"), "-f many"),
                arguments(List.of("smoke", "--include", "NoSuchBenchmark"), "--include 'NoSuchBenchmark'"),
                arguments(List.of("--server-profile", "fast"), "--server-profile 'fast'"),
                arguments(List.of("--provider", "docker"), "--provider 'docker'"),
                arguments(List.of("smoke", "--pg-bin", "/nonexistent/bin"), "--pg-bin '/nonexistent/bin': no directory"),
                arguments(List.of("--pg-bin", "/usr"), "--pg-bin '/usr': no executable initdb, pg_ctl, postgres in /usr"),
                arguments(List.of("versions", "--pg-version", "18"), "--pg-version '18': the embedded server runs PostgreSQL "
                        + "14, 15, 16, 17; 18's initdb turns data checksums on"),
                arguments(List.of("--pg-version", "16,nine"), "--pg-version 'nine'"),
                arguments(List.of("--pg-version", "16,16"), "--pg-version names a major twice: 16,16"),
                arguments(List.of("--pg-version", "16", "--jdbc-url", "jdbc:postgresql://db/x"),
                        "--pg-version starts embedded servers but --jdbc-url names a server"),
                arguments(List.of("versions", "--provider", "testcontainers", "--pg-version", "15"),
                        "--provider testcontainers asks for a container"),
                arguments(List.of("--server-profile", "bulk,bulk"), "--server-profile names a profile twice: bulk,bulk"),
                arguments(List.of("--server-profile", "durable,bulk", "--jdbc-url", "jdbc:postgresql://db/x"),
                        "--server-profile sets the settings of a server the suite starts, but --jdbc-url names a server"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadValueIsOneLineNamingItAndExits2BeforeAnythingStarts(List<String> args, String named, @TempDir Path folder) {
        Path results = folder.resolve("run");
        List<String> withOut = new ArrayList<>(args);
        if (!args.contains("--out")) {
            withOut.addAll(args.contains("--") ? args.indexOf("--") : args.size(), List.of("--out", results.toString()));
        }
        long started = System.nanoTime();
        assertThat(run(withOut.toArray(String[]::new))).isEqualTo(2);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed.strip().lines()).as(printed).singleElement().asString().startsWith("run-bench: ").contains(named);
        assertThat(printed).doesNotContain("Exception", "\tat ");
        // nothing started: the plan, printed before the server, never was; no folder was made
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(results).doesNotExist();
        assertThat(Path.of("/proc/x")).doesNotExist();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBadJdbcUrlFromTheEnvironmentIsCheckedToo() {
        assertThat(run(Map.of("BENCH_JDBC_URL", "localhost:5432/db"), "smoke", "--dry-run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("BENCH_JDBC_URL 'localhost:5432/db'");
    }

    @Test
    void aBadPgBinFromTheEnvironmentIsCheckedToo() {
        assertThat(run(Map.of("BENCH_PG_BIN", "/nonexistent/bin"), "smoke", "--dry-run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("BENCH_PG_BIN", "'/nonexistent/bin'", "no directory");
    }

    @Test
    void theVersionsProfileListsItsServersAndRefusesAServerOfTheUsers(@TempDir Path folder) {
        assertThat(run("versions", "--dry-run", "--pg-bin", "/usr/lib/postgresql/15/bin", "--out", folder.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("12 configurations",
                "4 servers, one after another: embedded PostgreSQL 17 (durable, 12 configurations), embedded PostgreSQL "
                        + "16 (durable, 12 configurations), embedded PostgreSQL 15 (durable, 12 configurations), "
                        + "/usr/lib/postgresql/15/bin (durable, 12 configurations)");
        assertThat(run(Map.of("BENCH_JDBC_URL", "jdbc:postgresql://db/x"), "versions", "--dry-run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("profile versions starts embedded PostgreSQL 17, 16, 15 but BENCH_JDBC_URL names a server");
    }

    @Test
    void anOutputFolderUnderAFileIsRefusedNamingTheFile(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "x");
        assertThat(run("smoke", "--dry-run", "--out", file.resolve("run").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out", "notes.txt is a file");
        assertThat(run("smoke", "--dry-run", "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists and is not a folder");
    }

    @Test
    void aDryRunWithAnEmptyOrAbsentOutputFolderOnlyPrintsThePlan(@TempDir Path folder) throws IOException {
        assertThat(run("smoke", "--dry-run", "--out", folder.toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run("smoke", "--dry-run", "--out", folder.resolve("a/b").toString())).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dry run: nothing was started");
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).as("the writability check leaves nothing behind").isEmpty();
        }
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
    void bothServerProfilesRunEveryConfigurationOnEach(@TempDir Path folder) {
        assertThat(run("smoke", "--dry-run", "--server-profile", "durable,bulk", "--out", folder.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 servers, one after another: the run's server "
                + "(durable, 22 configurations), the run's server (bulk, 22 configurations)");
        assertThat(run(Map.of("BENCH_JDBC_URL", "jdbc:postgresql://db/x"), "smoke", "--dry-run", "--server-profile",
                "durable,bulk")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("--server-profile durable,bulk starts a server of each profile but BENCH_JDBC_URL names a server");
    }

    @Test
    void theStandardProfileMeasuresItsBestConfigurationsAgainOnABulkServer() {
        assertThat(run("standard", "--dry-run")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 servers, one after another: the run's server "
                + "(durable, 104 configurations), the run's server (bulk, 13 configurations)");
        out.reset();
        // a server of the user's keeps its settings: no bulk comparison; --include narrows both
        assertThat(run(Map.of("BENCH_JDBC_URL", "jdbc:postgresql://db/x"), "standard", "--dry-run")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("servers, one after another");
        assertThat(run("standard", "--dry-run", "--include", "Ceiling")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(bulk, 3 configurations)");
    }

    @Test
    void includeAndRowsNarrowTheRun() {
        assertThat(run("quick", "--include", "Ceiling|Interleaved.*round=1", "--rows", "5000", "--dry-run", "--", "-f", "2"))
                .isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("5 configurations", "5,000 rows per load", "2 fork(s)")
                .doesNotContain("SyncBaselineBenchmark");
    }

    @Test
    void aNonEmptyOutputFolderIsRefused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("jmh-result.json"), "[]");
        assertThat(run("smoke", "--include", "insertSelect", "--out", folder.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement().asString()
                .contains("--out '" + folder + "': not empty");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
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
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        out.reset();
        err.reset();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return BenchmarkRunner.run(args, environment::get);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
