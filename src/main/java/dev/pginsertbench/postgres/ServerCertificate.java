package dev.pginsertbench.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key for one server's TLS, made by the {@code openssl} program
 * straight into the server's data directory under the names PostgreSQL reads by default
 * ({@code ssl_cert_file}, {@code ssl_key_file}). The key never leaves that directory (only the
 * owner may read it, as PostgreSQL demands) and is deleted with it when the server stops. The
 * client does not verify it ({@code sslmode=require}): what is measured is the encryption's cost.
 */
final class ServerCertificate {

    static final String CERTIFICATE_FILE = "server.crt";
    static final String KEY_FILE = "server.key";
    /** The server setting that turns TLS on with the files above; clients still choose per connection. */
    static final Map<String, String> SERVER_SETTINGS = Map.of("ssl", "on");

    private static final long TIMEOUT_SECONDS = 60;

    private ServerCertificate() {
    }

    /** Writes {@code server.crt} and {@code server.key} into {@code dataDirectory}, valid for two days. */
    static void writeInto(Path dataDirectory) {
        Path key = dataDirectory.resolve(KEY_FILE);
        List<String> command = List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-keyout", key.toString(), "-out", dataDirectory.resolve(CERTIFICATE_FILE).toString());
        try {
            // created owner-only first, so the key is never readable by others, not even for a moment
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
            openssl.getOutputStream().close();
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                openssl.destroyForcibly();
                throw new ServerUnavailableException("openssl did not make the server's certificate within "
                        + TIMEOUT_SECONDS + " s");
            }
            if (openssl.exitValue() != 0) {
                throw new ServerUnavailableException("openssl could not make the server's TLS certificate (exit "
                        + openssl.exitValue() + "): " + output.strip());
            }
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new ServerUnavailableException("cannot make the server's TLS certificate with the openssl program"
                    + " (is it installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnavailableException("interrupted while making the server's TLS certificate");
        }
    }
}
