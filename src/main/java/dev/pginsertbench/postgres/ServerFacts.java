package dev.pginsertbench.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run manifest must record about the server: its version, the settings that decide
 * insert speed, and every row of {@code pg_settings}.
 *
 * @param version     {@code SELECT version()}
 * @param keySettings the settings that matter most, as {@code SHOW} prints them
 * @param allSettings the whole {@code pg_settings} view
 */
public record ServerFacts(String version, Map<String, String> keySettings, List<Setting> allSettings) {

    /** Settings that change insert throughput the most; recorded for every run. */
    public static final List<String> KEY_SETTINGS = List.of(
            "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers",
            "max_wal_size", "checkpoint_timeout", "work_mem", "maintenance_work_mem", "max_connections",
            "max_wal_senders", "wal_compression", "wal_buffers", "commit_delay", "data_checksums");

    public ServerFacts {
        keySettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keySettings));
        allSettings = List.copyOf(allSettings);
    }

    /** One row of {@code pg_settings}. */
    public record Setting(String name, String setting, String unit, String source) {
    }

    public static ServerFacts read(Connection connection) throws SQLException {
        String version;
        try (PreparedStatement statement = connection.prepareStatement("SELECT version()");
                ResultSet result = statement.executeQuery()) {
            result.next();
            version = result.getString(1);
        }
        Map<String, String> key = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?, true)")) {
            for (String name : KEY_SETTINGS) {
                statement.setString(1, name);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    String value = result.getString(1);
                    if (value != null) {
                        key.put(name, value);
                    }
                }
            }
        }
        List<Setting> all = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT name, setting, unit, source FROM pg_settings ORDER BY name");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                all.add(new Setting(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4)));
            }
        }
        return new ServerFacts(version, key, all);
    }

    /** A key setting's value, failing clearly when the server did not report it. */
    public String setting(String name) {
        String value = keySettings.get(name);
        if (value == null) {
            throw new IllegalArgumentException("setting '" + name + "' was not read; key settings are " + KEY_SETTINGS);
        }
        return value;
    }
}
