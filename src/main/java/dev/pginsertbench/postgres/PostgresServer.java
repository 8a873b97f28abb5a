package dev.pginsertbench.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PostgreSQL server and how it was obtained. Closing it stops a server the suite
 * started (embedded or container) and does nothing to an external one. A shutdown hook closes it
 * too, so no postgres process outlives the JVM.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    /** junixsocket's factory for pgjdbc; its argument is the socket file's path. */
    static final String UNIX_SOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    private final ServerAddress address;
    private final Provider provider;
    private final ServerProfile profile;
    private final String detail;
    private final String authentication;
    private final Path unixSocket;
    private final AutoCloseable stopper;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    /**
     * @param profile the settings applied at start, or null for an external server left as it was
     * @param detail  how the server was obtained (image, binaries version, why others were skipped)
     * @param authentication how logins authenticate, for the manifest ({@code scram-sha-256})
     * @param unixSocket the server's Unix-domain socket ({@code <dir>/.s.PGSQL.<port>}), or null when the
     *                   suite does not know one (external server, container)
     * @param stopper stops the server; a no-op for external servers
     */
    PostgresServer(ServerAddress address, Provider provider, ServerProfile profile, String detail,
            String authentication, Path unixSocket, AutoCloseable stopper) {
        this.address = address;
        this.provider = provider;
        this.profile = profile;
        this.detail = detail;
        this.authentication = authentication;
        this.unixSocket = unixSocket;
        this.stopper = stopper;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public ServerAddress address() {
        return address;
    }

    /**
     * Where the server answers over {@code transport}: TCP is {@link #address()} as it is (a server
     * the suite started says {@code sslmode=disable} there, so plain TCP stays plain although the
     * server offers TLS); TLS asks for it with {@code sslmode=require}; the Unix-domain socket goes
     * through junixsocket's socket factory for pgjdbc, as junixsocket documents it, and exists only on
     * a server the suite started.
     */
    public ServerAddress address(Transport transport) {
        return switch (transport) {
            case TCP -> address;
            case TLS -> address.withUrlParameter("sslmode", "require");
            case UNIX_SOCKET -> {
                if (unixSocket == null) {
                    throw new IllegalStateException("transport " + transport + " needs a server the suite starts"
                            + " (embedded or local); the " + provider.label() + " server's socket is not known here");
                }
                yield address.withUrlParameter("socketFactory", UNIX_SOCKET_FACTORY)
                        .withUrlParameter("socketFactoryArg", unixSocket.toString());
            }
        };
    }

    /** Whether {@link #address(Transport)} can reach this server over {@code transport}. */
    public boolean offers(Transport transport) {
        return transport != Transport.UNIX_SOCKET || unixSocket != null;
    }

    public Provider provider() {
        return provider;
    }

    /** The profile applied at start; null when the server is external and was not changed. */
    public ServerProfile profile() {
        return profile;
    }

    /** A label for manifests: the profile name, or {@code external (as configured)}. */
    public String profileLabel() {
        return profile == null ? "external (as configured)" : profile.label();
    }

    public String detail() {
        return detail;
    }

    /** How logins authenticate: {@code scram-sha-256} on a server the suite started. */
    public String authentication() {
        return authentication;
    }

    public Connection connect() {
        return address.connect();
    }

    /** How far the server is from this client, measured now on a connection of its own. */
    public RoundTrip roundTrip() {
        return onConnectionOfItsOwn("time a round trip to", RoundTrip::measure);
    }

    /** Reads version and settings from the server; works for every provider. */
    public ServerFacts facts() {
        return onConnectionOfItsOwn("read server settings from", ServerFacts::read);
    }

    /** A query on a connection opened for it; a failure names what was asked and the server's masked URL. */
    private <T> T onConnectionOfItsOwn(String what, Query<T> query) {
        try (Connection connection = connect()) {
            return query.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " " + address.maskedUrl() + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T on(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
    }

    private void stopQuietly() {
        if (closed.compareAndSet(false, true)) {
            try {
                stopper.close();
            } catch (Exception e) {
                LOG.warn("stopping the {} PostgreSQL server failed: {}", provider.label(), e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return provider.label() + " PostgreSQL at " + address.maskedUrl() + " (profile " + profileLabel() + ")";
    }
}
