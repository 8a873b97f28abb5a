package dev.pginsertbench.run;

import dev.pginsertbench.report.RunManifest;
import java.util.List;
import org.openjdk.jmh.results.RunResult;

/**
 * What a run has finished so far: JMH's results, and the configurations that failed with their reason.
 */
record Outcome(List<RunResult> results, List<RunManifest.NotMeasured> failed) {

    Outcome {
        results = List.copyOf(results);
        failed = List.copyOf(failed);
    }
}
