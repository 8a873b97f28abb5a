package dev.pginsertbench.run;

import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import java.util.Optional;
import dev.pginsertbench.bench.ShotSchedule;
import dev.pginsertbench.bench.ForkFlags;
import dev.pginsertbench.report.RunManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.util.Version;

/**
 * What a run will do, decided before anything starts: the profile, the rows per load, the
 * configurations selected by {@code --include} (with shot counts given after {@code --} in place
 * of a configuration's own), forks and shots, the profilers and the estimate.
 *
 * @param extraJmh the JMH options given after {@code --}, or null
 * @param gc       whether JMH's gc profiler runs
 * @param datasetSeed the dataset's seed
 * @param seed     the run's random seed ({@link RunSeed})
 * @param chunkDeadline how long one chunk may take in the forks
 */
record RunPlan(Profile profile, int rows, List<Configuration> configurations, Options extraJmh, boolean gc,
        long datasetSeed, RunSeed seed, Duration chunkDeadline) {

    RunPlan {
        configurations = List.copyOf(configurations);
    }

    /** The plan the options ask for; an {@code --include} that selects nothing is a usage error. */
    static RunPlan of(RunOptions options) throws UsageException {
        RunSeed seed = RunSeed.of(options.seed());
        Profile profile = Profiles.named(options.profile(), seed.value()).orElseThrow();
        List<Configuration> selected = select(profile.configurations(), options.include());
        if (selected.isEmpty()) {
            throw new UsageException("--include '" + options.include() + "': matches no configuration of profile "
                    + profile.name());
        }
        Options extra = options.jmhOptions();
        return new RunPlan(profile, options.rows() != null ? options.rows() : profile.rows(),
                selected.stream().map(c -> withShotOverrides(c, extra)).toList(), extra, options.gc(),
                options.datasetSeed(), seed, options.chunkDeadline());
    }

    /** The same plan with only those of its configurations that are also among {@code others}. */
    RunPlan restrictedTo(List<Configuration> others) {
        List<Configuration> kept = configurations.stream()
                .filter(c -> others.stream().anyMatch(o -> o.entry() == c.entry() && o.params().equals(c.params())))
                .toList();
        return new RunPlan(profile, rows, kept, extraJmh, gc, datasetSeed, seed, chunkDeadline);
    }

    static List<Configuration> select(List<Configuration> configurations, Pattern include) {
        return include == null ? configurations
                : configurations.stream().filter(c -> include.matcher(c.toString()).find()).toList();
    }

    /** A configuration with its own shot counts takes those given after {@code --} instead. */
    private static Configuration withShotOverrides(Configuration configuration, Options extra) {
        Configuration.Shots own = configuration.shots();
        if (own == null || extra == null) {
            return configuration;
        }
        int warmup = extra.getWarmupIterations().hasValue() ? extra.getWarmupIterations().get() : own.warmup();
        int measured = extra.getMeasurementIterations().hasValue() ? extra.getMeasurementIterations().get()
                : own.measured();
        return new Configuration(configuration.entry(), configuration.params(),
                new Configuration.Shots(warmup, measured), configuration.rows());
    }

    int forks() {
        return extraJmh != null && extraJmh.getForkCount().hasValue() ? extraJmh.getForkCount().get() : profile.forks();
    }

    int warmupIterations() {
        return extraJmh != null && extraJmh.getWarmupIterations().hasValue() ? extraJmh.getWarmupIterations().get()
                : profile.warmupIterations();
    }

    int measurementIterations() {
        return extraJmh != null && extraJmh.getMeasurementIterations().hasValue()
                ? extraJmh.getMeasurementIterations().get() : profile.measurementIterations();
    }

    /**
     * The profile with any fork and shot counts given after {@code --}; shot counts given there
     * also replace a configuration's own.
     */
    Profile effectiveProfile() {
        return profile.with(rows, forks(), warmupIterations(), measurementIterations());
    }

    Duration estimate() {
        return DurationEstimate.of(configurations, effectiveProfile(), rows);
    }

    /** Whether the runner adds JMH's gc profiler itself (it is on and not already given after {@code --}). */
    boolean addsGcProfiler() {
        return gc && !extraProfilers().contains("gc");
    }

    /**
     * The JVM flags of every fork: the fixed heap, where the connection settings are, the seed, and
     * any given after {@code --}.
     */
    List<String> forkFlags(Path connectionFile) {
        List<String> flags = new ArrayList<>(List.of(ForkFlags.INITIAL_HEAP, ForkFlags.MAX_HEAP,
                "-Dbench.connectionFile=" + connectionFile, "-Dbench.seed=" + datasetSeed,
                "-D" + ForkFlags.SCHEDULE_SEED_PROPERTY + "=" + seed.value(),
                "-D" + ForkFlags.CHUNK_DEADLINE_PROPERTY + "=" + chunkDeadline.toSeconds()));
        if (extraJmh != null && extraJmh.getJvmArgsAppend().hasValue()) {
            flags.addAll(extraJmh.getJvmArgsAppend().get());
        }
        return List.copyOf(flags);
    }

    /** The manifest's JMH settings. */
    RunManifest.Jmh jmhSettings() {
        List<String> profilers = new ArrayList<>(extraProfilers());
        if (addsGcProfiler()) {
            profilers.add(0, "gc");
        }
        return new RunManifest.Jmh(Version.getPlainVersion(), forks(), warmupIterations(), measurementIterations(),
                "ss", profilers);
    }

    /** Every arm the plan's claims forks measure, once per claim and language, in the order they first run. */
    List<RunManifest.ClaimArm> claimArms() {
        Profile effective = effectiveProfile();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<RunManifest.ClaimArm> arms = new ArrayList<>();
        for (Configuration configuration : configurations) {
            Optional<Language> language = configuration.entry().claimLanguage();
            if (language.isEmpty()) {
                continue;
            }
            OriginalClaim claim = configuration.value(Parameter.CLAIM, OriginalClaim.class).orElseThrow();
            if (!seen.add(language.get() + "/" + claim)) {
                continue;
            }
            List<Arm> claimArms = language.get().arms(claim);
            int warmupBlocks = configuration.warmupShots(effective) / claimArms.size();
            for (Arm arm : claimArms) {
                arms.add(new RunManifest.ClaimArm(claim.id(), language.get().id(), arm.id(), arm.describe(),
                        configuration.rows(rows), warmupBlocks));
            }
        }
        return List.copyOf(arms);
    }

    /** The manifest's order: the configurations as they run, and how a claim fork orders its shots. */
    RunManifest.Order order() {
        boolean claims = configurations.stream().anyMatch(c -> c.entry().claimLanguage().isPresent());
        boolean interleaved = configurations.stream().anyMatch(c -> c.entry() == Catalogue.INTERLEAVED_REFERENCES);
        Profile effective = effectiveProfile();
        List<String> order = configurations.stream().map(c -> c.withShots(effective)).toList();
        List<String> described = new ArrayList<>();
        if (claims) {
            described.add(ShotSchedule.DESCRIPTION);
        }
        if (interleaved) {
            described.add(ShotSchedule.INTERLEAVED_DESCRIPTION);
        }
        return new RunManifest.Order(seed.value(), seed.drawn(), profile.shufflesRounds(), order,
                described.isEmpty() ? null : String.join("; ", described));
    }

    /** Prints the plan (and with {@code listEach} every configuration, as a dry run); returns the first line. */
    String print(PrintStream console, boolean listEach) {
        long ownShots = configurations.stream().filter(c -> c.shots() != null).count();
        String shots = ownShots == configurations.size()
                ? String.format(Locale.ROOT, "%d fork(s) each in blocks of one shot per arm", forks())
                : String.format(Locale.ROOT, "%d fork(s) x (%d warm-up + %d measured shots)%s", forks(),
                        warmupIterations(), measurementIterations(),
                        ownShots > 0 ? ", interleaved forks in blocks of one shot per arm" : "");
        String plan = String.format(Locale.ROOT, "run-bench: profile %s (%s): %d configurations, %,d rows per load, "
                        + "%s; %s; estimated %s on a 2-core machine%n",
                profile.name(), profile.purpose(), configurations.size(), rows, shots, seed.describe(),
                DurationEstimate.clock(estimate()));
        console.print(plan);
        if (listEach) {
            Profile effective = effectiveProfile();
            for (Configuration configuration : configurations) {
                Optional<String> tooLarge = configuration.wouldNotFit(rows);
                console.printf(Locale.ROOT, "  %s  %s%n", configuration.withShots(effective), tooLarge.isPresent()
                        ? "refused, it would not fit: " + tooLarge.get()
                        : "~" + DurationEstimate.clock(Duration.ofSeconds(
                                Math.round(DurationEstimate.seconds(configuration, effective, rows)))));
            }
            console.println("dry run: nothing was started; the server and the psql / server-file prerequisites are "
                    + "checked when the run starts");
        }
        return plan;
    }

    private List<String> extraProfilers() {
        return extraJmh == null ? List.of() : extraJmh.getProfilers().stream().map(p -> p.getKlass()).toList();
    }
}
