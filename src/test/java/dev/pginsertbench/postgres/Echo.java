package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A server that sends back every byte it reads, on each connection, until the client half-closes; and the check of a
 * relay in front of it.
 */
final class Echo implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

    Echo() throws IOException {
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket socket = listener.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /**
     * Sends {@code payload} to {@code address} in 10 kB writes, half-closes, and returns every byte that came back
     * until the other side closed; writing and reading at once, so neither side waits for the other.
     */
    static byte[] sendThrough(InetSocketAddress address, byte[] payload) throws IOException, InterruptedException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < payload.length; i += 10_000) {
                        out.write(payload, i, Math.min(10_000, payload.length - i));
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] back = socket.getInputStream().readAllBytes();
            writer.join();
            return back;
        }
    }

    /**
     * Sends 3 MB through {@code relay} to an echo behind it, and checks that every byte came back in order and
     * that the relay counted each of them both ways.
     */
    static void assertRelaysEveryByteInOrder(InetSocketAddress relay, Supplier<LatencyRelay.Traffic> traffic,
            String what) throws IOException, InterruptedException {
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(payload);
        byte[] back = sendThrough(relay, payload);
        assertThat(Arrays.equals(back, payload)).as("echo through " + what).isTrue();
        assertThat(traffic.get().clientBytes()).isEqualTo(payload.length);
        assertThat(traffic.get().serverBytes()).isEqualTo(payload.length);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
