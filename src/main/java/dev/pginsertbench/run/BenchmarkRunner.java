package dev.pginsertbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pginsertbench.bench.ClaimBenchmark;
import dev.pginsertbench.bench.ForkFlags;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.ServerUnavailableException;
import dev.pginsertbench.report.ClaimShotResults;
import dev.pginsertbench.report.ClaimsReport;
import dev.pginsertbench.report.DatasetFacts;
import dev.pginsertbench.report.EnvironmentFacts;
import dev.pginsertbench.report.ResultSummary;
import dev.pginsertbench.report.RunManifest;
import dev.pginsertbench.report.SummaryMarkdown;
import dev.pginsertbench.report.SummaryRow;
import dev.pginsertbench.report.SummaryTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

/**
 * Runs a profile's configurations through JMH's Runner API, one JMH run per configuration, and
 * writes the results folder (results/README.md): jmh-result.json rewritten after every
 * configuration, so an interrupted run keeps what it finished; jmh.log, a copy of the console;
 * manifest.json and summary.md at the end (and on Ctrl-C). Credentials reach the forks only
 * through an owner-only connection file, never through their command lines.
 */
public final class BenchmarkRunner {

    static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration FORK_STOP_GRACE = Duration.ofSeconds(30);

    private final RunOptions options;
    private final List<String> args;
    private final Profile profile;
    private final int rows;
    private final List<Configuration> configurations;
    private final Options extraJmh;
    private final Path out;
    private final String runId;
    private final Instant started = Instant.now();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();

    private final List<RunResult> results = new ArrayList<>();
    private final List<RunManifest.NotMeasured> failed = new ArrayList<>();
    private Preflight preflight;
    private DatasetFacts dataset;
    private List<String> forkFlags = List.of();
    private Path scratch;
    private RunManifest.Git git;
    /** The server the runner started for the whole run, or null when each fork starts its own. */
    private PostgresServer runServer;

