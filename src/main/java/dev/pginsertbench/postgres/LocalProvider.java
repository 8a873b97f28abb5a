package dev.pginsertbench.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs PostgreSQL binaries installed on this machine ({@code --pg-bin}): initdb into a fresh
 * scratch folder with the {@link ClusterInit#PINNED} encoding, locale and checksums, then
 * {@code postgres} on a free localhost port with every setting of the profile, as the embedded
 * server gets them. initdb trusts local logins only until the server answers; {@link PasswordLogin}
 * then requires a password generated for this server. TLS is on with a certificate made for this
 * server into its data directory ({@link ServerCertificate}), deleted with the scratch folder.
 */
final class LocalProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvider.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String SUPERUSER = "postgres";

    private LocalProvider() {
    }

    static PostgresServer start(PostgresBinaries binaries, ServerProfile profile, ClusterInit init) {
        LocalPrograms programs = new LocalPrograms(binaries);
        String version = programs.version("postgres");
        int initdbMajor = LocalPrograms.major(programs.version("initdb"));
        long started = System.nanoTime();
        Path folder = ScratchFolder.createForServer("pg-insert-bench-local-");
        Path data = LocalCluster.dataDirectoryIn(folder);
        LocalCluster cluster = null;
        try {
            List<String> initdb = new ArrayList<>(List.of("-D", data.toString(), "-U", SUPERUSER, "--auth=trust"));
            initdb.addAll(init.initdbOptions(initdbMajor));
            programs.run("initdb", initdb, folder.resolve("initdb.log"), INITDB_TIMEOUT);
            ServerCertificate.writeInto(data);
            int port = freePort();
            cluster = new LocalCluster(programs, folder,
                    programs.start("postgres", serverArguments(data, port, profile), LocalCluster.serverLogIn(folder)));
            ServerAddress trusted = new ServerAddress("jdbc:postgresql://localhost:" + port + "/postgres",
                    SUPERUSER, null)
                    .withUrlParameter("sslmode", "disable");
            awaitConnections(cluster, trusted);
            ServerAddress address = PasswordLogin.require(trusted);
            LOG.info("local PostgreSQL from {} started on port {} in {} ms (profile {})", binaries.directory(), port,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), profile.label());
            String detail = "binaries in " + binaries.directory() + " (" + version + "); " + init.describe()
                    + "; data directory under " + folder.getParent()
                    + (programs.throughUnshare() ? "; run through unshare -U as root" : "");
            return new PostgresServer(address, Provider.LOCAL, profile, detail, PasswordLogin.METHOD,
                    UnixSocket.in(data, port), cluster);
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            } else {
                LocalCluster.delete(folder);
            }
            throw e;
        }
    }

    /**
     * The profile's settings, and what only this provider needs: the port, and the Unix socket in
     * the data directory, because the binaries' built-in socket directory (Debian:
     * /var/run/postgresql) is not writable from a user namespace.
     */
    private static List<String> serverArguments(Path data, int port, ServerProfile profile) {
        List<String> arguments = new ArrayList<>(List.of("-D", data.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=" + data));
        for (Map.Entry<String, String> setting : profile.settings().entrySet()) {
            arguments.add("-c");
            arguments.add(setting.getKey() + "=" + setting.getValue());
        }
        PasswordLogin.SERVER_SETTINGS.forEach((name, value) -> arguments.addAll(List.of("-c", name + "=" + value)));
        ServerCertificate.SERVER_SETTINGS.forEach((name, value) -> arguments.addAll(List.of("-c", name + "=" + value)));
        return arguments;
    }

    private static void awaitConnections(LocalCluster cluster, ServerAddress address) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!cluster.postmaster().isAlive()) {
                throw new ServerUnavailableException("the local PostgreSQL server exited with code "
                        + cluster.postmaster().exitValue() + " while starting"
                        + LocalPrograms.lastLines(cluster.serverLog()));
            }
            try {
                address.connect().close();
                return;
            } catch (ServerUnavailableException | SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new ServerUnavailableException("the local PostgreSQL server did not accept connections at "
                            + address.maskedUrl() + " within " + STARTUP_TIMEOUT.toSeconds() + " s"
                            + LocalPrograms.lastLines(cluster.serverLog()));
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerUnavailableException("interrupted while waiting for the local PostgreSQL server");
            }
        }
    }

    /** A port free now; the server binds it a moment later (the embedded provider takes the same chance). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ServerUnavailableException("no free port on localhost: " + e.getMessage());
        }
    }
}
