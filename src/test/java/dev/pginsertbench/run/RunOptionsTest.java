package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.postgres.InstalledPostgres;
import dev.pginsertbench.postgres.PostgresBinaries;
import dev.pginsertbench.postgres.Provider;
import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOptionsTest {

    @Test
    void withoutArgumentsTheQuickProfileRunsWithGcOnDataset42AndADrawnSeed() throws UsageException {
        RunOptions options = RunOptions.parse(List.of());
        assertThat(options.profile()).isEqualTo("quick");
        assertThat(options.gc()).isTrue();
        assertThat(options.datasetSeed()).isEqualTo(42);
        assertThat(options.seed()).isNull();
        assertThat(options.rows()).isNull();
        assertThat(options.dryRun()).isFalse();
        assertThat(options.jmhArgs()).isEmpty();
    }

    @Test
    void everyOptionIsReadInBothSpellings() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("smoke", "--jdbc-url", "jdbc:postgresql://db/x", "--user=u",
                "--password", "pw", "--provider=embedded", "--rows", "1_000",
                "--include", "Copy", "--no-gc", "--out=/tmp/x", "--seed", "7", "--dry-run", "--", "-f", "2"));
        assertThat(options.profile()).isEqualTo("smoke");
        assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(options.user()).isEqualTo("u");
        assertThat(options.password()).isEqualTo("pw");
        assertThat(RunOptions.parse(List.of("--server-profile=BULK")).serverProfiles()).containsExactly(ServerProfile.BULK);
        assertThat(RunOptions.parse(List.of("--server-profile", "durable,bulk")).serverProfiles())
                .containsExactly(ServerProfile.DURABLE, ServerProfile.BULK);
        assertThat(options.provider()).isEqualTo(ProviderChoice.EMBEDDED);
        assertThat(options.rows()).isEqualTo(1000);
        assertThat(options.include().pattern()).isEqualTo("Copy");
        assertThat(options.gc()).isFalse();
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.dryRun()).isTrue();
        assertThat(options.jmhArgs()).containsExactly("-f", "2");
        assertThat(options.jmhOptions().getForkCount().get()).isEqualTo(2);
    }

    @Test
    void everythingAfterTheFirstDoubleDashIsJmhsEvenWhatLooksLikeOurs() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("--dry-run", "--", "-f", "1", "-jvmArgsAppend", "--rows"));
        assertThat(options.rows()).isNull();
        assertThat(options.jmhArgs()).containsExactly("-f", "1", "-jvmArgsAppend", "--rows");
    }

    @Test
    void jmhOptionsThatEachConfigurationOverridesAreRefusedNamingTheOptionAndTheWayToGetIt() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("standard", "--", "-p", "transport=UNIX_SOCKET")))
                .isInstanceOf(UsageException.class).hasMessageContaining("-p transport=UNIX_SOCKET")
                .hasMessageContaining("--include");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--", "-f", "1", "FactorBenchmark")))
                .hasMessageContaining("benchmark pattern FactorBenchmark").hasMessageContaining("--include");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--", "-e", "Psql"))).hasMessageContaining("-e Psql");
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOptionAndTheValue() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--bogus"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("'--bogus'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("nightly"))).hasMessageContaining("profile 'nightly': unknown");
        assertThatThrownBy(() -> RunOptions.parse(List.of("smoke", "quick"))).hasMessageContaining("more than one profile");
        assertThatThrownBy(() -> RunOptions.parse(List.of("smoke", "extra"))).hasMessageContaining("'extra'")
                .hasMessageContaining("after --");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--rows", "0"))).hasMessageContaining("--rows '0'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--rows", "abc"))).hasMessageContaining("--rows 'abc'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--rows"))).hasMessageContaining("--rows");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--seed", "x"))).hasMessageContaining("--seed 'x'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--include", "("))).hasMessageContaining("--include '('");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--server-profile", "fast")))
                .hasMessageContaining("--server-profile 'fast'").hasMessageContaining("durable, bulk");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--provider", "external"))).hasMessageContaining("--provider 'external'")
                .hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--prof", "stack"))).hasMessageContaining("--prof 'stack'")
                .hasMessageContaining("after --");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--prof", "gc", "--no-gc"))).hasMessageContaining("--no-gc");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--", "-f", "many"))).hasMessageContaining("JMH options")
                .hasMessageContaining("many");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--jdbc-url", "foo"))).hasMessageContaining("--jdbc-url 'foo'");
    }

    @Test
    void aBadJdbcUrlIsEchoedWithoutItsPassword() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--jdbc-url", "jdbc:mysql://db/x?password=s3cret", "--password", "pw2")))
                .hasMessageContaining("--jdbc-url 'jdbc:mysql://db/x?password=***'").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--password", "pw2", "--jdbc-url", "pw2")))
                .hasMessageContaining("--jdbc-url '***'").hasMessageNotContaining("pw2");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--jdbc-url", "jdbc:postgresql://db:notaport/x")))
                .hasMessageContaining("not a PostgreSQL JDBC URL");
    }

    @Test
    void optionsComeBeforeTheEnvironmentInTheProvisioningSettings() throws UsageException {
        Map<String, String> environment = Map.of("BENCH_JDBC_URL", "jdbc:postgresql://env/x", "BENCH_PASSWORD", "envpw",
                "BENCH_USER", "envuser");
        ProvisionSettings fromOptions = RunOptions.parse(List.of("--jdbc-url", "jdbc:postgresql://opt/x", "--password", "pw"))
                .provisionSettings(environment::get);
        assertThat(fromOptions.jdbcUrl()).isEqualTo("jdbc:postgresql://opt/x");
        assertThat(fromOptions.password()).isEqualTo("pw");
        assertThat(fromOptions.user()).isEqualTo("envuser");
        ProvisionSettings fromEnvironment = RunOptions.parse(List.of("--server-profile", "bulk")).provisionSettings(environment::get);
        assertThat(fromEnvironment.jdbcUrl()).isEqualTo("jdbc:postgresql://env/x");
        assertThat(fromEnvironment.profile()).isEqualTo(ServerProfile.BULK);
    }

    @Test
    void pgBinStartsTheServerFromThatDirectoryInEveryFork(@TempDir Path directory) throws Exception {
        PostgresBinaries binaries = InstalledPostgres.fake(directory);
        ProvisionSettings settings = RunOptions.parse(List.of("smoke", "--pg-bin", directory.toString(), "--provider", "auto",
                "--server-profile", "bulk")).provisionSettings(name -> null);
        assertThat(settings.provider()).isEqualTo(Provider.LOCAL);
        assertThat(settings.binaries()).isEqualTo(binaries);
        assertThat(settings.profile()).isEqualTo(ServerProfile.BULK);
        // what a fork reads: the run's connection file
        try (ConnectionFile file = ConnectionFile.write(settings)) {
            assertThat(ProvisionSettings.from(Map.of("bench.connectionFile", file.path().toString())::get, name -> null))
                    .isEqualTo(settings);
        }
    }

    @Test
    void pgBinWithAnotherChoiceOfServerIsAUsageError(@TempDir Path directory) throws Exception {
        InstalledPostgres.fake(directory);
        assertThatThrownBy(() -> RunOptions.parse(List.of("--pg-bin", directory.toString(), "--jdbc-url", "jdbc:postgresql://db/x")))
                .isInstanceOf(UsageException.class).hasMessage("--pg-bin and --jdbc-url both choose the server; give one");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--pg-bin", directory.toString(), "--provider", "embedded")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--provider embedded");
        RunOptions options = RunOptions.parse(List.of("--pg-bin", directory.toString()));
        assertThatThrownBy(() -> options.provisionSettings(Map.of("BENCH_JDBC_URL", "jdbc:postgresql://env/x")::get))
                .hasMessageContaining("bench.pgBin").hasMessageContaining("BENCH_JDBC_URL");
    }

    @Test
    void theRecordedCommandLineNeverHoldsAPassword() throws UsageException {
        List<String> args = List.of("smoke", "--password", "s3cret", "--password=s3cret",
                "--jdbc-url", "jdbc:postgresql://db/x?user=u&password=s3cret", "--jdbc-url=jdbc:postgresql://u:other@db/x");
        List<String> masked = RunOptions.masked(args, "s3cret");
        assertThat(String.join(" ", masked)).doesNotContain("s3cret").doesNotContain("other")
                .contains("--password ***", "--password=***", "password=***");
        assertThat(RunOptions.parse(args.subList(0, 3)).toString()).doesNotContain("s3cret");
    }

    @Test
    void theUsageTextDescribesEveryProfileAsTheDocsProfileTableDoes() throws IOException {
        List<List<String>> rows = profileTable("docs/running.md", "## Profiles", 5);
        String usage = oneLine(RunCommand.usage());
        assertThat(rows.stream().map(row -> row.get(0).replace(" (default)", ""))).containsExactlyElementsOf(Profiles.names());
        for (List<String> row : rows) {
            String name = row.get(0).replace(" (default)", "");
            Profile profile = Profiles.named(name).orElseThrow();
            assertThat(usage).as(name).contains(oneLine(row.get(0) + " " + row.get(1) + "; " + row.get(2)
                    + " rows per load; time on 2 cores: " + row.get(4)));
            assertThat(String.format(Locale.ROOT, "%,d", profile.rows())).as(name + " rows").isEqualTo(row.get(2));
            Matcher count = Pattern.compile("\\((\\d+) (?:configurations\\)|forks planned)").matcher(row.get(1));
            if (count.find()) {
                assertThat(profile.configurations()).as(name + " configurations").hasSize(Integer.parseInt(count.group(1)));
            }
        }
    }

    @Test
    void readmesProfileTableSaysWhatEachProfileAnswersItsRowsAndItsTime() throws IOException {
        List<List<String>> rows = profileTable("README.md", "## Profiles", 4);
        assertThat(rows).hasSameSizeAs(Profiles.SUMMARIES);
        for (int i = 0; i < rows.size(); i++) {
            ProfileSummary summary = Profiles.SUMMARIES.get(i);
            List<String> row = rows.get(i);
            assertThat(row.get(0).replace(" (default)", "")).isEqualTo(summary.name());
            assertThat(row.get(1)).as(summary.name()).isEqualTo(summary.question());
            assertThat(row.get(2)).as(summary.name() + " rows")
                    .isEqualTo(String.format(Locale.ROOT, "%,d", Profiles.named(summary.name()).orElseThrow().rows()));
            assertThat(row.get(3)).as(summary.name() + " time").isEqualTo(summary.timeOnTwoCores());
        }
    }

    @Test
    void theDocsOptionsTableHasEveryOptionOfTheUsageTextAndNoOther() throws IOException {
        String page = Files.readString(Path.of("docs/running.md"));
        int start = page.indexOf("## Options");
        assertThat(start).as("docs/running.md has an Options section").isNotNegative();
        String table = page.substring(start, page.indexOf("\n## ", start + 1));
        assertThat(options(table)).isEqualTo(options(RunCommand.usage().replace("--help", "")));
    }

    /** The long options a text names, {@code --name}. */
    private static java.util.Set<String> options(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher option = Pattern.compile("--([a-z][a-z-]*)").matcher(text);
        while (option.find()) {
            names.add(option.group(1));
        }
        return names;
    }

    @Test
    void theUsageTextListsEveryOptionAndEveryChoice() {
        String usage = RunCommand.usage();
        assertThat(usage).contains("--jdbc-url", "--user", "--password", "--server-profile", "--provider", "--rows",
                "--include", "--prof", "--no-gc", "--out", "--seed", "--chunk-deadline", "--dry-run", "--help", "-- JMH-ARG");
        for (ServerProfile profile : ServerProfile.values()) {
            assertThat(usage).contains(profile.label());
        }
        for (ProviderChoice provider : ProviderChoice.values()) {
            assertThat(usage).contains(provider.label());
        }
    }

    /** The cells of the profile table under {@code heading} in {@code file}, backticks removed, each row {@code columns} wide. */
    private static List<List<String>> profileTable(String file, String heading, int columns) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(file));
        int start = lines.indexOf(heading);
        assertThat(start).as(file + " has a section " + heading).isNotNegative();
        List<List<String>> rows = lines.stream().skip(start).dropWhile(line -> !line.startsWith("| profile"))
                .skip(2).takeWhile(line -> line.startsWith("|"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(cell -> cell.strip().replace("`", "")).toList())
                .toList();
        assertThat(rows).as(file + "'s profile table").isNotEmpty().allSatisfy(row -> assertThat(row).hasSize(columns));
        return rows;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
