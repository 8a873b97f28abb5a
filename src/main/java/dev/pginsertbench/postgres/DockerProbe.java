package dev.pginsertbench.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers within about a second whether a Docker engine is there, before Testcontainers is
 * touched (its own discovery can take much longer when no engine runs). It asks the engine's
 * {@code /_ping} endpoint on {@code DOCKER_HOST} or the standard socket.
 */
public final class DockerProbe {

    static final long TIMEOUT_MILLIS = 1000;
    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private final String dockerHost;

    public DockerProbe(String dockerHost) {
        this.dockerHost = dockerHost == null || dockerHost.isBlank() ? null : dockerHost;
    }

    public static DockerProbe fromEnvironment() {
        return new DockerProbe(System.getenv("DOCKER_HOST"));
    }

    /** Empty when an engine answered; otherwise why Docker cannot be used, in one sentence. */
    public Optional<String> unavailableReason() {
        CompletableFuture<Optional<String>> ping = CompletableFuture.supplyAsync(this::ping);
        try {
            return ping.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ping.cancel(true);
            return Optional.of("the Docker engine at " + target() + " did not answer within " + TIMEOUT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing Docker");
        } catch (ExecutionException e) {
            return Optional.of("probing Docker at " + target() + " failed: " + e.getCause());
        }
    }

    private String target() {
        return dockerHost == null ? "unix://" + DEFAULT_SOCKET : dockerHost;
    }

    private Optional<String> ping() {
        String target = target();
        try {
            if (target.startsWith("unix://")) {
                Path socket = Path.of(target.substring("unix://".length()));
                if (!Files.exists(socket)) {
                    return Optional.of("no Docker engine: " + socket + " does not exist"
                            + (dockerHost == null ? " (DOCKER_HOST unset)" : ""));
                }
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    channel.write(ByteBuffer.wrap(request()));
                    ByteBuffer reply = ByteBuffer.allocate(256);
                    channel.read(reply);
                    return judge(new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII), target);
                }
            }
            if (target.startsWith("tcp://")) {
                URI uri = URI.create(target);
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) TIMEOUT_MILLIS);
                    socket.setSoTimeout((int) TIMEOUT_MILLIS);
                    socket.getOutputStream().write(request());
                    byte[] reply = socket.getInputStream().readNBytes(64);
                    return judge(new String(reply, StandardCharsets.US_ASCII), target);
                }
            }
            return Optional.of("DOCKER_HOST=" + target + " is neither unix:// nor tcp://");
        } catch (IOException e) {
            return Optional.of("no Docker engine answers at " + target + ": " + e.getMessage());
        }
    }

    private static byte[] request() {
        return "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static Optional<String> judge(String reply, String target) {
        return reply.startsWith("HTTP/1.") && reply.contains(" 200 ")
                ? Optional.empty()
                : Optional.of("the Docker engine at " + target + " answered the ping with '"
                        + reply.lines().findFirst().orElse("") + "'");
    }
}
