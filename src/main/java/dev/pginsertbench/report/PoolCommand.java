package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./run-bench.sh pool [--out DIR] RESULTS_FOLDER...}: pools several runs of the claims study
 * into one folder ({@link ClaimsPool}): {@code pooled-claims.csv}, {@code pooled-runs.csv},
 * {@code pooled-claims.md}, a {@code manifest.json} naming the runs and {@code schema.json} ({@link ResultsSchema}).
 * Every number is recomputed from the runs' own {@code jmh-result.json}. Exit codes: 0 written, 1 refused or
 * unreadable, 2 bad usage.
 */
public final class PoolCommand {

    static final String USAGE = "usage: ./run-bench.sh pool [--out DIR] RESULTS_FOLDER RESULTS_FOLDER...";
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * The pooled folder's manifest.
     *
     * @param git  the commit of the code that pooled the runs and whether its tree was dirty
     * @param runs each run's folder name, run id, commit, whether its tree was dirty, and its seed
     */
    public record PoolManifest(int schemaVersion, String kind, String createdUtc, String command, RunManifest.Git git,
            List<PooledRun> runs) {
        public static final int SCHEMA_VERSION = 2;
    }

    /** One run of a pool as its manifest describes it. */
    public record PooledRun(String folder, String id, String startedUtc, String commit, Boolean dirty, Long seed) {
    }

    private PoolCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err,
                Path.of(System.getProperty("bench.resultsDir", "results"))));
    }

    /** Runs the command; returns its exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Path resultsDir) {
        Path target = null;
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--out")) {
                if (i + 1 >= args.size()) {
                    err.println("pool: --out needs a folder; " + USAGE);
                    return 2;
                }
                target = Path.of(args.get(++i));
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("-")) {
                err.println("pool: unknown option " + arg + "; " + USAGE);
                return 2;
            } else {
                folders.add(Path.of(arg));
            }
        }
        if (folders.isEmpty()) {
            err.println("pool: no results folders given; " + USAGE);
            return 2;
        }
        Instant now = Instant.now();
        // read before the pooled folder exists, so that writing it never makes the tree dirty
        RunManifest.Git git = EnvironmentFacts.git(Path.of(System.getProperty("bench.repoDir", ".")));
        Path folder = target != null ? target : resultsDir.resolve(FOLDER_TIME.format(now) + "-pooled-claims");
        try {
            if (Files.exists(folder) && (!Files.isDirectory(folder) || Files.list(folder).findAny().isPresent())) {
                err.println("pool: " + folder + " exists and is not empty; name another with --out");
                return 2;
            }
            List<ClaimsPool.RunInput> inputs = new ArrayList<>();
            for (Path run : folders) {
                inputs.add(ClaimsPool.RunInput.read(run));
            }
            ClaimsPool pool = ClaimsPool.of(inputs);
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(ResultsSchema.FILE), ResultsSchema.json(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("pooled-claims.csv"), pool.csv(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("pooled-runs.csv"), pool.runsCsv(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("pooled-claims.md"), pool.markdown(git), StandardCharsets.UTF_8);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(folder.resolve("manifest.json").toFile(), manifest(pool, now, args, git));
            out.print(pool.table());
            out.println("pool: " + inputs.size() + " runs pooled into " + folder.toAbsolutePath());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("pool: " + e.getMessage());
            return 1;
        }
    }

    private static PoolManifest manifest(ClaimsPool pool, Instant now, List<String> args, RunManifest.Git git) {
        List<PooledRun> runs = pool.inputs().stream().map(run -> new PooledRun(run.name(),
                run.manifest().path("run").path("id").asText(null),
                run.manifest().path("run").path("startedUtc").asText(null),
                run.manifest().path("git").path("commit").asText(null),
                run.manifest().path("git").path("dirty").isBoolean()
                        ? run.manifest().path("git").path("dirty").asBoolean() : null,
                run.manifest().path("order").path("seed").isNumber()
                        ? run.manifest().path("order").path("seed").asLong() : null))
                .toList();
        return new PoolManifest(PoolManifest.SCHEMA_VERSION, "pooled-claims", now.toString(),
                "./run-bench.sh pool " + String.join(" ", args), git, runs);
    }
}
