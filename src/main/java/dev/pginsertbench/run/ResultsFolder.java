package dev.pginsertbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.report.ClaimShotResults;
import dev.pginsertbench.report.ClaimsReport;
import dev.pginsertbench.report.InterleavedReferences;
import dev.pginsertbench.report.PeersReport;
import dev.pginsertbench.bench.MemoryRoom;
import dev.pginsertbench.report.RelayCost;
import dev.pginsertbench.report.ScaleReport;
import dev.pginsertbench.report.ResultSummary;
import dev.pginsertbench.report.ResultsSchema;
import dev.pginsertbench.report.SummaryCsv;
import dev.pginsertbench.report.SummaryMarkdown;
import dev.pginsertbench.report.SummaryRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * The results folder of one run (results/README.md defines its files): jmh-result.json, replaced
 * atomically so that an interrupted run keeps what it finished; manifest.json; jmh.log (written by
 * {@link ConsoleLog}); summary.csv and summary.md and, for claims runs, the claims files; schema.json,
 * what the files hold, as the code that wrote them describes it. Every write is serialised, because
 * the interrupt hook writes from its own thread.
 */
final class ResultsFolder {

    private final Path path;

    private ResultsFolder(Path path) {
        this.path = path;
    }

    /**
     * Fails unless a results folder can be made at {@code path} and is empty: checked before any
     * server starts, by creating and deleting a scratch folder where the results folder would go
     * (permissions alone do not say what root may do, nor what /proc allows). Leaves nothing behind.
     *
     * @param name how the user knows the folder ({@code --out}, or the default)
     */
    static void requireUsable(Path path, String name) throws UsageException {
        String named = name + " '" + path + "'";
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(named + ": not empty; results are never overwritten");
                }
            } catch (IOException e) {
                throw new UsageException(named + ": cannot be read (" + reason(e) + ")");
            }
            requireWritable(path, named);
        } else if (Files.exists(path)) {
            throw new UsageException(named + ": exists and is not a folder");
        } else {
            Path existing = path.toAbsolutePath();
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (!Files.isDirectory(existing)) {
                throw new UsageException(named + ": " + existing + " is a file, not a folder");
            }
            requireWritable(existing, named);
        }
    }

    private static void requireWritable(Path folder, String named) throws UsageException {
        try {
            Files.delete(Files.createTempDirectory(folder, ".run-bench-check-"));
        } catch (IOException e) {
            throw new UsageException(named + ": cannot create a folder in " + folder + " (" + reason(e) + ")");
        }
    }

    /** Why the file system refused, in words: most refusals carry no reason of their own. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException refused ? refused.getReason() : e.getMessage();
        return reason != null ? reason : "the file system refuses";
    }

    static ResultsFolder create(Path path) throws IOException {
        Files.createDirectories(path);
        return new ResultsFolder(path);
    }

    Path path() {
        return path;
    }

    Path consoleLog() {
        return path.resolve("jmh.log");
    }

    synchronized void writeResults(List<RunResult> results) throws IOException {
        Path file = path.resolve("jmh-result.json");
        Path partial = path.resolve("jmh-result.json.partial");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, partial.toString()).writeOut(results);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    synchronized void writeManifest(RunFacts facts, String status, Outcome outcome) throws IOException {
        facts.manifest(status, outcome).write(path.resolve("manifest.json"));
    }

    /** Writes every file of the run as it stands; returns what the end of the run prints. */
    synchronized Reports writeAll(RunFacts facts, String status, Outcome outcome) throws IOException {
        writeResults(outcome.results());
        writeManifest(facts, status, outcome);
        return writeReports(facts, outcome);
    }

    /**
     * summary.csv, summary.md, interleaved.csv and interleaved-shots.csv when the run measured
     * interleaved reference forks, and, when the run measured claims, claims.csv, claim-shots.csv and claims.md
     * (with claims-network.csv where forks connected through a latency relay), from jmh-result.json.
     */
    private Reports writeReports(RunFacts facts, Outcome outcome) throws IOException {
        JsonNode json = ResultSummary.readJson(path.resolve("jmh-result.json"));
        List<InterleavedReferences.Group> interleaved = InterleavedReferences.of(json);
        List<SummaryRow> summary = ResultSummary.of(json, interleaved, facts.dataset().averageRowBytes());
        ClaimsReport claims = ClaimsReport.of(ClaimShotResults.of(json));
        Optional<RelayCost> relayCost = RelayCost.of(json);
        Optional<ScaleReport> scale = ScaleReport.of(json, MemoryRoom.here());
        RunPlan plan = facts.plan();
        Files.writeString(path.resolve(ResultsSchema.FILE), ResultsSchema.json(), StandardCharsets.UTF_8);
        Files.writeString(path.resolve("summary.csv"), SummaryCsv.of(summary), StandardCharsets.UTF_8);
        Files.writeString(path.resolve("summary.md"), SummaryMarkdown.of(facts.runId(), plan.profile().name(),
                plan.rows(), facts.servers().stream().map(Preflight::postgres).toList(), outcome.results().size(),
                facts.plannedConfigurations(), summary, outcome.failed(), facts.skipped(), interleaved)
                + relaySections(claims, relayCost)
                + scale.map(report -> "\n" + report.markdown())
                        .orElse(""), StandardCharsets.UTF_8);
        if (relayCost.isPresent()) {
            Files.writeString(path.resolve("relay-cost.csv"), relayCost.get().csv(), StandardCharsets.UTF_8);
        }
        if (scale.isPresent()) {
            Files.writeString(path.resolve("scale.csv"), scale.get().csv(), StandardCharsets.UTF_8);
            Files.writeString(path.resolve("scale-fits.csv"), scale.get().fitsCsv(), StandardCharsets.UTF_8);
        }
        if (!interleaved.isEmpty()) {
            Files.writeString(path.resolve("interleaved.csv"), InterleavedReferences.csv(interleaved),
                    StandardCharsets.UTF_8);
            Files.writeString(path.resolve("interleaved-shots.csv"), InterleavedReferences.shotsCsv(interleaved),
                    StandardCharsets.UTF_8);
        }
        if (!claims.isEmpty()) {
            Files.writeString(path.resolve("claims.csv"), claims.csv(), StandardCharsets.UTF_8);
            Files.writeString(path.resolve("claim-shots.csv"), claims.shotsCsv(), StandardCharsets.UTF_8);
            Optional<PeersReport> peers = PeersReport.of(claims, facts.dataset().averageRowBytes());
            Files.writeString(path.resolve("claims.md"), claims.markdown(facts.runId(), plan.rows())
                    + peers.map(p -> "\n" + p.markdown()).orElse(""), StandardCharsets.UTF_8);
            if (peers.isPresent()) {
                Files.writeString(path.resolve("peers.csv"), peers.get().csv(), StandardCharsets.UTF_8);
            }
            if (claims.throughRelay()) {
                Files.writeString(path.resolve("claims-network.csv"), claims.network().csv(), StandardCharsets.UTF_8);
            }
        }
        return new Reports(summary, claims);
    }

    /** The latency relay's A/A cost and accuracy, where the run measured through one; else nothing. */
    private static String relaySections(ClaimsReport claims, Optional<RelayCost> relayCost) {
        StringBuilder text = new StringBuilder();
        relayCost.ifPresent(cost -> text.append('\n').append(cost.markdown()));
        if (claims.throughRelay()) {
            text.append("\n## The latency relay's accuracy\n\n").append(claims.network().accuracyMarkdown());
        }
        return text.toString();
    }

    /** What the end of a run prints: the summary table, and the claims table when the run measured claims. */
    record Reports(List<SummaryRow> summary, ClaimsReport claims) {
    }
}
