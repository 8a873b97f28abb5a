package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pginsertbench.postgres.RoundTrip;
import dev.pginsertbench.postgres.ServerFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: everything needed to reproduce and describe a run (results/README.md
 * documents every field). It never holds a password: the URL is masked and the command line
 * has its password arguments replaced before they reach this record.
 */
public record RunManifest(int schemaVersion, Run run, Git git, Host host, Jvm jvm, Postgres postgres,
        List<Postgres> servers, DatasetFacts dataset, Jmh jmh, Order order, PythonPort pythonLoader,
        List<ClaimArm> claimArms) {

    /**
     * One arm of a claim as a run's claims forks measured it: what pooling several runs compares,
     * so that runs whose arms, rows or warm-up differ are never pooled.
     *
     * @param plan         the arm's plan and pool ({@code Arm.describe})
     * @param rows         rows per load
     * @param warmupBlocks warm-up blocks per fork
     */
    public record ClaimArm(String claim, String language, String arm, String plan, long rows, int warmupBlocks) {
    }

    /**
     * 10: {@code pythonLoader.psycopgPipeline}, whether psycopg's executemany runs in pipeline mode, and
     * {@code pythonLoader.asyncpg}, asyncpg's version (null where it is not installed).
     *
     * <p>
     * 8: {@code host.cpuId}, the processor's family, model, stepping and clock, since a virtual machine's
     * model name can be the same for hosts of different generations.
     *
     * <p>
     * 9: {@code servers[].roundTrip}, how far each server was from the client: {@code SELECT 1} timed
     * before the first fork (median, fastest, statements timed).
     *
     * <p>
     * 7: {@code claimArms}, the claims forks' arms; {@code order.seed}, drawn for every run unless given,
     * with {@code order.seedDrawn} and {@code order.roundsShuffled} in place of {@code configurationSeed}.
     *
     * <p>
     * 6: {@code pythonLoader}, the Python port's interpreter and packages (or why it was skipped) in a
     * run with its claims forks.
     *
     * <p>
     * 5: {@code servers}, every server of the run with its label ({@code postgres} is the first of them),
     * each with {@code auth}, how its logins authenticate. (Schema 4 was used by two lines of development
     * at once, one adding {@code servers}, the other {@code auth}; 5 has both.)
     */
    public static final int SCHEMA_VERSION = 10;

    /**
     * The Python port of the original loader as the run found it: the versions it runs on, or
     * {@code skipped} with the reason (then the versions are null).
     */
    public record PythonPort(String python, String psycopg, String psycopgImplementation, Boolean psycopgPipeline,
            String psycopgPool, String pydantic, String libpq, String asyncpg, String skipped) {

        /** The port as installed, with the versions it runs on (asyncpg null where it is not installed). */
        public static PythonPort installed(String python, String psycopg, String psycopgImplementation,
                boolean psycopgPipeline, String psycopgPool, String pydantic, String libpq, String asyncpg) {
            return new PythonPort(python, psycopg, psycopgImplementation, psycopgPipeline, psycopgPool, pydantic, libpq,
                    asyncpg, null);
        }

        /** A port that cannot run here, and why. */
        public static PythonPort skipped(String reason) {
            return new PythonPort(null, null, null, null, null, null, null, null, reason);
        }
    }

    /**
     * @param status "running", "complete", "failed" (a configuration failed) or "interrupted"
     */
    public record Run(String id, String profile, String startedUtc, String finishedUtc, String status, String command,
            List<String> jmhArgs, int configurations, int completed, List<NotMeasured> failed,
            List<NotMeasured> skipped, long estimatedSeconds, long elapsedSeconds) {
    }

    /** A configuration without a result, and why. */
    public record NotMeasured(String benchmark, Map<String, String> params, String reason) {
    }

    /** The source the benchmarks were built from; nulls when git is not available. */
    public record Git(String commit, Boolean dirty) {
    }

    public record Host(String os, String osVersion, String arch, String cpuModel, String cpuId, int cpuCount,
            long memoryBytes) {
    }

    public record Jvm(String version, String vendor, String home, List<String> forkFlags) {
    }

    /**
     * @param label  the server as summary.csv's {@code server} column names it, such as {@code 16.11 embedded}
     * @param auth   how logins authenticate: {@code scram-sha-256} on a server the suite started
     *               {@code as configured} on an external one
     * @param driver    the JDBC driver every benchmark connects through, with its version
     * @param roundTrip how far the server was from the client, measured before the first fork
     */
    public record Postgres(String label, String provider, String profile, String detail, String url, String auth,
            String version, String driver, RoundTrip roundTrip,
            Map<String, String> settings, List<ServerFacts.Setting> allSettings) {

        /** pgjdbc as it names itself, such as "PostgreSQL JDBC Driver 42.7.14". */
        public static String driverInUse() {
            return org.postgresql.util.DriverInfo.DRIVER_FULL_NAME;
        }

        /**
         * {@code <version number> <provider>}, such as {@code 16.11 embedded} or {@code 15.14 local}:
         * short enough for a table cell, and distinct for the servers one run measures.
         */
        public static String label(String version, String provider) {
            java.util.regex.Matcher number = java.util.regex.Pattern.compile("^PostgreSQL (\\S+)").matcher(version);
            return (number.find() ? number.group(1) : version) + " " + provider;
        }

        /** The same server under the label its results carry. */
        public Postgres labelled(String newLabel) {
            return new Postgres(newLabel, provider, profile, detail, url, auth, version, driver, roundTrip, settings,
                    allSettings);
        }
    }

    public record Jmh(String version, int forks, int warmupIterations, int measurementIterations, String mode,
            List<String> profilers) {
    }

    /**
     * The order things ran in, so a run can be repeated shot for shot.
     *
     * @param seed              the run's random seed: the order of the configurations within a round (where
     *                          {@code roundsShuffled}) and every interleaved fork's shots
     * @param seedDrawn         whether it was drawn for this run (false: given with --seed)
     * @param roundsShuffled    whether the configurations of each round ran in an order drawn from the seed
     * @param configurations    every configuration in the order it ran (or was to run)
     * @param shots             how a claims fork orders its shots, or null when the run has none
     */
    public record Order(long seed, boolean seedDrawn, boolean roundsShuffled, List<String> configurations,
            String shots) {
    }

    /** Writes the manifest through a temporary file, so an interrupted write never leaves half a file. */
    public void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(partial.toFile(), this);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
