package dev.pginsertbench.run;

import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerAddress;
import dev.pginsertbench.postgres.ServerProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The runner's command line: {@code [PROFILE] [options] [-- extra JMH options]}.
 *
 * @param profile       profile name (validated against {@link Profiles})
 * @param jdbcUrl       --jdbc-url, or null (BENCH_JDBC_URL is then read by the provisioning)
 * @param user          --user, or null
 * @param password      --password, or null; never printed
 * @param serverProfile --server-profile, or null for the default (durable)
 * @param provider      --provider, or null for automatic
 * @param rows          --rows, or null for the profile's
 * @param include       --include, or null for every configuration
 * @param gc            JMH's gc profiler (on unless --no-gc)
 * @param out           --out, or null for results/&lt;timestamp&gt;-&lt;profile&gt;
 * @param seed          --seed
 * @param dryRun        --dry-run: list and estimate, run nothing
 * @param help          --help
 * @param jmhArgs       everything after {@code --}, handed to JMH
 */
record RunOptions(String profile, String jdbcUrl, String user, String password, String serverProfile, String provider,
        Integer rows, Pattern include, boolean gc, Path out, long seed, boolean dryRun, boolean help, List<String> jmhArgs) {

    static final long DEFAULT_SEED = 42;

    static final String USAGE = """
            usage: run-bench.sh [PROFILE] [options] [-- extra JMH options]

            PROFILE (default quick):
              smoke      every benchmark once on 2,000 rows (CI-sized, under 3 minutes)
              quick      the card's strategies and the ceilings on 100,000 rows (under 15 minutes)
              claims     every claim of the original loader, arms interleaved and paired (under 30 minutes)
              standard   the card's full matrix on 100,000 rows, 2 forks (under 90 minutes)
              thesis     1,000,000 rows: full matrix, original loader, factor study, 3 forks (hours)

            options:
              --jdbc-url URL         use this PostgreSQL (else BENCH_JDBC_URL, else one is started)
              --user NAME            login (else BENCH_USER)
              --password SECRET      password (else BENCH_PASSWORD); never written anywhere
              --server-profile P     durable (default) or bulk: settings of a server the suite starts
              --provider P           auto (default), embedded or testcontainers
              --rows N               rows per load instead of the profile's
              --include REGEX        only configurations whose "Class.method {params}" matches
              --prof gc              memory per row from JMH's gc profiler (the default)
              --no-gc                without the gc profiler
              --out DIR              results folder (default results/<UTC timestamp>-<profile>)
              --seed N               dataset seed (default 42)
              --dry-run              print the configurations and the estimate, run nothing
              --help                 this text
              -- ARGS                passed to JMH as they are (for example -- -f 2 -i 10)
            """;

    /** Parses {@code args}; never reads the environment (the provisioning does). */
    static RunOptions parse(List<String> args) throws UsageException {
        String profile = null;
        Map<String, String> values = new HashMap<>();
        boolean gc = true;
        boolean dryRun = false;
        boolean help = false;
        List<String> jmhArgs = List.of();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                jmhArgs = List.copyOf(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-")) {
                if (profile != null) {
                    throw new UsageException("more than one profile given: " + profile + " and " + arg);
                }
                profile = arg;
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--no-gc" -> gc = false;
                case "--dry-run" -> dryRun = true;
                case "--help", "-h" -> help = true;
                case "--prof" -> {
                    String profiler = value(args, i, arg);
                    if (!profiler.equals("gc")) {
                        throw new UsageException("--prof only knows gc here; pass other JMH profilers after --, "
                                + "for example -- -prof stack");
                    }
                    gc = true;
                    i += arg.contains("=") ? 0 : 1;
                }
                case "--jdbc-url", "--user", "--password", "--server-profile", "--provider", "--rows", "--include",
                        "--out", "--seed" -> {
                    values.put(name, value(args, i, arg));
                    i += arg.contains("=") ? 0 : 1;
                }
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (profile == null) {
            profile = Profiles.DEFAULT;
        }
        if (!Profiles.names().contains(profile)) {
            throw new UsageException("unknown profile '" + profile + "', expected one of " + String.join(", ", Profiles.names()));
        }
        validateJmhArgs(jmhArgs);
        return new RunOptions(profile, values.get("--jdbc-url"), values.get("--user"), values.get("--password"),
                serverProfile(values.get("--server-profile")), provider(values.get("--provider")),
                positive(values.get("--rows"), "--rows"), include(values.get("--include")), gc,
                values.containsKey("--out") ? Path.of(values.get("--out")) : null,
                values.containsKey("--seed") ? seed(values.get("--seed")) : DEFAULT_SEED, dryRun, help, jmhArgs);
    }

    /** The provisioning settings: these options first, then BENCH_* variables. */
    ProvisionSettings provisionSettings(UnaryOperator<String> environment) {
        Map<String, String> properties = new HashMap<>();
        putIfSet(properties, "bench.jdbcUrl", jdbcUrl);
        putIfSet(properties, "bench.user", user);
        putIfSet(properties, "bench.password", password);
        putIfSet(properties, "bench.serverProfile", serverProfile);
        putIfSet(properties, "bench.provider", provider);
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

    private static String value(List<String> args, int index, String arg) throws UsageException {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (index + 1 >= args.size()) {
            throw new UsageException(arg + " needs a value");
        }
        return args.get(index + 1);
    }

    private static String serverProfile(String value) throws UsageException {
        if (value == null) {
            return null;
        }
        try {
            return ServerProfile.fromName(value, "--server-profile").label();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String provider(String value) throws UsageException {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "embedded", "testcontainers").contains(lower)) {
            throw new UsageException("--provider: unknown provider '" + value + "', expected auto, embedded or testcontainers"
                    + " (an external server is chosen with --jdbc-url)");
        }
        return lower;
    }

    private static Integer positive(String value, String option) throws UsageException {
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a positive whole number, got '" + value + "'");
        }
    }

    private static long seed(String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed needs a whole number, got '" + value + "'");
        }
    }

    private static Pattern include(String value) throws UsageException {
        if (value == null) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--include: not a regular expression: " + e.getDescription() + " in '" + value + "'");
        }
    }

    private static void validateJmhArgs(List<String> jmhArgs) throws UsageException {
        if (jmhArgs.isEmpty()) {
            return;
        }
        try {
            new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH options after --: " + e.getMessage());
        }
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "RunOptions[profile=" + profile + ", jdbcUrl=" + (jdbcUrl == null ? "none" : ServerAddress.mask(jdbcUrl, password))
                + ", user=" + user + ", password=" + (password == null ? "none" : "***") + ", rows=" + rows
                + ", include=" + include + ", gc=" + gc + ", out=" + out + ", seed=" + seed + ", dryRun=" + dryRun
                + ", jmhArgs=" + masked(jmhArgs, password) + "]";
    }
}
