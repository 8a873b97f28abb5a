package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code --pg-bin}: Debian's PostgreSQL 15 started by the provisioner with the suite's settings. */
class LocalProviderTest {

    private final PostgresProvisioner provisioner = new PostgresProvisioner(() -> Optional.of("no docker here"));

    @ParameterizedTest
    @EnumSource(ServerProfile.class)
    void theServerRunsTheProfilesSettingsWithPinnedChecksums(ServerProfile profile) throws Exception {
        try (PostgresServer server = provisioner.start(ProvisionSettings.local(InstalledPostgres.debian15(), profile))) {
            assertThat(server.provider()).isEqualTo(Provider.LOCAL);
            assertThat(server.profile()).isEqualTo(profile);
            assertThat(server.detail()).contains(InstalledPostgres.DEBIAN_15.toString(), "postgres (PostgreSQL) 15.",
                    "initdb: UTF8, locale C, data checksums off");
            PostgresProvisionerTest.assertLoginsNeedTheGeneratedPassword(server);
            PostgresProvisionerTest.assertTlsOnlyWhenAsked(server);
            PostgresProvisionerTest.assertTheUnixSocketAnswersWithThePassword(server);
            ServerFacts facts = server.facts();
            assertThat(facts.version()).startsWith("PostgreSQL 15.");
            // pgjdbc sets every session's TimeZone to the JVM's zone, so the server's own is not visible here
            Map<String, String> expected = new LinkedHashMap<>(profile.settings());
            expected.remove("timezone");
            assertThat(shown(server, expected.keySet())).isEqualTo(expected);
            assertThat(facts.keySettings()).containsEntry("data_checksums", ClusterInit.PINNED.dataChecksumsSetting());
            try (Connection connection = server.connect(); Statement statement = connection.createStatement();
                    ResultSet database = statement.executeQuery("SELECT pg_encoding_to_char(encoding), datcollate, datctype"
                            + " FROM pg_database WHERE datname = current_database()")) {
                database.next();
                assertThat(database.getString(1)).isEqualTo("UTF8");
                assertThat(database.getString(2)).isEqualTo("C");
                assertThat(database.getString(3)).isEqualTo("C");
            }
        }
    }

    /** What the manifest compares across providers: every key setting but the version is the embedded server's. */
    @Test
    void theKeySettingsEqualTheEmbeddedServers() {
        Map<String, String> local;
        try (PostgresServer server = provisioner.start(ProvisionSettings.local(InstalledPostgres.debian15(), ServerProfile.DURABLE))) {
            local = withoutVersion(server.facts().keySettings());
        }
        try (PostgresServer embedded = provisioner.start(ProvisionSettings.started(ServerProfile.DURABLE, Provider.EMBEDDED))) {
            assertThat(embedded.detail()).contains("initdb: UTF8, locale C, data checksums off");
            assertThat(local).isEqualTo(withoutVersion(embedded.facts().keySettings()));
        }
    }