    private BenchmarkRunner(RunOptions options, List<String> args, Profile profile, List<Configuration> configurations,
            Options extraJmh) {
        this.options = options;
        this.args = List.copyOf(args);
        this.profile = profile;
        this.rows = options.rows() != null ? options.rows() : profile.rows();
        this.extraJmh = extraJmh;
        this.configurations = configurations.stream().map(this::withShotOverrides).toList();
        String stamp = RUN_ID_TIME.format(started);
        this.runId = stamp + "-" + profile.name();
        this.out = options.out() != null ? options.out()
                : Path.of(System.getProperty("bench.resultsDir", "results")).resolve(runId);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()::get));
    }

    /** Runs the command line; returns the exit code (0 done, 1 failed or unreachable, 2 bad usage). */
    static int run(String[] argv, UnaryOperator<String> environment) {
        List<String> args = List.of(argv);
        RunOptions options;
        try {
            options = RunOptions.parse(args);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        if (options.help()) {
            System.out.print(RunCommand.usage());
            return 0;
        }
        Profile profile = Profiles.named(options.profile()).orElseThrow();
        List<Configuration> selected = select(profile.configurations(), options.include());
        if (selected.isEmpty()) {
            return usageError("--include '" + options.include() + "': matches no configuration of profile " + profile.name());
        }
        BenchmarkRunner runner = new BenchmarkRunner(options, args, profile, selected, options.jmhOptions());
        if (options.dryRun()) {
            runner.printPlan(true);
            return 0;
        }
        return runner.execute(environment);
    }

    /** One line naming what was wrong; the whole usage text would bury it. */
    private static int usageError(String message) {
        System.err.println("run-bench: " + message + " (--help lists the options)");
        return 2;
    }

    static List<Configuration> select(List<Configuration> configurations, Pattern include) {
        return include == null ? configurations
                : configurations.stream().filter(c -> include.matcher(c.toString()).find()).toList();
    }

    private int execute(UnaryOperator<String> environment) {
        ProvisionSettings settings;
        try {
            settings = options.provisionSettings(environment);
            requireEmptyOutputFolder();
        } catch (IllegalArgumentException | IOException e) {
            return usageError(e.getMessage());
        }
        // read before the results folder exists, so the run's own output never makes the tree dirty
        git = EnvironmentFacts.git(Path.of(System.getProperty("bench.repoDir", ".")));
        String plan = printPlan(false);
        try {
            if (profile.oneServer() && settings.jdbcUrl() == null) {
                runServer = new PostgresProvisioner().start(settings);
                preflight = Preflight.of(runServer, configurations).sharedByTheRun();
                ServerAddress address = runServer.address();
                settings = ProvisionSettings.external(address.jdbcUrl(), address.user(), address.password());
            } else {
                preflight = Preflight.check(settings, configurations);
            }
        } catch (ServerUnavailableException e) {
            System.err.println("run-bench: " + e.getMessage());
            return 1;
        } catch (IOException | SQLException e) {
            System.err.println("run-bench: checking the server failed: " + e);
            return 1;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("run-bench: cannot create " + out + ": " + e);
            return 1;
        }
        // the plan was printed before the folder existed; the log starts with it
        try (ConsoleLog log = ConsoleLog.start(out.resolve("jmh.log"), plan)) {
            System.out.println("run-bench: server " + preflight.postgres().version() + " (" + preflight.postgres().provider()
                    + ", " + preflight.postgres().profile() + ") at " + preflight.postgres().url());
            preflight.skipped().forEach(s -> System.out.println("run-bench: skipped " + s.benchmark() + " " + s.params()
                    + ": " + s.reason()));
            dataset = DatasetFacts.of(options.seed(), rows);
            scratch = Files.createTempDirectory("pg-insert-bench-run-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path connectionFile = settings.writeConnectionFile(scratch);
            forkFlags = forkFlags(connectionFile);
            Thread onInterrupt = new Thread(this::interrupted, "run-bench-interrupt");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            writeResults();
            writeManifest("running");
            runAll();
            if (stopping.get()) {
                awaitHalt(); // the interrupt hook writes what was finished; the JVM halts when it is done
            }
            finished.set(true);
            String status = failed.isEmpty() ? "complete" : "failed";
            Outputs outputs = writeOutputs(status);
            System.out.println();
            if (!outputs.summary().isEmpty()) {
                System.out.print(SummaryTable.markdown(outputs.summary()));
                System.out.println();
            }
            if (!outputs.claims().isEmpty()) {
                System.out.println("Claims of the original loader (claims.md explains the columns):");
                System.out.print(outputs.claims().table());
                System.out.println();
            }
            failed.forEach(f -> System.out.println("FAILED " + f.benchmark() + " " + f.params() + ": " + f.reason()));
            System.out.printf(Locale.ROOT, "%s: %d of %d configurations measured in %s (estimated %s); results in %s%n",
                    status, results.size(), configurations.size(), DurationEstimate.clock(elapsed()),
                    DurationEstimate.clock(estimate()), out.toAbsolutePath());
            removeHook(onInterrupt);
            cleanUp();
            return failed.isEmpty() ? 0 : 1;
        } catch (IOException e) {
            System.err.println("run-bench: " + e);
            cleanUp();
            return 1;
        }
    }

    private void requireEmptyOutputFolder() throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("--out " + out + " is not empty; results are never overwritten");
                }
            }
        } else if (Files.exists(out)) {
            throw new IOException("--out " + out + " exists and is not a folder");
        }
    }

    private void runAll() {
        List<Configuration> runnable = configurations.stream().filter(c -> !preflight.isSkipped(c)).toList();
        Progress progress = new Progress(runnable, effectiveProfile(), rows);
        for (int index = 0; index < runnable.size() && !stopping.get(); index++) {
            Configuration configuration = runnable.get(index);
            progress.begin(index);
            try {
                Collection<RunResult> outcome = new Runner(jmhOptions(configuration),
                        new ProgressFormat(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), progress))
                        .run();
                if (stopping.get()) {
                    break;
                }
                synchronized (this) {
                    if (outcome.isEmpty()) {
                        failed.add(new RunManifest.NotMeasured(configuration.benchmark(), configuration.params(), "no result"));
                    }
                    results.addAll(outcome);
                }
                writeResults();
            } catch (RunnerException | RuntimeException | IOException e) {
                if (stopping.get()) {
                    break;
                }
                synchronized (this) {
                    failed.add(new RunManifest.NotMeasured(configuration.benchmark(), configuration.params(), reason(e)));
                }
            }
            progress.finish();
        }
    }

    private Options jmhOptions(Configuration configuration) {
        ChainedOptionsBuilder builder = new OptionsBuilder();
        if (extraJmh != null) {
            builder.parent(extraJmh);
        }
        builder.include("^" + Pattern.quote(configuration.fullName()) + "$")
                .param("rows", String.valueOf(rows))
                .shouldFailOnError(true)
                .jvmArgsAppend(forkFlags.toArray(String[]::new));
        configuration.params().forEach((name, value) -> builder.param(name, value));
        Profile effective = effectiveProfile();
        builder.forks(forks()).warmupIterations(configuration.warmupShots(effective))
                .measurementIterations(configuration.measuredShots(effective));
        if (options.gc() && !extraProfilers().contains("gc")) {
            builder.addProfiler(GCProfiler.class);
        }
        return builder.build();
    }

    private List<String> forkFlags(Path connectionFile) {
        List<String> flags = new ArrayList<>(List.of(ForkFlags.INITIAL_HEAP, ForkFlags.MAX_HEAP,
                "-Dbench.connectionFile=" + connectionFile, "-Dbench.seed=" + options.seed()));
        if (extraJmh != null && extraJmh.getJvmArgsAppend().hasValue()) {
            flags.addAll(extraJmh.getJvmArgsAppend().get());
        }
        return List.copyOf(flags);
    }

    private int forks() {
        return extraJmh != null && extraJmh.getForkCount().hasValue() ? extraJmh.getForkCount().get() : profile.forks();
    }

    private int warmupIterations() {
        return extraJmh != null && extraJmh.getWarmupIterations().hasValue() ? extraJmh.getWarmupIterations().get()
                : profile.warmupIterations();
    }

    private int measurementIterations() {
        return extraJmh != null && extraJmh.getMeasurementIterations().hasValue() ? extraJmh.getMeasurementIterations().get()
                : profile.measurementIterations();
    }

    private List<String> extraProfilers() {
        return extraJmh == null ? List.of() : extraJmh.getProfilers().stream().map(p -> p.getKlass()).toList();
    }

    /** A configuration with its own shot counts takes those given after {@code --} instead. */
    private Configuration withShotOverrides(Configuration configuration) {
        Configuration.Shots own = configuration.shots();
        if (own == null || extraJmh == null) {
            return configuration;
        }
        int warmup = extraJmh.getWarmupIterations().hasValue() ? extraJmh.getWarmupIterations().get() : own.warmup();
        int measured = extraJmh.getMeasurementIterations().hasValue() ? extraJmh.getMeasurementIterations().get()
                : own.measured();
        return new Configuration(configuration.benchmark(), configuration.params(),
                new Configuration.Shots(warmup, measured));
    }

    /** The fork's own message (the benchmark's exception) where JMH passed it on, else JMH's. */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        Throwable[] fromFork = cause.getSuppressed();
        Throwable shown = fromFork.length > 0 ? fromFork[0] : cause;
        return String.valueOf(shown.getMessage()).lines().findFirst().orElse(e.toString());
    }

    /** Prints the plan (and with {@code listEach} every configuration); returns the first line. */
    private String printPlan(boolean listEach) {
        PrintStream console = System.out;
        long ownShots = configurations.stream().filter(c -> c.shots() != null).count();
        String shots = ownShots == configurations.size()
                ? String.format(Locale.ROOT, "%d fork(s) each in blocks of one shot per arm", forks())
                : String.format(Locale.ROOT, "%d fork(s) x (%d warm-up + %d measured shots)%s", forks(), warmupIterations(),
                        measurementIterations(), ownShots > 0 ? ", claim forks in blocks of one shot per arm" : "");
        String plan = String.format(Locale.ROOT, "run-bench: profile %s (%s): %d configurations, %,d rows per load, "
                        + "%s; estimated %s on a 2-core machine%n",
                profile.name(), profile.purpose(), configurations.size(), rows, shots, DurationEstimate.clock(estimate()));
        console.print(plan);
        if (listEach) {
            Profile effective = effectiveProfile();
            for (Configuration configuration : configurations) {
                console.printf(Locale.ROOT, "  %s  ~%s%n", configuration.withShots(effective),
                        DurationEstimate.clock(Duration.ofSeconds(Math.round(DurationEstimate.seconds(configuration, effective, rows)))));
            }
            console.println("dry run: nothing was started; the server and the psql / server-file prerequisites are checked "
                    + "when the run starts");
        }
        return plan;
    }

    private Duration estimate() {
        return DurationEstimate.of(configurations, effectiveProfile(), rows);
    }

    /**
     * The profile with any fork and shot counts given after {@code --}; shot counts given there
     * also replace a configuration's own.
     */
    private Profile effectiveProfile() {
        return profile.with(rows, forks(), warmupIterations(), measurementIterations());
    }

    private Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    private void interrupted() {
        if (finished.get()) {
            return;
        }
        stopping.set(true);
        System.err.println("run-bench: interrupted; stopping the benchmark forks and the PostgreSQL servers they started");
        ChildProcesses.stopAll(FORK_STOP_GRACE);
        try {
            writeOutputs("interrupted");
            System.err.println("run-bench: " + results.size() + " finished configurations kept in " + out.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("run-bench: could not write the manifest and summary: " + e);
        }
        cleanUp();
    }

    /** Writes every output file; returns what the end of the run prints. */
    private synchronized Outputs writeOutputs(String status) throws IOException {
        writeResults();
        writeManifest(status);
        JsonNode json = new ObjectMapper().readTree(out.resolve("jmh-result.json").toFile());
        List<SummaryRow> summary = ResultSummary.of(json, dataset.averageRowBytes());
        ClaimsReport claims = ClaimsReport.of(ClaimShotResults.of(json));
        Files.writeString(out.resolve("summary.md"), SummaryMarkdown.of(runId, profile.name(), rows, preflight.postgres(),
                results.size(), configurations.size(), summary, failed, preflight.skipped()), StandardCharsets.UTF_8);
        if (!claims.isEmpty()) {
            Files.writeString(out.resolve("claims.csv"), claims.csv(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("claim-shots.csv"), claims.shotsCsv(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("claims.md"), claims.markdown(runId, rows), StandardCharsets.UTF_8);
        }
        return new Outputs(summary, claims);
    }

    /** What the end of a run prints: the summary table, and the claims table when the run measured claims. */
    private record Outputs(List<SummaryRow> summary, ClaimsReport claims) {
    }

    private synchronized void writeResults() throws IOException {
        Path file = out.resolve("jmh-result.json");
        Path partial = out.resolve("jmh-result.json.partial");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, partial.toString()).writeOut(List.copyOf(results));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private synchronized void writeManifest(String status) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("bench.launcher", "java -cp target/benchmarks.jar " + getClass().getName()));
        command.addAll(RunOptions.masked(args, options.password()));
        RunManifest.Run run = new RunManifest.Run(runId, profile.name(), started.toString(),
                status.equals("running") ? null : Instant.now().toString(), status, String.join(" ", command),
                RunOptions.masked(options.jmhArgs(), options.password()), configurations.size(), results.size(),
                List.copyOf(failed), preflight.skipped(), estimate().toSeconds(), elapsed().toSeconds());
        List<String> profilers = new ArrayList<>(extraProfilers());
        if (options.gc() && !profilers.contains("gc")) {
            profilers.add(0, "gc");
        }
        new RunManifest(RunManifest.SCHEMA_VERSION, run, git, EnvironmentFacts.host(), EnvironmentFacts.jvm(forkFlags), preflight.postgres(), dataset,
                new RunManifest.Jmh(Version.getPlainVersion(), forks(), warmupIterations(), measurementIterations(), "ss",
                        profilers), order())
                .write(out.resolve("manifest.json"));
    }

    private RunManifest.Order order() {
        boolean claims = configurations.stream().anyMatch(c -> c.benchmark().equals(Profiles.CLAIM));
        Profile effective = effectiveProfile();
        List<String> order = configurations.stream().map(c -> c.withShots(effective)).toList();
        return new RunManifest.Order(profile.orderSeed(), order,
                claims ? ClaimBenchmark.SHOT_ORDER : null);
    }

    /** Parks the main thread while shutdown hooks run; the JVM halts when they finish. */
    private static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // only the halt ends this thread
            }
        }
    }

    private void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it sees finished and returns
        }
    }

    /** Deletes the connection file and stops the run's own server, if it started one. */
    private void cleanUp() {
        deleteScratch();
        if (runServer != null) {
            runServer.close();
        }
    }

    private void deleteScratch() {
        if (scratch == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("run-bench: could not delete " + scratch + " (holds the connection settings): " + e);
        }
    }
}
