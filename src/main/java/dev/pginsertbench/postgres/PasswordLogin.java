package dev.pginsertbench.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a server the suite started with trusted logins into one that asks every login for a
 * password generated for it, checked with scram-sha-256, so that opening a connection costs what
 * it costs in production. The password is set through pgjdbc's
 * {@link PGConnection#alterUserPassword}, which sends only the SCRAM verifier computed on the
 * client (never the password, and no SQL literal to quote); {@code pg_hba.conf} is then replaced
 * and the server reloads. The password lives only in the returned {@link ServerAddress}.
 */
final class PasswordLogin {

    /** What the manifest records for a server the suite started. */
    static final String METHOD = "scram-sha-256";

    /** Server settings that go with it: passwords set by SQL are stored as SCRAM verifiers too. */
    static final Map<String, String> SERVER_SETTINGS = Map.of("password_encryption", METHOD);

    private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);
    private static final int PASSWORD_BYTES = 24;
    private static final long RELOAD_TIMEOUT_NANOS = 10_000_000_000L;
    private static final String HBA = """
            # pg-insert-bench: every login authenticates with the password generated for this server
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private PasswordLogin() {
    }

    /**
     * Sets a new password for {@code trusted}'s role and requires it from now on.
     *
     * @param trusted where the server answers, reachable without a password
     * @return the same address with the password
     */
    static ServerAddress require(ServerAddress trusted) {
        String password = newPassword();
        try (Connection connection = trusted.connect()) {
            char[] secret = password.toCharArray();
            try {
                connection.unwrap(PGConnection.class).alterUserPassword(trusted.user(), secret, METHOD);
            } finally {
                Arrays.fill(secret, '\0');
            }
            Path hbaFile = Path.of(show(connection, "hba_file"));
            Files.writeString(hbaFile, HBA, StandardCharsets.UTF_8);
            try (PreparedStatement reload = connection.prepareStatement("SELECT pg_reload_conf()")) {
                reload.execute();
            }
        } catch (SQLException | IOException e) {
            throw new ServerUnavailableException("cannot require a password on " + trusted.maskedUrl() + ": "
                    + ServerAddress.mask(String.valueOf(e.getMessage()), password));
        }
        awaitPasswordRequired(trusted);
        LOG.info("logins to {} now need the generated password ({})", trusted.maskedUrl(), METHOD);
        return new ServerAddress(trusted.jdbcUrl(), trusted.user(), password);
    }

    /** 24 random bytes, URL-safe Base64: 32 characters with no quote, backslash or space. */
    static String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, setting);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    /**
     * pg_reload_conf() only signals the postmaster; waits until a login without the password is
     * refused, so nothing measured afterwards runs under the old rules.
     */
    private static void awaitPasswordRequired(ServerAddress trusted) {
        long deadline = System.nanoTime() + RELOAD_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            try (Connection stillTrusted = trusted.connect()) {
                stillTrusted.isValid(1);
            } catch (ServerUnavailableException refused) {
                return;
            } catch (SQLException e) {
                throw new ServerUnavailableException("checking that " + trusted.maskedUrl()
                        + " needs a password: " + e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerUnavailableException("interrupted while the server reloaded pg_hba.conf");
            }
        }
        throw new ServerUnavailableException("the server at " + trusted.maskedUrl()
                + " still accepts logins without a password after reloading pg_hba.conf");
    }
}
