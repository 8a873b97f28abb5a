package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.Prerequisite;
import dev.pginsertbench.bench.PythonLoader;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.Provider;
import dev.pginsertbench.postgres.ServerProfile;
import dev.pginsertbench.report.RunManifest;
import dev.pginsertbench.report.SummaryMarkdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smoke profile end to end, as a user runs it: the runner in its own JVM on the packaged
 * benchmarks jar, pointed with {@code --jdbc-url} (carrying the password) and {@code --password}
 * at an embedded server this test started. That server requires the password generated for it
 * (scram-sha-256), so the run proves both that it reaches every fork and that it appears in no
 * output.
 */
class SmokeRunIT {

    private static final Logger LOG = LoggerFactory.getLogger(SmokeRunIT.class);
    private static String secret;
    private static final Path JAR = Path.of("target", "benchmarks.jar");
    private static final long TIMEOUT_MINUTES = 8;

    private static PostgresServer server;
    private static Path results;
    private static String console;
    private static int exitCode;

    @BeforeAll
    static void runSmokeProfile() throws Exception {
        assertThat(JAR).as("the benchmarks jar (built by mvn package)").exists();
        server = new PostgresProvisioner().start(ProvisionSettings.started(ServerProfile.DURABLE, Provider.EMBEDDED));
        secret = server.address().password();
        results = Path.of("target", "it-smoke-" + System.currentTimeMillis());
        Path consoleFile = Path.of("target", results.getFileName() + ".console.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", JAR.toString(), BenchmarkRunner.class.getName(), "smoke",
                "--jdbc-url", server.address().jdbcUrl() + "&password=" + secret,
                "--password", secret, "--out", results.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(consoleFile.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("BENCH_"));
        // the run uses the interpreter this test judges the Python forks by (CI's bare path names one without the packages)
        builder.environment().put("BENCH_PYTHON", PythonLoader.interpreter().toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        exitCode = process.exitValue();
        console = Files.readString(consoleFile, StandardCharsets.UTF_8);
        reportNotMeasured();
    }

    /** The forks the smoke run skipped or lost, one line each, so that the build's log says what this machine lacks. */
    private static void reportNotMeasured() throws IOException {
        Path summary = results.resolve("summary.md");
        if (!Files.isRegularFile(summary)) {
            return;
        }
        String text = Files.readString(summary, StandardCharsets.UTF_8);
        int section = notMeasuredSection(text);
        if (section >= 0) {
            text.substring(section).lines().filter(line -> line.startsWith("- "))
                    .forEach(line -> LOG.warn("smoke run, not measured: {}", line.substring(2)));
        }
    }

    /** Where summary.md's "Not measured" section starts, or -1 where every configuration was measured. */
    private static int notMeasuredSection(String summary) {
        return summary.indexOf("\n" + SummaryMarkdown.NOT_MEASURED_HEADING + "\n");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRunSucceedsAndWritesEveryFileOfTheResultsFolder() {
        assertThat(exitCode).as(console).isZero();
        assertThat(results.resolve("jmh-result.json")).isNotEmptyFile();
        assertThat(results.resolve("manifest.json")).isNotEmptyFile();
        assertThat(results.resolve("jmh.log")).isNotEmptyFile();
        assertThat(results.resolve("summary.md")).isNotEmptyFile();
        assertThat(console).contains("1 of ", "ETA ", "complete: ");
    }

    @Test
    void summaryCsvHasOneRowPerMeasuredConfigurationExceptTheClaimForksWithEveryLoaderMetric() throws Exception {
        List<String> lines = Files.readAllLines(results.resolve("summary.csv"), StandardCharsets.UTF_8);
        List<String> header = cells(lines.get(0));
        JsonNode entries = new ObjectMapper().readTree(results.resolve("jmh-result.json").toFile());
        long claimForks = 0;
        long interleavedForks = 0;
        for (JsonNode entry : entries) {
            // the claims forks and the relay's A/A fork mix arms: none is a summary row
            claimForks += entry.path("benchmark").asText().contains("ClaimBenchmark.")
                    || entry.path("benchmark").asText().endsWith(Catalogue.RELAY_COST.id()) ? 1 : 0;
            interleavedForks += entry.path("benchmark").asText().endsWith(Catalogue.INTERLEAVED_REFERENCES.id()) ? 1 : 0;
        }
        long measured = entries.size();
        // the one interleaved fork becomes a row per arm: pooled COPY, the parallel ceiling (same machine) and
        // psql where it is on PATH; without psql its arm is left out and the fork runs the other two
        boolean psql = Prerequisite.PSQL.missing(null).isEmpty();
        List<String> arms = psql
                ? List.of(Catalogue.POOLED_COPY.id(), Catalogue.PSQL_COPY.id(), Catalogue.PARALLEL_CEILING.id())
                : List.of(Catalogue.POOLED_COPY.id(), Catalogue.PARALLEL_CEILING.id());
        assertThat(interleavedForks).isEqualTo(1);
        assertThat(lines).hasSize((int) (1 + measured - claimForks - interleavedForks + arms.size()));
        assertThat(lines).filteredOn(line -> line.endsWith(",true")).extracting(line -> cells(line).get(0))
                .containsExactlyInAnyOrderElementsOf(arms);
        List<String> interleaved = Files.readAllLines(results.resolve("interleaved.csv"), StandardCharsets.UTF_8);
        assertThat(interleaved).hasSize(arms.size())
                .anySatisfy(line -> assertThat(line).contains(",500,2,parallel_ceiling,"));
        assertThat(interleaved).filteredOn(line -> line.contains(",500,2,psql,")).hasSize(psql ? 1 : 0);
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as(line).hasSameSizeAs(header);
            assertThat(Double.parseDouble(cells.get(header.indexOf("rows_per_s")))).as(line).isPositive();
            assertThat(cells.get(header.indexOf("server"))).as(line).matches("\\d+\\.\\d+ external");
            assertThat(cells.get(header.indexOf("rows_per_s_low"))).as(line + ": two measured shots give an interval")
                    .isNotEmpty();
            if (cells.get(0).equals(Catalogue.POOLED_COPY.id())) {
                assertThat(Double.parseDouble(cells.get(header.indexOf("mean_chunk_ms")))).as(line).isPositive();
                assertThat(cells.get(header.indexOf("chunks"))).as(line).isEqualTo("4");
                assertThat(cells.get(header.indexOf("successful_chunks"))).as(line).isEqualTo("4");
                assertThat(Double.parseDouble(cells.get(header.indexOf("x_sync")))).as(line).isPositive();
            }
        }
    }

    @Test
    void everyBenchmarkMethodIsPresentWithAPositiveScoreAndEveryRowCounted() throws Exception {
        JsonNode entries = new ObjectMapper().readTree(results.resolve("jmh-result.json").toFile());
        Set<String> benchmarks = new HashSet<>();
        for (JsonNode entry : entries) {
            String name = entry.path("benchmark").asText();
            benchmarks.add(name.substring(Catalogue.PACKAGE.length()));
            assertThat(entry.path("mode").asText()).isEqualTo("ss");
            assertThat(entry.path("primaryMetric").path("score").asDouble()).as(name).isPositive();
            long shots = entry.path("measurementIterations").asLong() * entry.path("forks").asLong();
            long rows = entry.path("params").path("rows").asLong();
            JsonNode secondary = entry.path("secondaryMetrics");
            assertThat(secondary.path("rows").path("score").asDouble()).as(name + " rows").isEqualTo(rows * shots);
            assertThat(secondary.path("failedChunks").path("score").asDouble()).as(name).isZero();
            assertThat(secondary.path("walBytesPerRow").path("score").asDouble()).as(name).isPositive();
            // every counter the entry's writers report, by the one list the reports read them by
            Catalogue catalogued = Catalogue.byName(name).orElseThrow();
            List<Counter.Writer> writers = new ArrayList<>(List.of(Counter.Writer.SHOT, Counter.Writer.GC_PROFILER));
            if (catalogued.claimLanguage().isPresent()) {
                writers.add(Counter.Writer.CLAIM);
            }
            if (catalogued == Catalogue.INTERLEAVED_REFERENCES) {
                writers.add(Counter.Writer.REFERENCE);
            }
            if (catalogued == Catalogue.RELAY_COST) {
                writers.add(Counter.Writer.RELAY);
            }
            for (Counter.Writer writer : writers) {
                for (Counter counter : Counter.of(writer)) {
                    assertThat(secondary.has(counter.key())).as(name + " " + counter.key()).isTrue();
                }
            }
        }
        Set<String> expected = new HashSet<>();
        Profiles.smoke().configurations().forEach(c -> expected.add(c.benchmark()));
        String skipped = new ObjectMapper().readTree(results.resolve("manifest.json").toFile()).path("run").path("skipped")
                .toString();
        if (Prerequisite.PSQL.missing(null).isPresent()) {
            // a machine without psql skips that one benchmark, and must say so
            expected.remove(Catalogue.PSQL_COPY.id());
            assertThat(skipped).contains("PsqlCopyBenchmark", "psql is not on PATH");
        }
        if (Prerequisite.PYTHON_LOADER.missing(null).isPresent()) {
            // without the Python port's packages its fork is skipped, saying which are missing
            expected.remove(Catalogue.PYTHON_CLAIM.id());
            assertThat(skipped).contains("PythonClaimBenchmark", "apt-get install python3-psycopg");
        }
        assertThat(benchmarks).isEqualTo(expected);
        // without the Python port, every fork that drives it is skipped: its claims fork and its scale fork
        long pythonForks = Profiles.smoke().configurations().stream().filter(Configuration::runsPython).count();
        assertThat(entries.size()).isEqualTo(Profiles.smoke().configurations().size()
                - (expected.contains(Catalogue.PSQL_COPY.id()) ? 0 : 1)
                - (expected.contains(Catalogue.PYTHON_CLAIM.id()) ? 0 : pythonForks));
    }

    @Test
    void theManifestHasEveryField() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(results.resolve("manifest.json").toFile());
        assertThat(manifest.path("schemaVersion").asInt()).isEqualTo(RunManifest.SCHEMA_VERSION);
        JsonNode python = manifest.path("pythonLoader");
        assertThat(python.has("python") || python.path("skipped").asText().contains("python3")).as(python.toString()).isTrue();
        assertThat(manifest.path("postgres").path("driver").asText()).startsWith("PostgreSQL JDBC Driver 42.7.");
        JsonNode run = manifest.path("run");
        assertThat(run.path("status").asText()).isEqualTo("complete");
        assertThat(run.path("profile").asText()).isEqualTo("smoke");
        assertThat(run.path("id").asText()).matches("\\d{8}T\\d{6}Z-smoke");
        assertThat(run.path("command").asText()).contains("smoke", "--password ***");
        assertFields(run, "startedUtc", "finishedUtc", "jmhArgs", "configurations", "completed", "failed", "skipped",
                "estimatedSeconds", "elapsedSeconds");
        assertThat(manifest.path("git").has("commit")).isTrue();
        assertThat(manifest.path("git").has("dirty")).isTrue();
        assertFields(manifest.path("host"), "os", "osVersion", "arch", "cpuModel", "cpuId", "cpuCount", "memoryBytes");
        assertFields(manifest.path("jvm"), "version", "vendor", "home", "forkFlags");
        assertThat(manifest.path("jvm").path("forkFlags").toString()).contains("-Xmx8g");
        JsonNode postgres = manifest.path("postgres");
        assertFields(postgres, "label", "provider", "profile", "detail", "url", "auth", "version", "settings", "allSettings");
        assertThat(postgres.path("provider").asText()).isEqualTo("external");
        assertThat(postgres.path("auth").asText()).isEqualTo("as configured (a password was given)");
        // one server: it is the whole list, and its label is what summary.csv's server column says
        assertThat(manifest.path("servers")).singleElement().isEqualTo(postgres);
        assertThat(postgres.path("label").asText()).matches("\\d+\\.\\d+ external");
        assertThat(postgres.path("version").asText()).startsWith("PostgreSQL");
        assertThat(postgres.path("settings").has("fsync")).isTrue();
        assertThat(postgres.path("allSettings").size()).isGreaterThan(100);
        // how far the server was: a median no faster than the fastest, from all the statements timed
        JsonNode roundTrip = postgres.path("roundTrip");
        assertThat(roundTrip.path("n").asInt()).isEqualTo(21);
        assertThat(roundTrip.path("minMs").asDouble()).isPositive();
        assertThat(roundTrip.path("medianMs").asDouble()).isGreaterThanOrEqualTo(roundTrip.path("minMs").asDouble());
        JsonNode dataset = manifest.path("dataset");
        assertThat(dataset.path("rows").asInt()).isEqualTo(2000);
        assertThat(dataset.path("seed").asLong()).isEqualTo(42);
        assertThat(dataset.path("averageRowBytes").asDouble()).isPositive();
        JsonNode jmh = manifest.path("jmh");
        assertThat(jmh.path("version").asText()).isEqualTo("1.37");
        assertThat(jmh.path("mode").asText()).isEqualTo("ss");
        assertThat(jmh.path("profilers").toString()).contains("gc");
        assertFields(jmh, "forks", "warmupIterations", "measurementIterations");
        JsonNode order = manifest.path("order");
        assertThat(order.path("configurations").size()).isEqualTo(Profiles.smoke().configurations().size());
        assertThat(order.path("shots").asText()).contains("blocks of one shot per arm");
        // a seed drawn for this run, recorded so that --seed repeats it
        assertThat(order.path("seed").isIntegralNumber()).isTrue();
        assertThat(order.path("seedDrawn").asBoolean()).isTrue();
        assertThat(console).contains("--seed " + order.path("seed").asLong() + " repeats its order");
        assertThat(manifest.path("claimArms")).extracting(arm -> arm.path("language").asText() + "/" + arm.path("arm").asText())
                .contains("java/after", "java/convert_per_chunk");
    }

    @Test
    void theClaimForkIsReportedAsVerdictsAndShotsInOrder() throws Exception {
        List<String> claims = Files.readAllLines(results.resolve("claims.csv"), StandardCharsets.UTF_8);
        assertThat(claims.get(0))
                .startsWith("claim,language,rtt,rtt_ms,rows,row,statement,comparison,unit,primary,claimed_low,claimed_high,");
        boolean python = Prerequisite.PYTHON_LOADER.missing(null).isEmpty();
        long javaRows = OriginalClaim.CONVERSION.comparisons().stream()
                .filter(c -> Language.JAVA.compares(OriginalClaim.CONVERSION, c)).count();
        long pythonRows = OriginalClaim.CONVERSION.comparisons().stream()
                .filter(c -> Language.PYTHON.compares(OriginalClaim.CONVERSION, c)).count();
        // and the pool claim's one comparison, in Java, through the 2 ms relay
        assertThat(claims).hasSize((int) (1 + 1 + javaRows + (python ? pythonRows : 0)));
        assertThat(claims.get(1)).startsWith("pool,java,2ms,2.00000,2000,pooled_vs_per_chunk,");
        assertThat(claims.get(2)).startsWith("conversion,java,loopback,0.00000,2000,upfront_vs_per_chunk,");
        // the memory each arm held, counted in the forks: up front holds every converted row, about 1 KB each
        List<String> header = cells(claims.get(0));
        List<String> memory = cells(claims.stream().filter(line -> line.startsWith("conversion,java,loopback,0.00000,2000,retained_memory,"))
                .findFirst().orElseThrow());
        assertThat(Double.parseDouble(memory.get(header.indexOf("dataset_mb")))).isPositive();
        assertThat(Double.parseDouble(memory.get(header.indexOf("extra_bytes_per_row")))).isGreaterThan(300);
        assertThat(memory.get(header.indexOf("unit"))).isEqualTo("% of dataset more held");
        List<String> shots = Files.readAllLines(results.resolve("claim-shots.csv"), StandardCharsets.UTF_8);
        // one claim fork of two arms, two measured blocks, in each language, and the relayed pool fork's
        assertThat(shots).hasSize(1 + 2 * 2 * (python ? 2 : 1) + 2 * 2);
        assertThat(shots.subList(1, 5)).allMatch(line -> line.startsWith("conversion,java,loopback,1,1,"));
        if (python) {
            assertThat(shots.subList(5, 9)).allMatch(line -> line.startsWith("conversion,python,loopback,1,1,"));
            assertThat(claims).anyMatch(line -> line.startsWith("conversion,python,loopback,0.00000,2000,peak_rss,"));
        }
        assertThat(shots).filteredOn(line -> line.startsWith("pool,java,2ms,1,1,")).hasSize(4);
        assertThat(Files.readString(results.resolve("claims.md"), StandardCharsets.UTF_8)).contains("converted up front vs in each chunk");
        assertThat(console).contains("Claims of the original loader");
        // no claim fork is a summary row, in summary.csv or in summary.md's table; a skipped one is listed with its reason
        List<String> summaryRows = Files.readAllLines(results.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertThat(summaryRows.subList(1, summaryRows.size())).extracting(line -> cells(line).get(0))
                .noneMatch(benchmark -> benchmark.contains("ClaimBenchmark"));
        String summary = Files.readString(results.resolve("summary.md"), StandardCharsets.UTF_8);
        int notMeasured = notMeasuredSection(summary);
        String measuredPart = notMeasured < 0 ? summary : summary.substring(0, notMeasured);
        assertThat(measuredPart.lines().filter(line -> line.startsWith("| "))).noneMatch(line -> line.contains("ClaimBenchmark"));
        if (!python) {
            assertThat(notMeasured).as("summary.md lists the skipped Python claim fork").isPositive();
            assertThat(summary.substring(notMeasured)).contains("PythonClaimBenchmark.load")
                    .contains(Prerequisite.PYTHON_LOADER.missing(null).orElseThrow());
        }
    }

    @Test
    void theRelayedForksCountTheirRoundTripsAndTheRelayIsCheckedAndItsCostMeasured() throws Exception {
        List<String> shots = Files.readAllLines(results.resolve("claim-shots.csv"), StandardCharsets.UTF_8);
        List<String> header = cells(shots.get(0));
        for (String line : shots.subList(1, shots.size())) {
            List<String> cells = cells(line);
            double added = Double.parseDouble(cells.get(header.indexOf("loader_rtt_ms")))
                    - Double.parseDouble(cells.get(header.indexOf("direct_rtt_ms")));
            if (line.startsWith("pool,java,2ms,")) {
                // the relay holds every byte a millisecond each way: a round trip through it is never shorter
                assertThat(added).as(line).isGreaterThanOrEqualTo(2.0);
                assertThat(Double.parseDouble(cells.get(header.indexOf("round_trips")))).as(line).isPositive();
                assertThat(Double.parseDouble(cells.get(header.indexOf("relay_cpu_ns_per_row")))).as(line)
                        .isNotNaN();
            } else {
                assertThat(cells.get(header.indexOf("round_trips"))).as(line).isEqualTo("NaN");
            }
        }
        List<String> network = Files.readAllLines(results.resolve("claims-network.csv"), StandardCharsets.UTF_8);
        List<String> columns = cells(network.get(0));
        double pooled = Double.NaN;
        double perChunk = Double.NaN;
        for (String line : network.subList(1, network.size())) {
            List<String> cells = cells(line);
            if (line.startsWith("pool,java,2ms,")) {
                double roundTrips = Double.parseDouble(cells.get(columns.indexOf("round_trips_per_chunk")));
                if (cells.get(columns.indexOf("arm")).equals("after")) {
                    pooled = roundTrips;
                } else {
                    perChunk = roundTrips;
                }
            }
        }
        // a new connection per chunk waits for its startup and login exchanges on every chunk, a pooled one does not
        assertThat(pooled).isPositive();
        assertThat(perChunk).isGreaterThan(pooled + 2);
        List<String> cost = Files.readAllLines(results.resolve("relay-cost.csv"), StandardCharsets.UTF_8);
        assertThat(cost).hasSize(4);
        assertThat(cost.subList(1, 4)).extracting(line -> cells(line).get(0))
                .containsExactly("time", "relay_cpu", "client_cpu");
        assertThat(cost.subList(1, 4)).allMatch(line -> line.endsWith(",2,1"));
        String summary = Files.readString(results.resolve("summary.md"), StandardCharsets.UTF_8);
        assertThat(summary).contains("## The latency relay's own cost (A/A)", "## The latency relay's accuracy",
                "| 2ms | 1 |");
        assertThat(Files.readString(results.resolve("claims.md"), StandardCharsets.UTF_8))
                .contains("## The network", "| pool | java | 2ms | new_connection_per_chunk |");
    }

    @Test
    void thePasswordAndKeyMaterialAppearInNoFileAndNotOnTheConsole() throws IOException {
        // the generated password, and any PEM key (the servers' TLS keys stay in their data directories)
        assertThat(console).doesNotContain(secret).doesNotContain("PRIVATE KEY");
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString())
                        .doesNotContain(secret).doesNotContain("PRIVATE KEY");
            }
        }
    }

    private static void assertFields(JsonNode node, String... names) {
        for (String name : names) {
            assertThat(node.has(name)).as(name + " in " + node).isTrue();
            assertThat(node.get(name).isNull()).as(name + " is null in " + node).isFalse();
        }
    }

    /** A CSV line's cells; a quoted cell may hold commas (the labels do). */
    private static List<String> cells(String line) {
        return List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1));
    }
}
