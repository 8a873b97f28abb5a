package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.PostgresExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresProvisionerTest {

    @Test
    void anExplicitUrlIsUsedAsGiven(PostgresServer running) throws Exception {
        ServerAddress address = running.address();
        ProvisionSettings settings = ProvisionSettings.from(
                Map.of("bench.jdbcUrl", address.jdbcUrl(), "bench.user", address.user(),
                        "bench.password", address.password())::get,
                name -> null);
        try (PostgresServer external = new PostgresProvisioner(failingProbe()).start(settings)) {
            assertThat(external.provider()).isEqualTo(Provider.EXTERNAL);
            assertThat(external.address().jdbcUrl()).isEqualTo(address.jdbcUrl());
            assertThat(external.profile()).isNull();
            assertThat(external.facts().version()).startsWith("PostgreSQL");
        }
        // closing an external server leaves it running
        try (Connection connection = running.connect()) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void environmentVariablesAreReadWhenNoPropertyIsSet() {
        ProvisionSettings settings = ProvisionSettings.from(name -> null,
                Map.of("BENCH_JDBC_URL", "jdbc:postgresql://db.example:5433/x", "BENCH_USER", "u",
                        "BENCH_PASSWORD", "s3cret", "BENCH_SERVER_PROFILE", "bulk")::get);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/x");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.profile()).isEqualTo(ServerProfile.BULK);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aConnectionFileCarriesCredentialsWithoutCommandLineProperties(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        ProvisionSettings original = new ProvisionSettings("jdbc:postgresql://db.example/x", "u", "s3cret", ServerProfile.BULK, null, null, null);
        java.nio.file.Path file = original.writeConnectionFile(dir);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        ProvisionSettings read = ProvisionSettings.from(Map.of("bench.connectionFile", file.toString())::get, name -> null);
        assertThat(read).isEqualTo(original);
    }

    @Test
    void anUnknownServerProfileNamesTheSettingAndTheChoices() {
        assertThatThrownBy(() -> ProvisionSettings.from(Map.of("bench.serverProfile", "fast")::get, name -> null))
                .hasMessageContaining("bench.serverProfile")
                .hasMessageContaining("fast")
                .hasMessageContaining("durable, bulk");
    }

    @Test
    void withoutDockerTheProbeAnswersWithinASecondAndSaysWhy() {
        long started = System.nanoTime();
        Optional<String> reason = new DockerProbe("unix:///nonexistent/docker.sock").unavailableReason();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(reason).hasValueSatisfying(text -> assertThat(text).contains("/nonexistent/docker.sock"));
    }

    @Test
    void aSilentDockerEndpointIsGivenUpAfterASecond() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            Optional<String> reason = new DockerProbe("tcp://127.0.0.1:" + silent.getLocalPort()).unavailableReason();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
            assertThat(reason).isPresent();
        }
    }

    @Test
    void withNoDockerTheEmbeddedServerStartsWithDurableSettings() throws SQLException {
        try (PostgresServer server = new PostgresProvisioner(failingProbe()).start(ProvisionSettings.started(ServerProfile.DURABLE))) {
            assertThat(server.provider()).isEqualTo(Provider.EMBEDDED);
            assertThat(server.detail()).contains("Testcontainers skipped").contains("no docker here");
            ServerFacts facts = server.facts();
            assertThat(facts.version()).startsWith("PostgreSQL 17");
            assertThat(facts.setting("fsync")).isEqualTo("on");
            assertThat(facts.setting("synchronous_commit")).isEqualTo("on");
            assertThat(facts.setting("full_page_writes")).isEqualTo("on");
            assertThat(facts.allSettings()).hasSizeGreaterThan(200)
                    .anySatisfy(setting -> assertThat(setting.name()).isEqualTo("fsync"));
            assertLoginsNeedTheGeneratedPassword(server);
            assertTlsOnlyWhenAsked(server);
            assertTheUnixSocketAnswersWithThePassword(server);
        }
    }

    @Test
    void theTlsKeyStaysOwnerOnlyInTheDataDirectoryAndIsDeletedWithIt() throws Exception {
        Path key;
        try (PostgresServer server = new PostgresProvisioner(failingProbe()).start(
                ProvisionSettings.started(ServerProfile.DURABLE, Provider.EMBEDDED))) {
            key = dataDirectory(server).resolve("server.key");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(key)).contains("PRIVATE KEY");
        }
        assertThat(key).doesNotExist();
        assertThat(key.getParent()).doesNotExist();
    }

    /** Every server the suite starts offers TLS, and the plain TCP address does not use it. */
    static void assertTlsOnlyWhenAsked(PostgresServer server) throws SQLException {
        assertThat(encrypted(server.address())).isFalse();
        assertThat(encrypted(server.address(Transport.TCP))).isFalse();
        assertThat(encrypted(server.address(Transport.TLS))).isTrue();
    }

    /**
     * The embedded and local servers answer on their own Unix-domain socket, through junixsocket:
     * the backend sees no client address, and a login without the password is refused there too.
     */
    static void assertTheUnixSocketAnswersWithThePassword(PostgresServer server) throws SQLException {
        ServerAddress socket = server.address(Transport.UNIX_SOCKET);
        assertThat(server.offers(Transport.UNIX_SOCKET)).isTrue();
        try (Connection connection = socket.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT inet_client_addr() IS NULL, current_setting('unix_socket_directories')");
                ResultSet result = statement.executeQuery()) {
            result.next();
            assertThat(result.getBoolean(1)).as("connected through the socket, not TCP").isTrue();
            assertThat(socket.jdbcUrl()).contains(URLEncoder.encode(result.getString(2), StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> new ServerAddress(socket.jdbcUrl(), socket.user(), null).connect().close())
                .isInstanceOf(ServerUnavailableException.class);
    }

    private static boolean encrypted(ServerAddress address) throws SQLException {
        try (Connection connection = address.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
                ResultSet result = statement.executeQuery()) {
            assertThat(result.next()).isTrue();
            return result.getBoolean(1);
        }
    }

    static Path dataDirectory(PostgresServer server) throws SQLException {
        try (Connection connection = server.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT current_setting('data_directory')");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return Path.of(result.getString(1));
        }
    }

    /** Every server the suite starts: scram-sha-256 with a password of its own, and nothing without it. */
    static void assertLoginsNeedTheGeneratedPassword(PostgresServer server) {
        ServerAddress address = server.address();
        assertThat(server.authentication()).isEqualTo("scram-sha-256");
        assertThat(address.password()).hasSize(32).doesNotContain("'", "\\", " ");
        assertThat(server.facts().allSettings())
                .contains(new ServerFacts.Setting("password_encryption", "scram-sha-256", null, "command line"));
        assertThatThrownBy(() -> new ServerAddress(address.jdbcUrl(), address.user(), null).connect().close())
                .isInstanceOf(ServerUnavailableException.class);
        assertThatThrownBy(() -> new ServerAddress(address.jdbcUrl(), address.user(), "wrong").connect().close())
                .isInstanceOf(ServerUnavailableException.class).hasMessageContaining("28P01");
    }

    @Test
    void theBulkProfileAppliesThePopulatingADatabaseSettings() {
        try (PostgresServer server = new PostgresProvisioner(failingProbe()).start(
                ProvisionSettings.started(ServerProfile.BULK, Provider.EMBEDDED))) {
            ServerFacts facts = server.facts();
            assertThat(facts.setting("synchronous_commit")).isEqualTo("off");
            assertThat(facts.setting("wal_level")).isEqualTo("minimal");
            assertThat(facts.setting("max_wal_senders")).isEqualTo("0");
            assertThat(facts.setting("max_wal_size")).isEqualTo("16GB");
            assertThat(facts.setting("checkpoint_timeout")).isEqualTo("1h");
            assertThat(facts.setting("fsync")).isEqualTo("on");
        }
    }

    @Test
    void aRefusedUrlFailsFastNamingHostPortAndDatabaseWithoutThePassword() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/thesis?password=hunter2";
        assertUnavailableWithinTenSeconds(ProvisionSettings.external(url, "bench", "hunter2"), port);
    }

    @Test
    void aSilentUrlFailsWithinTenSeconds() throws IOException {
        // accepts TCP connections but never answers the startup message
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket ignored = silent.accept(); Socket ignored2 = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/thesis";
            assertUnavailableWithinTenSeconds(ProvisionSettings.external(url, "bench", "hunter2"), silent.getLocalPort());
            acceptor.interrupt();
        }
    }

    private static void assertUnavailableWithinTenSeconds(ProvisionSettings settings, int port) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> new PostgresProvisioner(failingProbe()).start(settings))
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("host 127.0.0.1")
                .hasMessageContaining("port " + port)
                .hasMessageContaining("database 'thesis'")
                .hasMessageNotContaining("hunter2");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static Supplier<Optional<String>> failingProbe() {
        return () -> Optional.of("no docker here");
    }
}
