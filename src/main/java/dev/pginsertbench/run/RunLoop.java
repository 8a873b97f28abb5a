package dev.pginsertbench.run;

import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.report.RunManifest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a plan's configurations through JMH's Runner API, one JMH run per configuration, with
 * progress and an ETA, rewriting jmh-result.json after each so that an interrupted run keeps what
 * it finished. A configuration that fails is recorded with its reason and the loop goes on. On
 * Ctrl-C a shutdown hook stops the forks (and the servers they started), writes every file of
 * what finished, and releases the run's resources; the JVM halts when the hook is done.
 */
final class RunLoop {

    private static final Duration FORK_STOP_GRACE = Duration.ofSeconds(30);

    private final RunFacts facts;
    private final ResultsFolder folder;
    private final Runnable release;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<RunResult> results = new ArrayList<>();
    private final List<RunManifest.NotMeasured> failed = new ArrayList<>();

    /**
     * @param release what the interrupt hook must release, since the main thread never resumes
     *                (delete the connection file)
     * @param earlier what the run measured on the servers before this one (nothing for the first)
     */
    RunLoop(RunFacts facts, ResultsFolder folder, Runnable release, Outcome earlier) {
        this.facts = facts;
        this.folder = folder;
        this.release = release;
        results.addAll(earlier.results());
        failed.addAll(earlier.failed());
    }

    /** A configuration's parameters with the server it ran on, as a run over several servers records them. */
    static Map<String, String> onServer(Map<String, String> params, String server) {
        Map<String, String> named = new LinkedHashMap<>();
        named.put(Parameter.SERVER.field(), server);
        named.putAll(params);
        return named;
    }

    /**
     * The parameters a configuration that did not run is recorded with: the server's among them
     * when there are several.
     */
    private Map<String, String> recorded(Configuration configuration) {
        return facts.plannedServers() > 1 ? onServer(configuration.recordedParams(), facts.current().label())
                : configuration.recordedParams();
    }

    /** Runs every configuration the preflight did not skip; after Ctrl-C it never returns. */
    Outcome run() throws IOException {
        Thread onInterrupt = new Thread(this::interrupted, "run-bench-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            folder.writeResults(outcome().results()); // what earlier servers measured, nothing for the first
            folder.writeManifest(facts, "running", outcome());
            runAll();
            if (stopping.get()) {
                awaitHalt(); // the interrupt hook writes what was finished; the JVM halts when it is done
            }
            return outcome();
        } finally {
            finished.set(true);
            removeHook(onInterrupt);
        }
    }

    private synchronized Outcome outcome() {
        return new Outcome(results, failed);
    }

    private void runAll() {
        RunPlan plan = facts.currentPlan();
        List<Configuration> runnable = plan.configurations().stream()
                .filter(c -> !facts.current().isSkipped(c)).toList();
        int server = facts.servers().size();
        Duration later = facts.passes().subList(server, facts.passes().size()).stream().map(RunPlan::estimate)
                .reduce(Duration.ZERO, Duration::plus);
        Progress progress = new Progress(runnable, plan.effectiveProfile(), plan.rows(), facts.elapsed(), later,
                facts.plannedServers() > 1 ? "server " + server + " of " + facts.plannedServers() + ", " : "");
        for (int index = 0; index < runnable.size() && !stopping.get(); index++) {
            Configuration configuration = runnable.get(index);
            progress.begin(index);
            ForkDeadline deadline = ForkDeadline.start(DurationEstimate.of(List.of(configuration),
                    plan.effectiveProfile(), plan.rows()));
            try {
                Collection<RunResult> measured = new Runner(jmhOptions(configuration), new ProgressFormat(
                        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), progress))
                        .run();
                if (stopping.get()) {
                    break;
                }
                synchronized (this) {
                    if (measured.isEmpty()) {
                        failed.add(new RunManifest.NotMeasured(configuration.benchmark(), recorded(configuration),
                                deadline.expired() ? deadline.reason() : "no result"));
                    }
                    results.addAll(measured);
                }
                folder.writeResults(outcome().results());
            } catch (RunnerException | RuntimeException | IOException e) {
                if (stopping.get()) {
                    break;
                }
                if (JmhLock.refused(e)) {
                    // another JMH run took the lock meanwhile: every further configuration would be refused too
                    notRunFrom(runnable, index, "not run: " + JmhLock.REFUSED_REASON);
                    System.out.println("run-bench: " + JmhLock.REFUSED_REASON + "; stopping after " + index + " of "
                            + runnable.size() + " configurations");
                    break;
                }
                synchronized (this) {
                    failed.add(new RunManifest.NotMeasured(configuration.benchmark(), recorded(configuration),
                            deadline.expired() ? deadline.reason() : reason(e)));
                }
            } finally {
                deadline.close();
            }
            progress.finish();
        }
    }

    /** The configurations from {@code first} on, recorded as not measured with {@code reason}. */
    private synchronized void notRunFrom(List<Configuration> runnable, int first, String reason) {
        for (Configuration configuration : runnable.subList(first, runnable.size())) {
            failed.add(new RunManifest.NotMeasured(configuration.benchmark(), recorded(configuration), reason));
        }
    }

    private Options jmhOptions(Configuration configuration) {
        RunPlan plan = facts.currentPlan();
        ChainedOptionsBuilder builder = new OptionsBuilder();
        if (plan.extraJmh() != null) {
            builder.parent(plan.extraJmh());
        }
        builder.include("^" + Pattern.quote(configuration.fullName()) + "$")
                .param(Parameter.ROWS.field(), String.valueOf(configuration.rows(plan.rows())))
                .param(Parameter.SERVER.field(), facts.current().label())
                .shouldFailOnError(true)
                .jvmArgsAppend(facts.forkFlags().toArray(String[]::new));
        configuration.jmhParams().forEach((name, value) -> builder.param(name, value));
        Profile effective = plan.effectiveProfile();
        builder.forks(plan.forks()).warmupIterations(configuration.warmupShots(effective))
                .measurementIterations(configuration.measuredShots(effective));
        if (plan.extraJmh() == null || !plan.extraJmh().getTimeout().hasValue()) {
            builder.timeout(TimeValue.seconds(
                    DurationEstimate.shotDeadline(configuration, effective, plan.rows()).toSeconds()));
        }
        if (plan.addsGcProfiler()) {
            builder.addProfiler(GCProfiler.class);
        }
        return builder.build();
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

    private void interrupted() {
        if (finished.get()) {
            return;
        }
        stopping.set(true);
        System.err.println("run-bench: interrupted; stopping the benchmark forks and the PostgreSQL servers "
                + "they started");
        ChildProcesses.stopAll(FORK_STOP_GRACE);
        try {
            Outcome outcome = outcome();
            folder.writeAll(facts, "interrupted", outcome);
            System.err.println("run-bench: " + outcome.results().size() + " finished configurations kept in "
                    + folder.path().toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("run-bench: could not write the manifest and summary: " + e);
        }
        release.run();
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it sees finished and returns
        }
    }
}
