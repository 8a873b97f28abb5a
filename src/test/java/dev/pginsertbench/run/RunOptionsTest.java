package dev.pginsertbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pginsertbench.postgres.ProvisionSettings;
import dev.pginsertbench.postgres.ServerProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void withoutArgumentsTheQuickProfileRunsWithGcAndSeed42() throws UsageException {
        RunOptions options = RunOptions.parse(List.of());
        assertThat(options.profile()).isEqualTo("quick");
        assertThat(options.gc()).isTrue();
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.rows()).isNull();
        assertThat(options.dryRun()).isFalse();
        assertThat(options.jmhArgs()).isEmpty();
    }

    @Test
    void everyOptionIsReadInBothSpellings() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("smoke", "--jdbc-url", "jdbc:postgresql://db/x", "--user=u",
                "--password", "pw", "--server-profile", "BULK", "--provider=embedded", "--rows", "1_000",
                "--include", "Copy", "--no-gc", "--out=/tmp/x", "--seed", "7", "--dry-run", "--", "-f", "2"));
        assertThat(options.profile()).isEqualTo("smoke");
        assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(options.user()).isEqualTo("u");
        assertThat(options.password()).isEqualTo("pw");
        assertThat(options.serverProfile()).isEqualTo("bulk");
        assertThat(options.provider()).isEqualTo("embedded");
        assertThat(options.rows()).isEqualTo(1000);
        assertThat(options.include().pattern()).isEqualTo("Copy");
        assertThat(options.gc()).isFalse();
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.dryRun()).isTrue();
        assertThat(options.jmhArgs()).containsExactly("-f", "2");
    }

    @Test
    void badOptionsAreUsageErrorsThatSayWhatIsWrong() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--bogus"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> RunOptions.parse(List.of("nightly"))).hasMessageContaining("unknown profile 'nightly'");
        assertThatThrownBy(() -> RunOptions.parse(List.of("smoke", "quick"))).hasMessageContaining("more than one profile");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--rows", "0"))).hasMessageContaining("--rows");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--rows"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--seed", "x"))).hasMessageContaining("--seed");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--include", "("))).hasMessageContaining("--include");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--server-profile", "fast"))).hasMessageContaining("durable");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--provider", "external"))).hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--prof", "stack"))).hasMessageContaining("after --");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--", "-f", "many"))).hasMessageContaining("JMH options");
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
    void theRecordedCommandLineNeverHoldsAPassword() throws UsageException {
        List<String> args = List.of("smoke", "--password", "s3cret", "--password=s3cret",
                "--jdbc-url", "jdbc:postgresql://db/x?user=u&password=s3cret", "--jdbc-url=jdbc:postgresql://u:other@db/x");
        List<String> masked = RunOptions.masked(args, "s3cret");
        assertThat(String.join(" ", masked)).doesNotContain("s3cret").doesNotContain("other")
                .contains("--password ***", "--password=***", "password=***");
        assertThat(RunOptions.parse(args.subList(0, 3)).toString()).doesNotContain("s3cret");
    }
}
