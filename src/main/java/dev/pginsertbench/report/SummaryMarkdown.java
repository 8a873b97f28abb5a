package dev.pginsertbench.report;

import java.util.List;
import java.util.Locale;

/** summary.md: what the run was, the summary table with its legend, and what was not measured. */
public final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    /**
     * @param measured configurations with a result
     * @param planned  configurations the run was asked for
     */
    public static String of(String runId, String profile, int rows, RunManifest.Postgres postgres, int measured, int planned,
            List<SummaryRow> summary, List<RunManifest.NotMeasured> failed, List<RunManifest.NotMeasured> skipped) {
        StringBuilder text = new StringBuilder(4096);
        text.append("# Run ").append(runId).append("\n\n");
        text.append(String.format(Locale.ROOT, "Profile %s, %,d rows per load, %s (%s, settings profile %s). "
                        + "%d of %d configurations measured.%n%n", profile, rows, postgres.version(), postgres.provider(),
                postgres.profile(), measured, planned));
        if (summary.isEmpty() && failed.isEmpty() && skipped.isEmpty()) {
            text.append("This run measured only the claims study, whose forks mix several arms: its results are in "
                    + "claims.md, claims.csv and claim-shots.csv.\n");
            return text.toString();
        }
        text.append("""
                rows/s = rows / single-shot time; ± is JMH's 99.9 % error carried to rows/s (- for one shot).
                MB/s = rows/s x the dataset's average payload bytes per row (manifest.json, dataset.averageRowBytes).
                alloc B/row = gc.alloc.rate.norm / rows; WAL B/row = server WAL per row.
                client / server CPU ns/row = CPU time of the benchmark JVM (with psql) / of the local server's
                processes during a shot, per row; their sum against 1 s / rows/s x cores shows where time goes.
                heap peak MB = the most the benchmark JVM's heap rose above its level at a shot's start (worst shot;
                an upper bound that includes uncollected garbage): what a strategy holds beyond the dataset.
                x sync = over the fastest SyncBaselineBenchmark; % ceiling = of the fastest CeilingBenchmark;
                x psql and x par. ceiling (PooledCopy only) = over psql \\copy and over ParallelCeilingBenchmark with
                the same tasks; all with the same rows and from this run. - = not applicable or not measured.

                """);
        text.append(SummaryTable.markdown(summary));
        CopyFormatComparison.of(summary).ifPresent(comparison -> text.append('\n').append(comparison));
        BatchPathComparison.of(summary).ifPresent(comparison -> text.append('\n').append(comparison));
        if (!failed.isEmpty() || !skipped.isEmpty()) {
            text.append("\n## Not measured\n\n");
            for (RunManifest.NotMeasured item : failed) {
                text.append("- FAILED ").append(item.benchmark()).append(' ').append(SummaryTable.params(item.params()))
                        .append(": ").append(item.reason()).append('\n');
            }
            for (RunManifest.NotMeasured item : skipped) {
                text.append("- ").append(item.benchmark()).append(' ').append(SummaryTable.params(item.params()))
                        .append(": ").append(item.reason()).append('\n');
            }
        }
        return text.toString();
    }
}
