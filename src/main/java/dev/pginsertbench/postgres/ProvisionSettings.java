package dev.pginsertbench.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Properties;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How to obtain the server, read from system properties ({@code -Dbench.jdbcUrl}) or the
 * environment ({@code BENCH_JDBC_URL}); a system property wins over the environment.
 *
 * @param jdbcUrl  external server, or null to start one
 * @param user     login for the external server
 * @param password password for the external server; never logged
 * @param profile  server settings for a server the suite starts
 * @param provider force one provider, or null to choose automatically; {@code local} whenever
 *                 {@code binaries} is given
 * @param binaries PostgreSQL binaries of this machine to start the server from, or null
 * @param embedded the embedded server's major and its binaries, or null for the automatic choice
 *                 (Testcontainers or embedded 17); provider {@code embedded} whenever given
 */
public record ProvisionSettings(String jdbcUrl, String user, String password, ServerProfile profile, Provider provider,
        PostgresBinaries binaries, EmbeddedBinaries embedded) {

    public ProvisionSettings {
        if (profile == null) {
            profile = ServerProfile.DURABLE;
        }
        if (provider == Provider.EXTERNAL && jdbcUrl == null) {
            throw new IllegalArgumentException("bench.provider=external needs bench.jdbcUrl (or BENCH_JDBC_URL)");
        }
        if (provider == Provider.LOCAL && binaries == null) {
            throw new IllegalArgumentException("bench.provider=local needs bench.pgBin (or BENCH_PG_BIN)");
        }
        if (binaries != null) {
            if (jdbcUrl != null) {
                throw new IllegalArgumentException("bench.pgBin (BENCH_PG_BIN) and bench.jdbcUrl (BENCH_JDBC_URL) both "
                        + "name the server: local binaries " + binaries.directory()
                        + " and an external server; give one");
            }
            if (provider != null && provider != Provider.LOCAL) {
                throw new IllegalArgumentException("bench.pgBin (BENCH_PG_BIN) runs the binaries in "
                        + binaries.directory() + " but bench.provider is " + provider.label() + "; give one");
            }
            provider = Provider.LOCAL;
        }
        if (embedded != null) {
            if (jdbcUrl != null || binaries != null) {
                throw new IllegalArgumentException("bench.pgVersion (BENCH_PG_VERSION) starts the embedded PostgreSQL "
                        + embedded.version().major() + " but bench." + (jdbcUrl != null ? "jdbcUrl" : "pgBin")
                        + " names another server; give one");
            }
            if (provider != null && provider != Provider.EMBEDDED) {
                throw new IllegalArgumentException("bench.pgVersion (BENCH_PG_VERSION) starts the embedded PostgreSQL "
                        + embedded.version().major() + " but bench.provider is " + provider.label() + "; give one");
            }
            provider = Provider.EMBEDDED;
        }
    }

    /** Start a server of the given profile, choosing the provider automatically. */
    public static ProvisionSettings started(ServerProfile profile) {
        return new ProvisionSettings(null, null, null, profile, null, null, null);
    }

    /** Start a server of the given profile with one provider (not external or local, which need more). */
    public static ProvisionSettings started(ServerProfile profile, Provider provider) {
        return new ProvisionSettings(null, null, null, profile, provider, null, null);
    }

    /** Start a server of the given profile from binaries installed on this machine. */
    public static ProvisionSettings local(PostgresBinaries binaries, ServerProfile profile) {
        return new ProvisionSettings(null, null, null, profile, Provider.LOCAL, binaries, null);
    }

    /** Start the embedded server of this major under the given profile. */
    public static ProvisionSettings embedded(EmbeddedBinaries binaries, ServerProfile profile) {
        return new ProvisionSettings(null, null, null, profile, Provider.EMBEDDED, null, binaries);
    }

    /** Use the server at this URL as it is. */
    public static ProvisionSettings external(String jdbcUrl, String user, String password) {
        return new ProvisionSettings(jdbcUrl, user, password, ServerProfile.DURABLE, Provider.EXTERNAL, null, null);
    }

    /** The same server started under another profile (an external server's settings are its own: unchanged). */
    public ProvisionSettings withProfile(ServerProfile other) {
        return jdbcUrl != null ? this
                : new ProvisionSettings(jdbcUrl, user, password, other, provider, binaries, embedded);
    }

    public static ProvisionSettings fromEnvironment() {
        return from(System::getProperty, System.getenv()::get);
    }

    /**
     * Reads {@code bench.*} properties, then {@code BENCH_*} variables. A connection file
     * ({@code bench.connectionFile}: a properties file with {@code bench.jdbcUrl}, {@code bench.user},
     * {@code bench.password}, {@code bench.pgBin}, {@code bench.pgVersion}, ...) is read first when given, so that
     * credentials reach forked JVMs without appearing on their command lines.
     */
    public static ProvisionSettings from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String connectionFile = properties.apply("bench.connectionFile");
        if (connectionFile != null && !connectionFile.isBlank()) {
            Properties fromFile = readConnectionFile(Path.of(connectionFile));
            UnaryOperator<String> explicit = properties;
            properties = name -> explicit.apply(name) != null ? explicit.apply(name) : fromFile.getProperty(name);
        }
        Lookup lookup = new Lookup(properties, environment);
        String url = lookup.get("bench.jdbcUrl", "BENCH_JDBC_URL");
        String profile = lookup.get("bench.serverProfile", "BENCH_SERVER_PROFILE");
        String provider = lookup.get("bench.provider", "BENCH_PROVIDER");
        String pgBin = lookup.get("bench.pgBin", "BENCH_PG_BIN");
        String pgVersion = lookup.get("bench.pgVersion", "BENCH_PG_VERSION");
        return new ProvisionSettings(
                url,
                lookup.get("bench.user", "BENCH_USER"),
                lookup.get("bench.password", "BENCH_PASSWORD"),
                profile == null ? ServerProfile.DURABLE : ServerProfile.fromName(profile, "bench.serverProfile"),
                provider == null || provider.equalsIgnoreCase("auto") ? null : parseProvider(provider),
                pgBin == null ? null : PostgresBinaries.named(pgBin, "bench.pgBin (BENCH_PG_BIN)"),
                pgVersion == null ? null
                        : embeddedBinaries(pgVersion, lookup.get("bench.pgBinaryJar", "BENCH_PG_BINARY_JAR")));
    }

    /**
     * The embedded binaries of a major: from the jar named (the runner resolves it once and hands
     * it to the forks), else fetched into {@link EmbeddedBinaries#defaultCache()}.
     */
    private static EmbeddedBinaries embeddedBinaries(String pgVersion, String jar) {
        EmbeddedVersion version = EmbeddedVersion.named(pgVersion, "bench.pgVersion (BENCH_PG_VERSION)");
        return jar != null && !version.shaded() ? new EmbeddedBinaries(version, Path.of(jar))
                : EmbeddedBinaries.resolve(version, EmbeddedBinaries.defaultCache());
    }

    /** The same settings as properties a forked JVM can be given (password included: never log this). */
    public Map<String, String> asSystemProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        if (jdbcUrl != null) {
            properties.put("bench.jdbcUrl", jdbcUrl);
        }
        if (user != null) {
            properties.put("bench.user", user);
        }
        if (password != null) {
            properties.put("bench.password", password);
        }
        properties.put("bench.serverProfile", profile.label());
        if (provider != null) {
            properties.put("bench.provider", provider.label());
        }
        if (binaries != null) {
            properties.put("bench.pgBin", binaries.directory().toString());
        }
        if (embedded != null) {
            properties.put("bench.pgVersion", String.valueOf(embedded.version().major()));
            if (embedded.jar() != null) {
                properties.put("bench.pgBinaryJar", embedded.jar().toString());
            }
        }
        return properties;
    }

    /** Writes the credentials to a new file only the owner can read, for {@code bench.connectionFile}. */
    public Path writeConnectionFile(Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "bench-connection", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties content = new Properties();
        asSystemProperties().forEach(content::setProperty);
        try (OutputStream out = Files.newOutputStream(file)) {
            content.store(out, "pg-insert-bench connection settings; delete after the run");
        }
        return file;
    }

    private static Properties readConnectionFile(Path file) {
        Properties content = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            content.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("bench.connectionFile: cannot read " + file + ": " + e.getMessage(), e);
        }
        return content;
    }

    private static Provider parseProvider(String value) {
        try {
            return Provider.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bench.provider: unknown provider '" + value
                    + "', expected auto, external, local, testcontainers or embedded", e);
        }
    }

    @Override
    public String toString() {
        return "ProvisionSettings[url=" + (jdbcUrl == null ? "none" : ServerAddress.mask(jdbcUrl, password))
                + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", profile=" + profile.label() + ", provider=" + (provider == null ? "auto" : provider.label())
                + (binaries == null ? "" : ", pgBin=" + binaries.directory())
                + (embedded == null ? "" : ", pgVersion=" + embedded.version().release()) + "]";
    }

    private record Lookup(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String get(String property, String variable) {
            String value = properties.apply(property);
            if (value == null || value.isBlank()) {
                value = environment.apply(variable);
            }
            return value == null || value.isBlank() ? null : value;
        }
    }
}
