package dev.pginsertbench.run;

import dev.pginsertbench.postgres.EmbeddedBinaries;
import dev.pginsertbench.postgres.EmbeddedVersion;
import dev.pginsertbench.postgres.PostgresBinaries;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One server of a run and what it measures: a run over several servers (PostgreSQL majors,
 * server profiles, a profile's bulk comparison) measures them one after another into one folder.
 *
 * @param version the embedded major to start, or null for the run's own server (the one the
 *                options and BENCH_* variables describe)
 * @param profile the server profile it is started with
 * @param plan    the configurations it runs
 */
record ServerPass(EmbeddedVersion version, ServerProfile profile, RunPlan plan) {

    /**
     * The servers of a run in the order they run: each server (every embedded major, then local
     * binaries; else the run's one server) under each server profile given, else under the run's
     * profile and then, when the run profile asks for it, the bulk comparison.
     *
     * @param versions the embedded majors, empty for the run's one server
     * @param profiles --server-profile's list, or null for the settings' profile
     */
    static List<ServerPass> of(RunPlan plan, ProvisionSettings settings, List<EmbeddedVersion> versions,
            List<ServerProfile> profiles) throws UsageException {
        if (profiles != null && profiles.size() > 1 && settings.jdbcUrl() != null) {
            throw new UsageException("--server-profile " + labels(profiles) + " starts a server of each profile but "
                    + "BENCH_JDBC_URL names a server that keeps its own settings; give one");
        }
        List<EmbeddedVersion> servers = new ArrayList<>(versions);
        if (versions.isEmpty() || settings.binaries() != null) {
            servers.add(null);
        }
        RunPlan bulk = profiles == null && settings.jdbcUrl() == null && settings.profile() != ServerProfile.BULK
                ? plan.restrictedTo(plan.profile().bulkComparison()) : null;
        List<ServerPass> passes = new ArrayList<>();
        for (EmbeddedVersion version : servers) {
            for (ServerProfile profile : profiles != null ? profiles : List.of(settings.profile())) {
                passes.add(new ServerPass(version, profile, plan));
            }
            if (bulk != null && !bulk.configurations().isEmpty()) {
                passes.add(new ServerPass(version, ServerProfile.BULK, bulk));
            }
        }
        return List.copyOf(passes);
    }

    /** Whether the passes start servers of more than one profile: then each server's label names its profile. */
    static boolean profilesDiffer(List<ServerPass> passes) {
        return passes.stream().map(ServerPass::profile).distinct().count() > 1;
    }

    /**
     * The settings this pass's server is started with; an embedded major's binaries are fetched
     * now (once per major), so that a missing one fails before anything starts.
     */
    ProvisionSettings settings(ProvisionSettings run, Map<EmbeddedVersion, EmbeddedBinaries> fetched) {
        if (version == null) {
            return run.withProfile(profile);
        }
        EmbeddedBinaries binaries = fetched.computeIfAbsent(version,
                v -> EmbeddedBinaries.resolve(v, EmbeddedBinaries.defaultCache()));
        return ProvisionSettings.embedded(binaries, profile);
    }

    /** The server as the plan names it, before anything is started. */
    String describe(PostgresBinaries local) {
        String server = version != null ? "embedded PostgreSQL " + version.major()
                : local != null ? local.directory().toString() : "the run's server";
        return String.format(Locale.ROOT, "%s (%s, %d configurations)", server, profile.label(),
                plan.configurations().size());
    }

    private static String labels(List<ServerProfile> profiles) {
        return String.join(",", profiles.stream().map(ServerProfile::label).toList());
    }
}
