package dev.pginsertbench.postgres;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Server settings the suite applies to a PostgreSQL it starts itself (never to an external
 * server, whose settings are only recorded). Both profiles set every durability setting
 * explicitly because the embedded server's defaults are not production-like (fsync off).
 */
public enum ServerProfile {

    /** Production-like durability: every commit is flushed to disk. The default. */
    DURABLE(Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "wal_level", "replica",
            "max_wal_size", "1GB",
            "checkpoint_timeout", "5min")),

    /**
     * The PostgreSQL manual's "Populating a Database" advice: asynchronous commit, few
     * checkpoints, minimal WAL. Data stays crash-safe (fsync on) but recent commits may be lost.
     */
    BULK(Map.of(
            "fsync", "on",
            "synchronous_commit", "off",
            "full_page_writes", "on",
            "wal_level", "minimal",
            "max_wal_senders", "0",
            "max_wal_size", "16GB",
            "checkpoint_timeout", "1h",
            "maintenance_work_mem", "1GB"));

    /** Settings equal in both profiles so that only durability differs between them. */
    private static final Map<String, String> COMMON = Map.of(
            "shared_buffers", "512MB",
            "work_mem", "16MB",
            "max_connections", "200",
            "timezone", "UTC");

    private final Map<String, String> specific;

    ServerProfile(Map<String, String> specific) {
        this.specific = specific;
    }

    /** Every setting of this profile, sorted by name. */
    public Map<String, String> settings() {
        Map<String, String> all = new TreeMap<>(COMMON);
        all.putAll(specific);
        return new LinkedHashMap<>(all);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code durable} or {@code bulk}; anything else is an error naming the valid values. */
    public static ServerProfile fromName(String name, String settingName) {
        for (ServerProfile profile : values()) {
            if (profile.label().equalsIgnoreCase(name.trim())) {
                return profile;
            }
        }
        throw new IllegalArgumentException(settingName + ": unknown server profile '" + name + "', expected one of "
                + Arrays.stream(values()).map(ServerProfile::label).collect(Collectors.joining(", ")));
    }
}
