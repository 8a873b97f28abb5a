package dev.pginsertbench.postgres;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL server answers and how to log in. {@link #toString()} and every message
 * built here mask the password, wherever it appears (property, URL parameter or user-info).
 *
 * @param jdbcUrl  a {@code jdbc:postgresql://} URL
 * @param user     login role, may be null when the URL carries it
 * @param password may be null; never printed
 */
public record ServerAddress(String jdbcUrl, String user, String password) {

    /** Fails a connection attempt to a silent host well inside the suite's 10 s budget. */
    static final int CONNECT_TIMEOUT_SECONDS = 4;
    static final int LOGIN_TIMEOUT_SECONDS = 8;

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");
    private static final Pattern AUTHORITY = Pattern.compile("^jdbc:postgresql://[^/?]*/");

    public ServerAddress {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL "
                    + "(expected jdbc:postgresql://host:port/database): "
                    + (jdbcUrl == null ? "null" : mask(jdbcUrl, password)));
        }
    }

    /**
     * The same server with one connection parameter of the URL set, replacing any value it had;
     * the value is URL-encoded, as pgjdbc decodes it.
     */
    public ServerAddress withUrlParameter(String name, String value) {
        int query = jdbcUrl.indexOf('?');
        StringBuilder url = new StringBuilder(query < 0 ? jdbcUrl : jdbcUrl.substring(0, query));
        char separator = '?';
        if (query >= 0) {
            for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
                String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (!parameter.isEmpty() && !key.equalsIgnoreCase(name)) {
                    url.append(separator).append(parameter);
                    separator = '&';
                }
            }
        }
        url.append(separator).append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return new ServerAddress(url.toString(), user, password);
    }

    /** The server's TCP host and port, as the URL names them (5432 where it names none). */
    public InetSocketAddress socketAddress() {
        Endpoint endpoint = endpoint();
        int port = endpoint.port() == null ? 5432 : Integer.parseInt(endpoint.port());
        return new InetSocketAddress(endpoint.host(), port);
    }

    /**
     * The same server reached at another host and port (a relay in front of it): the URL's
     * host:port replaced, its database and parameters kept. Not for a Unix-domain socket URL,
     * which names no port the relay could stand in for.
     */
    public ServerAddress through(InetSocketAddress relay) {
        if (transport() == Transport.UNIX_SOCKET) {
            throw new IllegalArgumentException("a relay forwards TCP, not a Unix-domain socket: " + maskedUrl());
        }
        Matcher authority = AUTHORITY.matcher(jdbcUrl);
        if (!authority.find()) {
            throw new IllegalArgumentException("no host:port in " + maskedUrl());
        }
        String host = relay.getAddress().getHostAddress();
        String hostText = host.contains(":") ? "[" + host + "]" : host;
        return new ServerAddress(authority.replaceFirst(Matcher.quoteReplacement("jdbc:postgresql://" + hostText + ":"
                + relay.getPort() + "/")), user, password);
    }

    /** The URL with any password replaced by {@code ***}. */
    public String maskedUrl() {
        return mask(jdbcUrl, password);
    }

    /** Host, port and database as the driver reads them from the URL. */
    public Endpoint endpoint() {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + maskedUrl());
        }
        return new Endpoint(parsed.getProperty("PGHOST"), parsed.getProperty("PGPORT"), parsed.getProperty("PGDBNAME"));
    }

    /**
     * How this URL reaches the server, as the driver reads it: through a socket factory for a
     * Unix-domain socket ({@link Transport#UNIX_SOCKET}), over TLS where sslmode requires it, else TCP.
     */
    public Transport transport() {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + maskedUrl());
        }
        if (PostgresServer.UNIX_SOCKET_FACTORY.equals(parsed.getProperty("socketFactory"))) {
            return Transport.UNIX_SOCKET;
        }
        String sslMode = parsed.getProperty("sslmode", "");
        boolean tls = sslMode.equals("require") || sslMode.startsWith("verify")
                || (sslMode.isEmpty() && "true".equals(parsed.getProperty("ssl")));
        return tls ? Transport.TLS : Transport.TCP;
    }

    /** Connection properties: credentials plus timeouts so an unreachable server fails fast. */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "pg-insert-bench");
        return properties;
    }

    /**
     * The same server for a libpq client (psql, psycopg) as environment variables: {@code PGHOST},
     * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGSSLMODE},
     * a connect timeout and the application name; the password thus never appears on a command line.
     */
    public Map<String, String> libpqEnvironment(String applicationName) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, connectionProperties());
        if (parsed == null) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + maskedUrl());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGHOST", parsed.getProperty("PGHOST").split(",")[0]);
        environment.put("PGPORT", parsed.getProperty("PGPORT").split(",")[0]);
        environment.put("PGDATABASE", parsed.getProperty("PGDBNAME"));
        putIfSet(environment, "PGUSER", parsed.getProperty("user"));
        putIfSet(environment, "PGPASSWORD", parsed.getProperty("password"));
        putIfSet(environment, "PGSSLMODE", parsed.getProperty("sslmode"));
        environment.put("PGCONNECT_TIMEOUT", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        environment.put("PGAPPNAME", applicationName);
        return environment;
    }

    private static void putIfSet(Map<String, String> environment, String name, String value) {
        if (value != null) {
            environment.put(name, value);
        }
    }

    /** A new connection; failures name host, port and database, never the password. */
    public Connection connect() throws ServerUnavailableException {
        try {
            return DriverManager.getConnection(jdbcUrl, connectionProperties());
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Wraps a connection failure into a message naming where the server was expected. */
    public ServerUnavailableException unavailable(SQLException cause) {
        Endpoint endpoint = endpoint();
        String message = "cannot connect to PostgreSQL at host " + endpoint.host() + ", port " + endpoint.port()
                + ", database '" + endpoint.database() + "'" + (user == null ? "" : " as user '" + user + "'")
                + " (" + maskedUrl() + "): " + mask(String.valueOf(cause.getMessage()), password)
                + (cause.getSQLState() == null ? "" : " [SQLState " + cause.getSQLState() + "]");
        return new ServerUnavailableException(message, cause.getSQLState());
    }

    @Override
    public String toString() {
        return "ServerAddress[" + maskedUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + "]";
    }

    /** Masks URL password parameters, user-info passwords and any literal occurrence of {@code password}. */
    public static String mask(String text, String password) {
        String masked = URL_PASSWORD.matcher(text).replaceAll(Matcher.quoteReplacement("password=***"));
        masked = USER_INFO.matcher(masked).replaceAll("$1***@");
        if (password != null && !password.isEmpty()) {
            masked = masked.replace(password, "***");
        }
        return masked;
    }

    /** Host, port and database of a server, as named in error messages and the manifest. */
    public record Endpoint(String host, String port, String database) {
    }
}
