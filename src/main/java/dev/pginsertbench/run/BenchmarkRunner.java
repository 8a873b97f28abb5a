package dev.pginsertbench.run;

import dev.pginsertbench.bench.PythonLoader;
import dev.pginsertbench.postgres.EmbeddedBinaries;
import dev.pginsertbench.postgres.EmbeddedVersion;
import dev.pginsertbench.postgres.PostgresBinaries;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerUnavailableException;
import dev.pginsertbench.report.DatasetFacts;
import dev.pginsertbench.report.EnvironmentFacts;
import dev.pginsertbench.report.PoolCommand;
import dev.pginsertbench.report.RunManifest;
import dev.pginsertbench.report.SummaryTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The runner behind run-bench.sh: checks every value (options, BENCH_* variables, the results
 * folder) before anything starts, a dry run included; then checks the server ({@link Preflight}:
 * every fork starts its own or connects to the user's), creates the {@link ResultsFolder} and runs the {@link RunPlan}
 * through the {@link RunLoop}; a run over several servers ({@code --pg-version}, the versions profile,
 * {@code --server-profile durable,bulk}, a profile's bulk comparison: {@link ServerPass}) does this
 * for each server in turn, into the same folder. Exit codes: 0 done, 1 failed or
 * unreachable, 2 bad usage.
 */
public final class BenchmarkRunner {

    /** The first argument that pools runs of the claims study instead of measuring ({@link PoolCommand}). */
    static final String POOL = "pool";

    static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BenchmarkRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()::get));
    }

    /** Runs the command line; returns the exit code (0 done, 1 failed or unreachable, 2 bad usage). */
    static int run(String[] argv, UnaryOperator<String> environment) {
        List<String> args = List.of(argv);
        if (!args.isEmpty() && args.get(0).equals(POOL)) {
            return PoolCommand.run(args.subList(1, args.size()), System.out, System.err,
                    Path.of(System.getProperty("bench.resultsDir", "results")));
        }
        Instant started = Instant.now();
        RunOptions options;
        RunPlan plan;
        ProvisionSettings settings;
        List<ServerPass> passes;
        Path out;
        try {
            options = RunOptions.parse(args);
            if (options.help()) {
                System.out.print(RunCommand.usage());
                return 0;
            }
            plan = RunPlan.of(options);
            settings = provisionSettings(options, environment);
            passes = ServerPass.of(plan, settings, embeddedVersions(options, plan, settings), options.serverProfiles());
            out = options.out() != null ? options.out()
                    : Path.of(System.getProperty("bench.resultsDir", "results")).resolve(runId(started, plan));
            ResultsFolder.requireUsable(out, options.out() != null ? "--out" : "the results folder");
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        if (options.dryRun()) {
            plan.print(System.out, true);
            if (passes.size() > 1) {
                System.out.println(serversLine(passes, settings.binaries()));
            }
            return 0;
        }
        Optional<String> jmhBusy = JmhLock.heldByAnotherRun();
        if (jmhBusy.isPresent()) {
            System.err.println("run-bench: " + jmhBusy.get());
            return 1;
        }
        Optional<RunLock> lock;
        try {
            lock = RunLock.acquire(RunLock.file());
        } catch (IOException e) {
            System.err.println("run-bench: cannot open the run lock " + RunLock.file() + ": " + e.getMessage());
            return 1;
        }
        if (lock.isEmpty()) {
            System.err.println("run-bench: " + RunLock.heldMessage(RunLock.file()));
            return 1;
        }
        try (RunLock held = lock.get()) {
            List<ProvisionSettings> servers = new ArrayList<>();
            try {
                Map<EmbeddedVersion, EmbeddedBinaries> fetched = new HashMap<>();
                passes.forEach(pass -> servers.add(pass.settings(settings, fetched)));
            } catch (ServerUnavailableException e) {
                System.err.println("run-bench: " + e.getMessage());
                return 1;
            }
            String serversLine = passes.size() > 1 ? serversLine(passes, settings.binaries()) : null;
            return execute(new Invocation(args, options, plan, started), passes, servers, serversLine, out);
        } catch (IOException e) {
            System.err.println("run-bench: releasing the run lock failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The embedded majors the run measures one after another: --pg-version's, else the profile's
     * (the versions profile), else none (the run's one server). A server of the user's cannot be
     * combined with them.
     */
    private static List<EmbeddedVersion> embeddedVersions(RunOptions options, RunPlan plan, ProvisionSettings settings)
            throws UsageException {
        List<EmbeddedVersion> versions = options.pgVersions() != null ? options.pgVersions()
                : plan.profile().pgVersions();
        if (!versions.isEmpty() && settings.jdbcUrl() != null) {
            throw new UsageException("profile " + plan.profile().name() + " starts embedded PostgreSQL "
                    + majors(versions) + " but BENCH_JDBC_URL names a server; give one");
        }
        return versions;
    }

    /** The servers of a run over several, in order, each with its configurations, and the estimate in all. */
    private static String serversLine(List<ServerPass> passes, PostgresBinaries local) {
        Duration estimate = passes.stream().map(pass -> pass.plan().estimate()).reduce(Duration.ZERO, Duration::plus);
        return String.format(Locale.ROOT, "run-bench: %d servers, one after another: %s; estimated %s in all",
                passes.size(), passes.stream().map(pass -> pass.describe(local)).collect(Collectors.joining(", ")),
                DurationEstimate.clock(estimate));
    }

    private static String majors(List<EmbeddedVersion> versions) {
        return versions.stream().map(v -> String.valueOf(v.major())).collect(Collectors.joining(", "));
    }

    /** One line naming what was wrong; the whole usage text would bury it. */
    private static int usageError(String message) {
        System.err.println("run-bench: " + message + " (--help lists the options)");
        return 2;
    }

    /** The command line as given and as understood, and when the run started. */
    private record Invocation(List<String> args, RunOptions options, RunPlan plan, Instant started) {
    }

    private static String runId(Instant started, RunPlan plan) {
        return RUN_ID_TIME.format(started) + "-" + plan.profile().name();
    }

    /** The options first, then BENCH_* variables; a URL from the environment is checked like one given as an option. */
    private static ProvisionSettings provisionSettings(RunOptions options, UnaryOperator<String> environment)
            throws UsageException {
        ProvisionSettings settings;
        try {
            settings = options.provisionSettings(environment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.jdbcUrl() == null && settings.jdbcUrl() != null) {
            RunOptions.requirePostgresUrl(settings.jdbcUrl(), settings.password(), "BENCH_JDBC_URL");
        }
        return settings;
    }

    /**
     * @param servers     each pass's server settings
     * @param serversLine what the plan says about a run over several servers, or null
     */
    private static int execute(Invocation invocation, List<ServerPass> passes, List<ProvisionSettings> servers,
            String serversLine, Path out) {
        // read before the results folder exists, so the run's own output never makes the tree dirty
        RunManifest.Git git = EnvironmentFacts.git(Path.of(System.getProperty("bench.repoDir", ".")));
        String planLine = invocation.plan().print(System.out, false);
        if (serversLine != null) {
            System.out.println(serversLine);
            planLine += serversLine + System.lineSeparator();
        }
        // the first server is checked before the results folder exists: an unreachable one leaves no folder
        Preflight first;
        try {
            first = Preflight.check(servers.get(0), passes.get(0).plan().configurations(),
                    passes.get(0).plan().rows());
        } catch (ServerUnavailableException e) {
            System.err.println("run-bench: " + e.getMessage());
            return 1;
        } catch (IOException | SQLException e) {
            System.err.println("run-bench: checking the server failed: " + e);
            return 1;
        }
        ResultsFolder folder;
        try {
            folder = ResultsFolder.create(out);
        } catch (IOException e) {
            System.err.println("run-bench: cannot create " + out + ": " + e);
            return 1;
        }
        // the plan was printed before the folder existed; the log starts with it
        try (ConsoleLog log = ConsoleLog.start(folder.consoleLog(), planLine)) {
            return measure(invocation, git, passes, servers, first, folder);
        } catch (IOException e) {
            System.err.println("run-bench: " + e);
            return 1;
        }
    }

    /**
     * Runs each pass's plan on its server in turn; a later server that does not start fails its
     * configurations and the run goes on with the next.
     */
    private static int measure(Invocation invocation, RunManifest.Git git, List<ServerPass> passes,
            List<ProvisionSettings> servers, Preflight first, ResultsFolder folder) throws IOException {
        RunPlan plan = invocation.plan();
        List<RunPlan> plans = passes.stream().map(ServerPass::plan).toList();
        boolean labelProfile = ServerPass.profilesDiffer(passes);
        RunManifest.PythonPort python = pythonPort(plans);
        DatasetFacts dataset = DatasetFacts.of(plan.datasetSeed(), plan.rows());
        List<Preflight> checked = new ArrayList<>();
        Outcome outcome = new Outcome(List.of(), List.of());
        RunFacts facts = null;
        for (int index = 0; index < servers.size(); index++) {
            Preflight checkedServer;
            try {
                checkedServer = index == 0 ? first
                        : Preflight.check(servers.get(index), plans.get(index).configurations(),
                                plans.get(index).rows());
            } catch (ServerUnavailableException | IOException | SQLException e) {
                System.out.println("run-bench: server " + (index + 1) + " of " + servers.size() + " did not start: "
                        + e.getMessage());
                outcome = failedOn(outcome, plans.get(index), servers.get(index), labelProfile, e.getMessage());
                continue;
            }
            Preflight preflight = labelProfile ? checkedServer.withProfileInLabel() : checkedServer;
            checked.add(preflight);
            System.out.println("run-bench: server "
                    + (servers.size() > 1 ? (index + 1) + " of " + servers.size() + " " : "")
                    + preflight.postgres().version() + " (" + preflight.postgres().provider() + ", "
                    + preflight.postgres().profile() + ") at " + preflight.postgres().url()
                    + ", results labelled server=" + preflight.label());
            preflight.skipped().forEach(s -> System.out.println("run-bench: skipped " + s.benchmark() + " " + s.params()
                    + ": " + s.reason()));
            try (ConnectionFile connection = ConnectionFile.write(servers.get(index))) {
                facts = new RunFacts(runId(invocation.started(), plan), invocation.started(), command(invocation),
                        RunOptions.masked(invocation.options().jmhArgs(), invocation.options().password()), git,
                        checked, plans, dataset, plan.forkFlags(connection.path()), python);
                outcome = new RunLoop(facts, folder, connection::delete, outcome).run();
            }
        }
        if (facts == null) {
            System.err.println("run-bench: no server started");
            return 1;
        }
        String status = outcome.failed().isEmpty() ? "complete" : "failed";
        printEnd(facts, status, outcome, folder.writeAll(facts, status, outcome), folder);
        return outcome.failed().isEmpty() ? 0 : 1;
    }

    /** The Python port's versions, or why it cannot run, when the plan has its claims forks; else null. */
    private static RunManifest.PythonPort pythonPort(List<RunPlan> plans) {
        boolean python = plans.stream().flatMap(p -> p.configurations().stream()).anyMatch(Configuration::runsPython);
        if (!python) {
            return null;
        }
        return PythonLoader.installed()
                .map(v -> RunManifest.PythonPort.installed(v.python(), v.psycopg(), v.psycopgImplementation(),
                        v.psycopgPipeline(), v.psycopgPool(), v.pydantic(), v.libpq(), v.asyncpg()))
                .orElseGet(() -> RunManifest.PythonPort.skipped(
                        PythonLoader.missing().orElse("the Python port did not report its versions")));
    }

    /** Every configuration of a server that did not start, failed with its reason. */
    private static Outcome failedOn(Outcome outcome, RunPlan plan, ProvisionSettings settings, boolean labelProfile,
            String reason) {
        List<RunManifest.NotMeasured> failed = new ArrayList<>(outcome.failed());
        String server = (settings.embedded() != null ? settings.embedded().version().release() + " embedded"
                : String.valueOf(settings.binaries() != null ? settings.binaries().directory() : settings.provider()))
                + (labelProfile ? " " + settings.profile().label() : "");
        plan.configurations().forEach(c -> failed.add(new RunManifest.NotMeasured(c.benchmark(),
                RunLoop.onServer(c.recordedParams(), server), "server did not start: " + reason)));
        return new Outcome(outcome.results(), failed);
    }

    private static void printEnd(RunFacts facts, String status, Outcome outcome, ResultsFolder.Reports reports,
            ResultsFolder folder) {
        System.out.println();
        if (!reports.summary().isEmpty()) {
            System.out.print(SummaryTable.markdown(reports.summary()));
            System.out.println();
        }
        if (!reports.claims().isEmpty()) {
            System.out.println("Claims of the original loader (claims.md explains the columns):");
            System.out.print(reports.claims().table());
            System.out.println();
        }
        outcome.failed()
                .forEach(f -> System.out.println("FAILED " + f.benchmark() + " " + f.params() + ": " + f.reason()));
        System.out.printf(Locale.ROOT, "%s: %d of %d configurations measured in %s (estimated %s); results in %s%n",
                status, outcome.results().size(), facts.plannedConfigurations(),
                DurationEstimate.clock(facts.elapsed()), DurationEstimate.clock(facts.estimate()),
                folder.path().toAbsolutePath());
    }

    /** The command line for the manifest, passwords masked. */
    private static String command(Invocation invocation) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("bench.launcher",
                "java -cp target/benchmarks.jar " + BenchmarkRunner.class.getName()));
        command.addAll(RunOptions.masked(invocation.args(), invocation.options().password()));
        return String.join(" ", command);
    }
}
