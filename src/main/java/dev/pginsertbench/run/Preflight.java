package dev.pginsertbench.run;

import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.bench.Prerequisite;
import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerFacts;
import dev.pginsertbench.postgres.Transport;
import dev.pginsertbench.report.RunManifest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner checks before any fork starts, with a server provisioned exactly as the forks
 * will provision theirs: that the server answers (an unreachable one fails here, in seconds,
 * with host, port and database named), what it is (version and settings, for the manifest), and
 * which benchmarks cannot run here (server-side COPY where the server cannot read this client's
 * files; psql missing; the Unix-domain socket of a server the suite did not start; TLS or the
 * socket where a connection over it fails, as on a server without {@code ssl=on}: each transport
 * the plan needs is tried once) — those are skipped with their reason rather than failing in a fork.
 *
 * @param postgres the manifest's description of the server
 * @param skipped  configurations that will not run, with the reason
 */
record Preflight(RunManifest.Postgres postgres, List<RunManifest.NotMeasured> skipped) {

    static Preflight check(ProvisionSettings settings, List<Configuration> configurations, int runRows)
            throws IOException, SQLException {
        try (PostgresServer server = new PostgresProvisioner().start(settings)) {
            return of(server, configurations, runRows);
        }
    }

    /**
     * The checks on a running server, and that each configuration's loads fit in memory ({@link MemoryNeed})
     * at its rows of the run's {@code runRows}.
     */
    static Preflight of(PostgresServer server, List<Configuration> configurations, int runRows)
            throws IOException, SQLException {
        ServerFacts facts = server.facts();
        RunManifest.Postgres postgres = new RunManifest.Postgres(
                RunManifest.Postgres.label(facts.version(), server.provider().label()), server.provider().label(),
                server.profileLabel(), server.detail(), server.address().maskedUrl(), server.authentication(),
                facts.version(), RunManifest.Postgres.driverInUse(), server.roundTrip(), facts.keySettings(),
                facts.allSettings());
        Map<Prerequisite, Optional<String>> missing = new EnumMap<>(Prerequisite.class);
        Map<Transport, Optional<String>> transports = new EnumMap<>(Transport.class);
        List<RunManifest.NotMeasured> skipped = new ArrayList<>();
        for (Configuration configuration : configurations) {
            Optional<String> tooLarge = configuration.wouldNotFit(runRows);
            if (tooLarge.isPresent()) {
                skipped.add(new RunManifest.NotMeasured(configuration.benchmark(), configuration.recordedParams(),
                        "skipped: it would not fit: " + tooLarge.get()));
                continue;
            }
            Optional<String> unreachable = configuration.value(Parameter.TRANSPORT, Transport.class)
                    .flatMap(transport -> transports.computeIfAbsent(transport, t -> unreachable(server, t)));
            if (unreachable.isPresent()) {
                skipped.add(new RunManifest.NotMeasured(configuration.benchmark(), configuration.recordedParams(),
                        "skipped: " + unreachable.get()));
                continue;
            }
            for (Prerequisite prerequisite : configuration.prerequisites()) {
                if (!missing.containsKey(prerequisite)) {
                    missing.put(prerequisite, prerequisite.missing(server));
                }
                Optional<String> reason = missing.get(prerequisite);
                if (reason.isPresent()) {
                    skipped.add(new RunManifest.NotMeasured(configuration.benchmark(), configuration.recordedParams(),
                            "skipped: " + reason.get()));
                    break;
                }
            }
        }
        return new Preflight(postgres, skipped);
    }

    /**
     * Why this transport cannot reach the server: the socket of a server the suite did not start,
     * or a connection over it that fails (TLS on a server without {@code ssl=on}); plain TCP
     * answered already.
     */
    private static Optional<String> unreachable(PostgresServer server, Transport transport) {
        if (!server.offers(transport)) {
            return Optional.of("transport " + transport + " needs a server the suite starts (embedded or local); the "
                    + server.provider().label() + " server's socket is not known here");
        }
        if (transport == Transport.TCP) {
            return Optional.empty();
        }
        try (Connection connection = server.address(transport).connect()) {
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.of("transport " + transport + " does not reach the " + server.provider().label()
                    + " server: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
        }
    }

    /**
     * The same checks, the server's label naming its profile: a run over servers of several
     * profiles tells them apart so.
     */
    Preflight withProfileInLabel() {
        return new Preflight(postgres.labelled(postgres.label() + " " + postgres.profile()), skipped);
    }

    /** The server's label, as its results carry it in their {@code server} parameter. */
    String label() {
        return postgres.label();
    }

    /** What was skipped on this server, each naming the server among its parameters. */
    List<RunManifest.NotMeasured> skippedOnServer() {
        return skipped.stream().map(s -> new RunManifest.NotMeasured(s.benchmark(),
                RunLoop.onServer(s.params(), label()), s.reason())).toList();
    }

    boolean isSkipped(Configuration configuration) {
        return skipped.stream().anyMatch(s -> s.benchmark().equals(configuration.benchmark())
                && s.params().equals(configuration.recordedParams()));
    }
}
