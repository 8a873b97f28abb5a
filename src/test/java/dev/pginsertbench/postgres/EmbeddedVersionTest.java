package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedVersionTest {

    @Test
    void majorsAreNamedByNumberAndEighteenIsSentToPgBin() {
        assertThat(EmbeddedVersion.named("16", "x")).isEqualTo(EmbeddedVersion.PG16);
        assertThat(EmbeddedVersion.SHADED.major()).isEqualTo(17);
        assertThatThrownBy(() -> EmbeddedVersion.named("18", "--pg-version"))
                .hasMessageContaining("--pg-version '18'").hasMessageContaining("14, 15, 16, 17")
                .hasMessageContaining("--pg-bin");
        assertThatThrownBy(() -> EmbeddedVersion.named("sixteen", "--pg-version")).hasMessageContaining("14, 15, 16, 17");
    }

    @Test
    void theShadedReleaseNeedsNoJarAndNoFetch(@TempDir Path cache) {
        EmbeddedBinaries shaded = EmbeddedBinaries.resolve(EmbeddedVersion.PG17, cache);
        assertThat(shaded.jar()).isNull();
        assertThat(shaded.resolver()).isNull();
        assertThatThrownBy(() -> new EmbeddedBinaries(EmbeddedVersion.PG15, null)).hasMessageContaining("15.15.0");
    }

    @Test
    void theForksGetTheMajorAndTheResolvedJar(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve(EmbeddedBinaries.jarName(EmbeddedVersion.PG15)));
        ProvisionSettings settings = ProvisionSettings.embedded(new EmbeddedBinaries(EmbeddedVersion.PG15, jar),
                ServerProfile.DURABLE);
        assertThat(settings.asSystemProperties()).containsEntry("bench.pgVersion", "15")
                .containsEntry("bench.pgBinaryJar", jar.toString()).containsEntry("bench.provider", "embedded");
        assertThat(ProvisionSettings.from(settings.asSystemProperties()::get, name -> null)).isEqualTo(settings);
    }

    @Test
    void aVersionAndAnotherServerContradictEachOther(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("binaries.jar"));
        assertThatThrownBy(() -> ProvisionSettings.from(Map.of("bench.pgVersion", "15", "bench.pgBinaryJar", jar.toString(),
                "bench.jdbcUrl", "jdbc:postgresql://db/x")::get, name -> null))
                .hasMessageContaining("bench.pgVersion").hasMessageContaining("jdbcUrl");
        assertThatThrownBy(() -> ProvisionSettings.from(Map.of("bench.pgVersion", "15", "bench.pgBinaryJar", jar.toString(),
                "bench.provider", "testcontainers")::get, name -> null))
                .hasMessageContaining("testcontainers");
    }
}
