package dev.pginsertbench.run;

import dev.pginsertbench.report.DatasetFacts;
import dev.pginsertbench.report.EnvironmentFacts;
import dev.pginsertbench.report.RunManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What stays fixed once a run has started, and the manifest describing it.
 *
 * @param command   the command line, passwords masked
 * @param jmhArgs   the arguments given after {@code --}, passwords masked
 * @param servers   the servers checked so far, in the order they run; the last is the one measuring now
 * @param passes    what each server of the run measures, in the order they run; the first is the run's plan
 * @param forkFlags the JVM flags of every fork
 * @param pythonLoader the Python port as the run found it, or null when the plan has none of its forks
 */
record RunFacts(String runId, Instant started, String command, List<String> jmhArgs, RunManifest.Git git,
        List<Preflight> servers, List<RunPlan> passes, DatasetFacts dataset, List<String> forkFlags,
        RunManifest.PythonPort pythonLoader) {

    RunFacts {
        jmhArgs = List.copyOf(jmhArgs);
        servers = List.copyOf(servers);
        passes = List.copyOf(passes);
        forkFlags = List.copyOf(forkFlags);
        if (servers.isEmpty() || passes.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one server");
        }
    }

    /** The run's plan: what its first server measures (later ones measure it again, or part of it). */
    RunPlan plan() {
        return passes.get(0);
    }

    /** Every configuration on every server. */
    int plannedConfigurations() {
        return passes.stream().mapToInt(pass -> pass.configurations().size()).sum();
    }

    /** The estimate over every server of the run. */
    Duration estimate() {
        return passes.stream().map(RunPlan::estimate).reduce(Duration.ZERO, Duration::plus);
    }

    /** How many servers the run measures on in all. */
    int plannedServers() {
        return passes.size();
    }

    /** What the server measuring now runs. */
    RunPlan currentPlan() {
        return passes.get(servers.size() - 1);
    }

    /** The server the run measures now. */
    Preflight current() {
        return servers.get(servers.size() - 1);
    }

    /** The first server: the manifest's {@code postgres} and summary.md's heading. */
    RunManifest.Postgres firstServer() {
        return servers.get(0).postgres();
    }

    /** What was skipped, over every server; in a run over several servers each names its server. */
    List<RunManifest.NotMeasured> skipped() {
        return servers.size() == 1 ? servers.get(0).skipped()
                : servers.stream().flatMap(s -> s.skippedOnServer().stream()).toList();
    }

    Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    /** The manifest of the run as it stands; {@code status} is running, complete, failed or interrupted. */
    RunManifest manifest(String status, Outcome outcome) {
        RunPlan plan = plan();
        RunManifest.Run run = new RunManifest.Run(runId, plan.profile().name(), started.toString(),
                status.equals("running") ? null : Instant.now().toString(), status, command, jmhArgs,
                plannedConfigurations(), outcome.results().size(), outcome.failed(), skipped(),
                estimate().toSeconds(), elapsed().toSeconds());
        return new RunManifest(RunManifest.SCHEMA_VERSION, run, git, EnvironmentFacts.host(),
                EnvironmentFacts.jvm(forkFlags), firstServer(), servers.stream().map(Preflight::postgres).toList(),
                dataset, plan.jmhSettings(), plan.order(), pythonLoader, plan.claimArms());
    }
}
