package dev.pginsertbench.run;

import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.postgres.EmbeddedVersion;
import dev.pginsertbench.postgres.PostgresBinaries;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.ServerProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import picocli.CommandLine.ParameterException;

/**
 * The runner's command line, {@code [PROFILE] [options] [-- extra JMH options]}, with every value
 * checked: {@link #parse} fails on the first bad one, before anything starts.
 *
 * @param profile       profile name, one of {@link Profiles#names()}
 * @param jdbcUrl       --jdbc-url, or null (BENCH_JDBC_URL is then read by the provisioning)
 * @param user          --user, or null
 * @param password      --password, or null; never printed
 * @param serverProfiles --server-profile, the server profiles to run every configuration on one after another, or
 *                      null for the default (durable, and the profile's bulk comparison)
 * @param provider      --provider, or null for automatic
 * @param pgBin         --pg-bin, or null (BENCH_PG_BIN is then read by the provisioning)
 * @param pgVersions    --pg-version, the embedded majors to run on one after another, or null for the profile's
 * @param rows          --rows, or null for the profile's
 * @param include       --include, or null for every configuration
 * @param gc            JMH's gc profiler (on unless --no-gc)
 * @param out           --out, or null for results/&lt;timestamp&gt;-&lt;profile&gt;
 * @param datasetSeed   --dataset-seed
 * @param seed          --seed, or null to draw one for the run
 * @param chunkDeadline --chunk-deadline, how long one chunk may take in the forks
 * @param dryRun        --dry-run: list and estimate, run nothing
 * @param help          --help
 * @param jmhArgs       everything after {@code --}, handed to JMH
 * @param jmhOptions    {@code jmhArgs} as JMH parsed them, or null when there are none
 */
