package dev.pginsertbench.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** summary.md: what the run was, the summary table with its legend, and what was not measured. */
public final class SummaryMarkdown {

    /** The heading of the section that lists the configurations a run skipped or lost, with their reasons. */
    public static final String NOT_MEASURED_HEADING = "## Not measured";

    private SummaryMarkdown() {
    }

    /**
     * @param servers  the run's servers in the order they ran (one, unless the run compares versions)
     * @param measured configurations with a result, over all servers
     * @param planned  configurations the run was asked for, over all servers
     * @param interleaved the interleaved reference forks' configurations, grouped over rounds
     */
    public static String of(String runId, String profile, int rows, List<RunManifest.Postgres> servers, int measured,
            int planned, List<SummaryRow> summary, List<RunManifest.NotMeasured> failed,
            List<RunManifest.NotMeasured> skipped, List<InterleavedReferences.Group> interleaved) {
        StringBuilder text = new StringBuilder(4096);
        text.append("# Run ").append(runId).append("\n\n");
        String described = servers.stream().map(postgres -> String.format(Locale.ROOT, "%s (%s, settings profile %s)",
                postgres.version(), postgres.provider(), postgres.profile())).collect(Collectors.joining("; "));
        text.append(String.format(Locale.ROOT, "Profile %s, %,d rows per load, %s%s. "
                        + "%d of %d configurations measured.%n%n", profile, rows, servers.size() > 1 ? "servers " : "",
                described, measured, planned));
        if (summary.isEmpty() && failed.isEmpty() && skipped.isEmpty()) {
            text.append("This run measured only the claims study, whose forks mix several arms: its results are in "
                    + "claims.md, claims.csv and claim-shots.csv.\n");
            return text.toString();
        }
        text.append("""
                Every number below is in summary.csv, with the bounds of each interval (results/README.md defines
                each column). n = measured shots; rows/s = rows / mean shot time, with its 95 % interval (Student's t
                over the n shot times; - for one shot). MB/s = rows/s x the dataset's average payload bytes per row
                (manifest.json, dataset.averageRowBytes). alloc B/row = gc.alloc.rate.norm / rows; WAL B/row = server
                WAL per row. client / server CPU ns/row = CPU time of the benchmark JVM (with psql) / of the local
                server's processes during a shot, per row. heap peak MB = the most the benchmark JVM's heap rose above
                its level at a shot's start (worst shot; includes \
                uncollected garbage). mean chunk ms = the loader's mean
                chunk time. x sync, x INSERT SELECT, x server COPY, x psql = rows/s over the fastest sync baseline, each
                single-session ceiling and psql \\copy; x par. ceiling = over the parallel \
                server-side COPY with the same
                tasks; all with the same rows, from this run (their 95 % intervals are in summary.csv). Where the run
                measured psql and the parallel ceiling interleaved with pooled COPY (rows marked "interleaved rounds":
                each arm's shots over all rounds), those are the references; pooled COPY's own interleaved rows show
                the ratios paired block by block (next section).
                - = not applicable or not measured.

                """);
        text.append(SummaryTable.markdown(summary));
        InterleavedReferences.markdown(interleaved, summary).ifPresent(section -> text.append('\n').append(section));
        ServerComparison.of(summary).ifPresent(comparison -> text.append('\n').append(comparison));
        // these compare configurations with each other, so only on one server: the first
        String first = ServerComparison.servers(summary).isEmpty() ? "" : ServerComparison.servers(summary).get(0);
        List<SummaryRow> onFirst = summary.stream()
                .filter(row -> row.server().equals(first)).toList();
        CopyFormatComparison.of(onFirst).ifPresent(comparison -> text.append('\n').append(comparison));
        BatchPathComparison.of(onFirst).ifPresent(comparison -> text.append('\n').append(comparison));
        WaitEvents.of(summary).ifPresent(section -> text.append('\n').append(section));
        if (!failed.isEmpty() || !skipped.isEmpty()) {
            text.append("\n").append(NOT_MEASURED_HEADING).append("\n\n");
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
