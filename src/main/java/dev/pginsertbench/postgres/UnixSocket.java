package dev.pginsertbench.postgres;

import java.nio.file.Path;

/** Where PostgreSQL puts its Unix-domain socket: {@code .s.PGSQL.<port>} in unix_socket_directories. */
final class UnixSocket {

    /** The kernel's limit on a socket's path (sun_path, 108 bytes with the terminating NUL). */
    static final int MAX_PATH_BYTES = 107;

    private UnixSocket() {
    }

    static Path in(Path directory, int port) {
        Path socket = directory.resolve(".s.PGSQL." + port);
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new ServerUnavailableException("the server's socket path " + socket + " is longer than the "
                    + MAX_PATH_BYTES + " bytes a Unix-domain socket may have; "
                    + "set java.io.tmpdir to a shorter directory");
        }
        return socket;
    }
}
