package dev.pginsertbench.run;

import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerUnavailableException;
import dev.pginsertbench.report.DatasetFacts;
import dev.pginsertbench.report.EnvironmentFacts;
import dev.pginsertbench.report.RunManifest;
import dev.pginsertbench.report.SummaryTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The runner behind run-bench.sh: checks every value (options, BENCH_* variables, the results
 * folder) before anything starts, a dry run included; then provisions and checks the server
 * ({@link RunServer}), creates the {@link ResultsFolder} and runs the {@link RunPlan} through the
 * {@link RunLoop}. Exit codes: 0 done, 1 failed or
 * unreachable, 2 bad usage.
 */
public final class BenchmarkRunner {

    static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private BenchmarkRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()::get));
    }

    /** Runs the command line; returns the exit code (0 done, 1 failed or unreachable, 2 bad usage). */
    static int run(String[] argv, UnaryOperator<String> environment) {
        List<String> args = List.of(argv);
        Instant started = Instant.now();
        RunOptions options;
        RunPlan plan;
        ProvisionSettings settings;
        Path out;
        try {
            options = RunOptions.parse(args);
            if (options.help()) {
                System.out.print(RunCommand.usage());
                return 0;
            }
            plan = RunPlan.of(options);
            settings = provisionSettings(options, environment);
            out = options.out() != null ? options.out()
                    : Path.of(System.getProperty("bench.resultsDir", "results")).resolve(runId(started, plan));
            ResultsFolder.requireUsable(out, options.out() != null ? "--out" : "the results folder");
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        if (options.dryRun()) {
            plan.print(System.out, true);
            return 0;
        }
        return execute(new Invocation(args, options, plan, started), settings, out);
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

    private static int execute(Invocation invocation, ProvisionSettings settings, Path out) {
        // read before the results folder exists, so the run's own output never makes the tree dirty
        RunManifest.Git git = EnvironmentFacts.git(Path.of(System.getProperty("bench.repoDir", ".")));
        String planLine = invocation.plan().print(System.out, false);
        RunServer server;
        try {
            server = RunServer.start(invocation.plan(), settings);
        } catch (ServerUnavailableException e) {
            System.err.println("run-bench: " + e.getMessage());
            return 1;
        } catch (IOException | SQLException e) {
            System.err.println("run-bench: checking the server failed: " + e);
            return 1;
        }
        try (server) {
            ResultsFolder folder;
            try {
                folder = ResultsFolder.create(out);
            } catch (IOException e) {
                System.err.println("run-bench: cannot create " + out + ": " + e);
                return 1;
            }
            // the plan was printed before the folder existed; the log starts with it
            try (ConsoleLog log = ConsoleLog.start(folder.consoleLog(), planLine)) {
                return measure(invocation, git, server, folder);
            } catch (IOException e) {
                System.err.println("run-bench: " + e);
                return 1;
            }
        }
    }

    private static int measure(Invocation invocation, RunManifest.Git git, RunServer server, ResultsFolder folder)
            throws IOException {
        Preflight preflight = server.preflight();
        System.out.println("run-bench: server " + preflight.postgres().version() + " (" + preflight.postgres().provider()
                + ", " + preflight.postgres().profile() + ") at " + preflight.postgres().url());
        preflight.skipped().forEach(s -> System.out.println("run-bench: skipped " + s.benchmark() + " " + s.params()
                + ": " + s.reason()));
        RunPlan plan = invocation.plan();
        DatasetFacts dataset = DatasetFacts.of(plan.seed(), plan.rows());
        try (ConnectionFile connection = ConnectionFile.write(server.forkSettings())) {
            RunFacts facts = new RunFacts(runId(invocation.started(), plan), invocation.started(), plan,
                    command(invocation), RunOptions.masked(invocation.options().jmhArgs(), invocation.options().password()),
                    git, preflight, dataset, plan.forkFlags(connection.path()));
            Outcome outcome = new RunLoop(facts, folder, () -> {
                connection.delete();
                server.stop();
            }).run();
            String status = outcome.failed().isEmpty() ? "complete" : "failed";
            printEnd(facts, status, outcome, folder.writeAll(facts, status, outcome), folder);
            return outcome.failed().isEmpty() ? 0 : 1;
        } finally {
            server.stop(); // while jmh.log still records what stopping the server prints
        }
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
        outcome.failed().forEach(f -> System.out.println("FAILED " + f.benchmark() + " " + f.params() + ": " + f.reason()));
        System.out.printf(Locale.ROOT, "%s: %d of %d configurations measured in %s (estimated %s); results in %s%n",
                status, outcome.results().size(), facts.plan().configurations().size(),
                DurationEstimate.clock(facts.elapsed()), DurationEstimate.clock(facts.plan().estimate()),
                folder.path().toAbsolutePath());
    }

    /** The command line for the manifest, passwords masked. */
    private static String command(Invocation invocation) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("bench.launcher", "java -cp target/benchmarks.jar " + BenchmarkRunner.class.getName()));
        command.addAll(RunOptions.masked(invocation.args(), invocation.options().password()));
        return String.join(" ", command);
    }
}