    @Test
    void closingStopsTheServerAndDeletesItsDataDirectory() throws Exception {
        Path dataDirectory;
        ProcessHandle postmaster;
        PostgresServer server = provisioner.start(ProvisionSettings.local(InstalledPostgres.debian15(), ServerProfile.DURABLE));
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('data_directory'), pg_backend_pid()")) {
            result.next();
            dataDirectory = Path.of(result.getString(1));
            postmaster = ProcessHandle.of(result.getLong(2)).flatMap(ProcessHandle::parent).orElseThrow();
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).hasContent("15");
        assertThat(Files.getPosixFilePermissions(dataDirectory.resolve("server.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(postmaster.isAlive()).isTrue();
        server.close();
        assertThat(postmaster.isAlive()).isFalse();
        assertThat(dataDirectory.getParent()).doesNotExist();
        assertThatThrownBy(server::connect).isInstanceOf(ServerUnavailableException.class);
    }

    @Test
    void aDirectoryWithoutPostgresProgramsIsRefusedNamingItAndWhatIsMissing(@TempDir Path directory) throws IOException {
        Files.createFile(directory.resolve("initdb")).toFile().setExecutable(true);
        assertThatThrownBy(() -> new PostgresBinaries(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no executable pg_ctl, postgres in " + directory);
        assertThatThrownBy(() -> new PostgresBinaries(directory.resolve("absent")))
                .hasMessage("no directory " + directory.resolve("absent"));
        assertThatThrownBy(() -> ProvisionSettings.from(Map.of("bench.pgBin", directory.toString())::get, name -> null))
                .hasMessageStartingWith("bench.pgBin (BENCH_PG_BIN) '" + directory + "': no executable pg_ctl, postgres");
    }

    @Test
    void programsThatDoNotRunFailNamingTheProgram(@TempDir Path directory) throws IOException {
        PostgresBinaries fake = InstalledPostgres.fake(directory);
        assertThatThrownBy(() -> provisioner.start(ProvisionSettings.local(fake, ServerProfile.DURABLE)))
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining(directory.resolve("postgres").toString());
    }

    @Test
    void aServerThatExitsWhileStartingFailsQuotingItsLogAndLeavesNothingBehind(@TempDir Path directory) throws IOException {
        Path real = InstalledPostgres.debian15().directory();
        Files.createSymbolicLink(directory.resolve("initdb"), real.resolve("initdb"));
        Files.createSymbolicLink(directory.resolve("pg_ctl"), real.resolve("pg_ctl"));
        Path postgres = Files.writeString(directory.resolve("postgres"), """
                #!/bin/sh
                [ "$1" = --version ] && exec %s --version
                echo "FATAL:  simulated start failure"
                exit 1
                """.formatted(real.resolve("postgres")));
        postgres.toFile().setExecutable(true);
        long foldersBefore = localFolders();
        assertThatThrownBy(() -> provisioner.start(ProvisionSettings.local(new PostgresBinaries(directory), ServerProfile.DURABLE)))
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("exited with code 1 while starting")
                .hasMessageContaining("server.log").hasMessageContaining("FATAL:  simulated start failure");
        assertThat(localFolders()).isEqualTo(foldersBefore);
    }

    @Test
    void theBinariesReachTheForksThroughTheConnectionFile(@TempDir Path directory) throws IOException {
        InstalledPostgres.fake(directory);
        ProvisionSettings settings = ProvisionSettings.from(name -> null, Map.of("BENCH_PG_BIN", directory.toString())::get);
        assertThat(settings.provider()).isEqualTo(Provider.LOCAL);
        Path file = settings.writeConnectionFile(Files.createDirectory(directory.resolve("run")));
        assertThat(ProvisionSettings.from(Map.of("bench.connectionFile", file.toString())::get, name -> null))
                .isEqualTo(settings);
    }

    @Test
    void binariesAndAnotherServerContradictEachOther(@TempDir Path directory) throws IOException {
        PostgresBinaries fake = InstalledPostgres.fake(directory);
        assertThatThrownBy(() -> new ProvisionSettings("jdbc:postgresql://db/x", null, null, null, null, fake, null))
                .hasMessageContaining("bench.pgBin").hasMessageContaining("bench.jdbcUrl");
        assertThatThrownBy(() -> new ProvisionSettings(null, null, null, null, Provider.EMBEDDED, fake, null))
                .hasMessageContaining("bench.provider is embedded");
        assertThatThrownBy(() -> ProvisionSettings.started(ServerProfile.DURABLE, Provider.LOCAL))
                .hasMessageContaining("bench.provider=local needs bench.pgBin");
    }

    private static Map<String, String> shown(PostgresServer server, Iterable<String> names) throws Exception {
        Map<String, String> shown = new LinkedHashMap<>();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    shown.put(name, result.getString(1));
                }
            }
        }
        return shown;
    }

    private static long localFolders() throws IOException {
        try (var folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return folders.filter(path -> path.getFileName().toString().startsWith("pg-insert-bench-local-")).count();
        }
    }

    private static Map<String, String> withoutVersion(Map<String, String> keySettings) {
        Map<String, String> rest = new LinkedHashMap<>(keySettings);
        rest.remove("server_version");
        return rest;
    }
}