record RunOptions(String profile, String jdbcUrl, String user, String password, List<ServerProfile> serverProfiles,
        ProviderChoice provider, PostgresBinaries pgBin, List<EmbeddedVersion> pgVersions, Integer rows,
        Pattern include, boolean gc, Path out, long datasetSeed, Long seed,
        Duration chunkDeadline, boolean dryRun, boolean help, List<String> jmhArgs, Options jmhOptions) {

    static final long DEFAULT_DATASET_SEED = 42;

    /** Parses and checks {@code args}; never reads the environment (the provisioning does). */
    static RunOptions parse(List<String> args) throws UsageException {
        // everything after the first -- is JMH's, even what looks like one of ours
        int dashes = args.indexOf("--");
        List<String> own = dashes < 0 ? args : args.subList(0, dashes);
        List<String> jmhArgs = dashes < 0 ? List.of() : List.copyOf(args.subList(dashes + 1, args.size()));
        RunCommand command = new RunCommand();
        try {
            RunCommand.commandLine(command).parseArgs(own.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(RunCommand.message(e));
        }
        if (!command.unexpected.isEmpty()) {
            String second = command.unexpected.get(0);
            throw new UsageException(Profiles.names().contains(second)
                    ? "more than one profile given: " + command.profile + " and " + second
                    : "unexpected argument '" + second + "' after the profile; JMH's options go after --");
        }
        if (command.profiler != null && command.noGc) {
            throw new UsageException("--prof gc and --no-gc contradict each other; give one");
        }
        if (command.jdbcUrl != null) {
            requirePostgresUrl(command.jdbcUrl, command.password, "--jdbc-url");
        }
        if (command.pgBin != null) {
            requireOnlyServerChoice(command);
        }
        if (command.pgVersions != null) {
            requireEmbeddedVersions(command);
        }
        if (command.serverProfiles != null) {
            requireOwnServerProfiles(command);
        }
        return new RunOptions(command.profile, command.jdbcUrl, command.user, command.password,
                command.serverProfiles == null ? null : List.copyOf(command.serverProfiles),
                command.provider, command.pgBin, command.pgVersions == null ? null : List.copyOf(command.pgVersions),
                command.rows, command.include, !command.noGc, command.out, command.datasetSeed, command.seed,
                command.chunkDeadline == null ? LoaderOptions.DEFAULT_CHUNK_DEADLINE
                        : Duration.ofSeconds(command.chunkDeadline),
                command.dryRun, command.help, jmhArgs, jmhOptions(jmhArgs, command.password));
    }

    /**
     * Fails unless {@code url} is a PostgreSQL JDBC URL the driver can read; {@code source} names
     * where it came from. The URL is echoed with any password masked.
     */
    static void requirePostgresUrl(String url, String password, String source) throws UsageException {
        // the driver also logs a bad port through java.util.logging; the one line below says it instead
        Logger driverLog = Logger.getLogger("org.postgresql");
        Level level = driverLog.getLevel();
        driverLog.setLevel(Level.OFF);
        try {
            new ServerAddress(url, null, password).endpoint();
        } catch (IllegalArgumentException e) {
            throw new UsageException(source + " '" + ServerAddress.mask(url, password)
                    + "': not a PostgreSQL JDBC URL, expected jdbc:postgresql://host:port/database");
        } finally {
            driverLog.setLevel(level);
        }
    }

    /** --pg-bin chooses the server; --jdbc-url or a --provider other than auto would choose another. */
    private static void requireOnlyServerChoice(RunCommand command) throws UsageException {
        if (command.jdbcUrl != null) {
            throw new UsageException("--pg-bin and --jdbc-url both choose the server; give one");
        }
        if (command.provider != null && command.provider != ProviderChoice.AUTO) {
            throw new UsageException("--pg-bin starts the server from " + command.pgBin.directory() + " but --provider "
                    + command.provider.label() + " asks for another; give one");
        }
    }

    /** --pg-version starts embedded servers: not with a server of the user's, nor twice the same major. */
    private static void requireEmbeddedVersions(RunCommand command) throws UsageException {
        if (command.jdbcUrl != null) {
            throw new UsageException("--pg-version starts embedded servers but --jdbc-url names a server; give one");
        }
        if (command.provider == ProviderChoice.TESTCONTAINERS) {
            throw new UsageException("--pg-version starts embedded servers but --provider testcontainers asks for a "
                    + "container; give one");
        }
        if (new java.util.HashSet<>(command.pgVersions).size() < command.pgVersions.size()) {
            throw new UsageException("--pg-version names a major twice: " + command.pgVersions.stream()
                    .map(v -> String.valueOf(v.major())).collect(java.util.stream.Collectors.joining(",")));
        }
    }

    /** --server-profile sets the settings of a server the suite starts, each profile once. */
    private static void requireOwnServerProfiles(RunCommand command) throws UsageException {
        if (command.jdbcUrl != null) {
            throw new UsageException("--server-profile sets the settings of a server the suite starts, but --jdbc-url "
                    + "names a server that keeps its own (the manifest records them); give one");
        }
        if (new java.util.HashSet<>(command.serverProfiles).size() < command.serverProfiles.size()) {
            throw new UsageException("--server-profile names a profile twice: " + command.serverProfiles.stream()
                    .map(ServerProfile::label).collect(java.util.stream.Collectors.joining(",")));
        }
    }

    /** The provisioning settings: these options first, then BENCH_* variables. */
    ProvisionSettings provisionSettings(UnaryOperator<String> environment) {
        Map<String, String> properties = new HashMap<>();
        putIfSet(properties, "bench.jdbcUrl", jdbcUrl);
        putIfSet(properties, "bench.user", user);
        putIfSet(properties, "bench.password", password);
        putIfSet(properties, "bench.serverProfile", serverProfiles == null ? null : serverProfiles.get(0).label());
        putIfSet(properties, "bench.provider", provider == null ? null : provider.label());
        putIfSet(properties, "bench.pgBin", pgBin == null ? null : pgBin.directory().toString());
        return ProvisionSettings.from(properties::get, environment);
    }

    /** The command line with every password replaced by {@code ***}, for the manifest and the log. */
    static List<String> masked(List<String> args, String password) {
        List<String> masked = new ArrayList<>(args.size());
        boolean nextIsPassword = false;
        for (String arg : args) {
            if (nextIsPassword) {
                masked.add("***");
                nextIsPassword = false;
            } else if (arg.equals("--password")) {
                masked.add(arg);
                nextIsPassword = true;
            } else if (arg.startsWith("--password=")) {
                masked.add("--password=***");
            } else {
                masked.add(ServerAddress.mask(arg, password));
            }
        }
        return masked;
    }

    private static Options jmhOptions(List<String> jmhArgs, String password) throws UsageException {
        if (jmhArgs.isEmpty()) {
            return null;
        }
        Options parsed;
        try {
            parsed = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH options after -- " + String.join(" ", masked(jmhArgs, password)) + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("not understood"));
        }
        refuseOverridden(parsed);
        return parsed;
    }

    /**
     * The JMH options each configuration sets for itself (which benchmark, its parameters) would be
     * silently replaced or, for a benchmark pattern, added to every configuration: refused, naming
     * the way to get what was asked.
     */
    private static void refuseOverridden(Options jmh) throws UsageException {
        for (Parameter parameter : Parameter.values()) {
            if (jmh.getParameter(parameter.field()).hasValue()) {
                throw new UsageException("-p " + parameter.field() + "="
                        + String.join(",", jmh.getParameter(parameter.field()).get())
                        + " after --: every configuration sets its own parameters, so JMH's -p would be overridden; "
                        + "choose configurations with --include REGEX (see --dry-run) or a profile");
            }
        }
        if (!jmh.getIncludes().isEmpty()) {
            throw new UsageException("the benchmark pattern " + String.join(" ", jmh.getIncludes())
                    + " after --: the runner runs one configuration at a time; "
                    + "choose them with --include REGEX (see --dry-run) or a profile");
        }
        if (!jmh.getExcludes().isEmpty()) {
            throw new UsageException("-e " + String.join(",", jmh.getExcludes()) + " after --: choose configurations "
                    + "with --include REGEX (see --dry-run) or a profile");
        }
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "RunOptions[profile=" + profile + ", jdbcUrl="
                + (jdbcUrl == null ? "none" : ServerAddress.mask(jdbcUrl, password))
                + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", pgBin=" + (pgBin == null ? "none" : pgBin.directory()) + ", pgVersions=" + pgVersions
                + ", rows=" + rows + ", include=" + include + ", gc=" + gc + ", out=" + out
                + ", datasetSeed=" + datasetSeed + ", seed=" + seed + ", chunkDeadline=" + chunkDeadline
                + ", dryRun=" + dryRun
                + ", jmhArgs=" + masked(jmhArgs, password) + "]";
    }
}
