package dev.pginsertbench.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay between a client and a server that holds every byte for half a round-trip time in
 * each direction, so that a server on loopback answers as one a network away would. It preserves
 * the order of the bytes and adds no bandwidth limit: each read is forwarded whole, once its due
 * time (arrival plus the one-way delay) has come. What it does not model: loss, jitter, a slower
 * link, TCP's own windows over a long path. It only forwards bytes, so TLS and SCRAM pass through
 * it unchanged.
 *
 * <p>Each connection takes four platform threads (a reader and a writer per direction): a virtual
 * thread wakes through a second thread (the timer's or the socket poller's, then a carrier), which
 * held a 10 ms round trip about 0.6 ms longer on a busy two-core machine. It runs in a process of
 * its own ({@link RelayProcess}), where threads cost the measured JVM nothing. The relay listens on
 * the loopback address only. Its counters say what it forwarded, and how often the
 * conversation turned from the client to the server: each turn is one round trip the client waited for.
 */
public final class LatencyRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyRelay.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    /**
     * Reads held per direction at most (16 MB): far more than a fast link carries in a long round
     * trip, and a bound, so that a side that stops reading stops the other side's sending as TCP
     * would, instead of the relay holding everything.
     */
    private static final int SEGMENTS_IN_FLIGHT = 256;
    private static final long OFFER_MILLIS = 50;
    /** The running mean of wake-up lateness follows each new wake-up by this fraction (1/8). */
    private static final int LATENESS_WEIGHT = 8;
    /** The most a writer wakes before a segment is due, yielding until then: more would only burn the processor. */
    private static final long MOST_EARLY_NANOS = 500_000;

    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong clientBytes = new AtomicLong();
    private final AtomicLong serverBytes = new AtomicLong();
    private final AtomicLong turns = new AtomicLong();
    private volatile boolean closed;
    /** How much earlier than due a writer wakes ({@link #hold}); racy updates only blur the running mean. */
    private volatile long wakeEarlyNanos;

    private LatencyRelay(InetSocketAddress target, Duration roundTrip) throws IOException {
        if (roundTrip.isNegative()) {
            throw new IllegalArgumentException("round-trip time must be >= 0, was " + roundTrip);
        }
        this.target = target;
        this.oneWayNanos = roundTrip.toNanos() / 2;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("relay-accept").start(this::accept);
    }

    /** A relay to {@code target} adding {@code roundTrip} to every round trip, listening on a free loopback port. */
    public static LatencyRelay start(InetSocketAddress target, Duration roundTrip) throws IOException {
        return new LatencyRelay(target, roundTrip);
    }

    /** Where clients connect instead of the target. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** The round-trip time it adds. */
    public Duration roundTrip() {
        return Duration.ofNanos(2 * oneWayNanos);
    }

    /** What it has forwarded so far, in bytes each way and in turns from client to server. */
    public Traffic traffic() {
        return new Traffic(clientBytes.get(), serverBytes.get(), turns.get());
    }

    /**
     * @param clientBytes bytes forwarded from the clients to the server
     * @param serverBytes bytes forwarded from the server to the clients
     * @param turns       times a client sent after the server had last sent on its connection (its round trips)
     */
    public record Traffic(long clientBytes, long serverBytes, long turns) {

        /** What happened between {@code earlier} and this. */
        public Traffic since(Traffic earlier) {
            return new Traffic(clientBytes - earlier.clientBytes, serverBytes - earlier.serverBytes,
                    turns - earlier.turns);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, (int) Duration.ofSeconds(ServerAddress.CONNECT_TIMEOUT_SECONDS).toMillis());
                } catch (IOException e) {
                    LOG.warn("relay: cannot reach {}: {}", target, e.getMessage());
                    client.close();
                    server.close();
                    continue;
                }
                for (Socket socket : List.of(client, server)) {
                    socket.setTcpNoDelay(true);
                }
                Connection connection = new Connection(client, server);
                if (register(connection)) {
                    pipe(client, server, clientBytes, connection, true);
                    pipe(server, client, serverBytes, connection, false);
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("relay: accepting a connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private synchronized boolean register(Connection connection) {
        if (closed) {
            connection.close();
            return false;
        }
        connections.add(connection);
        return true;
    }

    private synchronized void unregister(Connection connection) {
        connections.remove(connection);
    }

    /**
     * One relayed connection: who sent last (a client's send after the server's is a turn), and
     * its two sockets, closed when both directions have ended.
     */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private boolean clientSentLast;
        private int open = 2;
        private volatile boolean closed;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        synchronized void sent(boolean byClient) {
            if (byClient && !clientSentLast) {
                turns.incrementAndGet();
            }
            clientSentLast = byClient;
        }

        void ended() {
            boolean last;
            synchronized (this) {
                last = --open == 0;
            }
            if (last) {
                close();
                unregister(this);
            }
        }

        void close() {
            closed = true;
            closeQuietly(client);
            closeQuietly(server);
        }

        /** Queues a read for its writer, waiting while the queue is full; false once the connection has closed. */
        boolean hand(BlockingQueue<Segment> queue, Segment segment) throws InterruptedException {
            while (!queue.offer(segment, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One direction: a reader stamps each read with its due time, a writer forwards it then, in order. */
    private void pipe(Socket from, Socket to, AtomicLong forwarded, Connection connection, boolean byClient) {
        BlockingQueue<Segment> queue = new LinkedBlockingQueue<>(SEGMENTS_IN_FLIGHT);
        Thread.ofPlatform().daemon().name("relay-read").start(() -> {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    connection.sent(byClient);
                    Segment segment = new Segment(System.nanoTime() + oneWayNanos, Arrays.copyOf(buffer, n));
                    if (!connection.hand(queue, segment)) {
                        return;
                    }
                }
                connection.hand(queue, Segment.END);
            } catch (IOException e) {
                // the connection or the relay closed: the writer ends too
                connection.close();
                queue.offer(Segment.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.ofPlatform().daemon().name("relay-write").start(() -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Segment segment = queue.take(); segment != Segment.END; segment = queue.take()) {
                    hold(segment.dueNanos());
                    out.write(segment.bytes());
                    out.flush();
                    forwarded.addAndGet(segment.bytes().length);
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // the other side or the relay closed: nothing more can be forwarded this way
                connection.close();
            } finally {
                connection.ended();
            }
        });
    }

    /**
     * Waits until a segment is due, never less. A thread parked for a time wakes late (0.1 to 0.3 ms
     * on a busy 2-core machine, every time), which would add to every delay; so it parks that much
     * less than due, the lateness learned from its wake-ups (a running mean over the relay's writers,
     * at most {@link #MOST_EARLY_NANOS}), and yields the processor for the rest, so that the delays
     * come out as set without ever being shorter.
     */
    private void hold(long dueNanos) {
        long wake = dueNanos - wakeEarlyNanos;
        if (wake - System.nanoTime() > 0) {
            for (long left = wake - System.nanoTime(); left > 0; left = wake - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            long late = System.nanoTime() - wake;
            long early = wakeEarlyNanos;
            wakeEarlyNanos = Math.max(0, Math.min(Math.min(oneWayNanos / 2, MOST_EARLY_NANOS),
                    early + (late - early) / LATENESS_WEIGHT));
        }
        while (dueNanos - System.nanoTime() > 0) {
            Thread.yield();
        }
    }

    private record Segment(long dueNanos, byte[] bytes) {
        static final Segment END = new Segment(0, new byte[0]);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Stops accepting and closes every relayed connection. */
    @Override
    public void close() throws IOException {
        List<Connection> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(connections);
            connections.clear();
        }
        listener.close();
        open.forEach(Connection::close);
        acceptor.interrupt();
    }

    @Override
    public String toString() {
        return "relay " + address().getPort() + " -> " + target + " (+" + roundTrip().toNanos() / 1e6
                + " ms round trip)";
    }
}
