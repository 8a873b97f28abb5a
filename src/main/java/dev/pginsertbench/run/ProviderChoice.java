package dev.pginsertbench.run;

import java.util.Locale;

/**
 * How the runner may start a server, as {@code --provider} names it; the provisioning reads the
 * label ({@code bench.provider}). An external server and local binaries are not choices here:
 * giving {@code --jdbc-url} or {@code --pg-bin} chooses them.
 */
enum ProviderChoice {
    /** Testcontainers when a Docker engine answers, else embedded. */
    AUTO,
    EMBEDDED,
    TESTCONTAINERS;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
