package dev.pginsertbench.postgres;

import java.util.Locale;

/** Where the PostgreSQL server under test comes from, in the order the suite tries them. */
public enum Provider {
    /** A server the user names with a JDBC URL; its configuration is recorded, never changed. */
    EXTERNAL,
    /** PostgreSQL binaries installed on this machine ({@code --pg-bin}), run on a fresh data directory. */
    LOCAL,
    /** A pinned postgres image started by Testcontainers when a Docker engine answers. */
    TESTCONTAINERS,
    /** zonky's embedded PostgreSQL binaries: the zero-install default. */
    EMBEDDED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
