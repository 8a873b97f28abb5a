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
 * @param forkFlags the JVM flags of every fork
 */
record RunFacts(String runId, Instant started, RunPlan plan, String command, List<String> jmhArgs, RunManifest.Git git,
        Preflight preflight, DatasetFacts dataset, List<String> forkFlags) {

    RunFacts {
        jmhArgs = List.copyOf(jmhArgs);
        forkFlags = List.copyOf(forkFlags);
    }

    Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    /** The manifest of the run as it stands; {@code status} is running, complete, failed or interrupted. */
    RunManifest manifest(String status, Outcome outcome) {
        RunManifest.Run run = new RunManifest.Run(runId, plan.profile().name(), started.toString(),
                status.equals("running") ? null : Instant.now().toString(), status, command, jmhArgs,
                plan.configurations().size(), outcome.results().size(), outcome.failed(), preflight.skipped(),
                plan.estimate().toSeconds(), elapsed().toSeconds());
        return new RunManifest(RunManifest.SCHEMA_VERSION, run, git, EnvironmentFacts.host(), EnvironmentFacts.jvm(forkFlags),
                preflight.postgres(), dataset, plan.jmhSettings(), plan.order());
    }
}
