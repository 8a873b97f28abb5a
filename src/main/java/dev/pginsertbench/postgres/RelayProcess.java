package dev.pginsertbench.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LatencyRelay} in a child JVM ({@link RelayProcessMain}), started by the benchmark fork that uses it.
 * Hosted in the fork, the relay's CPU, allocation and garbage collection would be charged to the loader being
 * measured, and memory probes would see its buffers; here its CPU is read apart ({@link #cpuNanos()}). The child
 * ends when its stdin ends: on {@link #close()}, or when this JVM dies without closing it.
 *
 * <p>Its stderr (the relay's log) is kept, its last lines for the errors here, and logged: at warning level
 * what the child logged as a warning or error, at debug level the rest.
 */
public final class RelayProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    private static final int TAIL_LINES = 20;
    /**
     * A small JVM beside the measured one: a bounded heap (the relay holds at most 16 MB per direction and
     * connection, and little while both sides read), and the serial collector, so that no parallel GC threads
     * compete with the measured fork for its cores. C2 stays: limited to C1 the child started with about 0.1 s
     * less CPU but relayed about 5 % dearer per byte, and a run relays far more than it starts.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");
    private static final Optional<String> END = Optional.empty();

    private final Process process;
    private final List<String> command;
    private final InetSocketAddress target;
    private final Duration roundTrip;
    /** The child's stdout a line at a time, then {@link #END}. */
    private final BlockingQueue<Optional<String>> output = new LinkedBlockingQueue<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread errorReader;
    private final Writer commands;
    private volatile int port;
    private volatile int zeroDelayPort;
    private long lastCpuNanos;
    private boolean closed;

    private RelayProcess(Process process, List<String> command, InetSocketAddress target, Duration roundTrip) {
        this.process = process;
        this.command = List.copyOf(command);
        this.target = target;
        this.roundTrip = roundTrip;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        // platform threads: each blocks in a pipe read for the child's life, which a virtual thread would do
        // pinned to a carrier, and the measured loader may run on those carriers
        Thread.ofPlatform().daemon().name("relay-process-out").start(() -> readOutput(process.getInputStream()));
        this.errorReader = Thread.ofPlatform().daemon().name("relay-process-err")
                .start(() -> readErrors(process.getErrorStream()));
    }

    /**
     * A relay to {@code target} adding {@code roundTrip} to every round trip, in a child JVM listening on a free
     * loopback port, once it listens.
     *
     * @throws ServerUnavailableException if nothing accepts connections at {@code target}
     * @throws IllegalStateException      if the child does not start listening within 30 s, naming its command
     *                                    line, its exit code and the last lines of its stderr
     */
    public static RelayProcess start(InetSocketAddress target, Duration roundTrip) {
        return start(command(target, roundTrip), target, roundTrip);
    }

    /** The command that starts the child: this JVM's java and class path. */
    static List<String> command(InetSocketAddress target, Duration roundTrip) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        // the address the parent resolved, so that the child cannot resolve a name to another one
        String host = target.isUnresolved() ? target.getHostString() : target.getAddress().getHostAddress();
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayProcessMain.class.getName(), host,
                Integer.toString(target.getPort()), Long.toString(roundTrip.toNanos())));
        return command;
    }

    /** The relay that {@code command} starts, which must speak as {@link RelayProcessMain} does. */
    static RelayProcess start(List<String> command, InetSocketAddress target, Duration roundTrip) {
        if (roundTrip.isNegative()) {
            throw new IllegalArgumentException("round-trip time must be >= 0, was " + roundTrip);
        }
        requireReachable(target);
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the relay process (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
        RelayProcess relay = new RelayProcess(process, command, target, roundTrip);
        relay.awaitListening();
        LOG.debug("{} listens, {} ms after it was started", relay, (System.nanoTime() - startNanos) / 1_000_000);
        return relay;
    }

    /**
     * The relay connects to its target only when a client connects to it; without this check a wrong target
     * would show as every connection closing at once, with the reason only in the child's log. A connection
     * that sends nothing leaves no line in PostgreSQL's log.
     */
    private static void requireReachable(InetSocketAddress target) {
        try (Socket probe = new Socket()) {
            probe.connect(target, (int) Duration.ofSeconds(ServerAddress.CONNECT_TIMEOUT_SECONDS).toMillis());
        } catch (IOException e) {
            throw new ServerUnavailableException("a relay to " + hostAndPort(target) + " cannot start: nothing accepts "
                    + "connections there (" + e.getMessage() + ")");
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Optional<String> line;
        try {
            while ((line = next(deadline)) != null && line.isPresent()) {
                String text = line.get();
                if (text.startsWith(RelayProcessMain.LISTENING + " ")) {
                    String[] ports = text.substring(RelayProcessMain.LISTENING.length() + 1).strip().split(" ");
                    port = Integer.parseInt(ports[0]);
                    zeroDelayPort = Integer.parseInt(ports[ports.length - 1]);
                    return;
                }
                stray(text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted before it listened", end(Duration.ZERO));
        } catch (NumberFormatException e) {
            throw failure("said it listens on a port that is not a number", end(Duration.ZERO));
        }
        if (line == null) {
            throw failure("did not say it listens within " + START_TIMEOUT.toSeconds() + " s", end(Duration.ZERO));
        }
        throw failure("ended before it listened", end(EXIT_TIMEOUT));
    }

    /** The child's next line of stdout, {@link #END} at its end, or null at the deadline. */
    private Optional<String> next(long deadlineNanos) throws InterruptedException {
        return output.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Where clients connect instead of the target: the loopback address and the child's port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * A relay in the same process to the same target that adds no delay: a round trip through it costs what
     * forwarding through the process costs, so that through {@link #address()} minus through this is the delay
     * the relay added, and this minus a direct round trip is the relay's own cost. Its traffic is not counted.
     */
    public InetSocketAddress zeroDelayAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), zeroDelayPort);
    }

    /** The round-trip time it adds. */
    public Duration roundTrip() {
        return roundTrip;
    }

    /** What the relay has forwarded so far, as the child counts it. */
    public LatencyRelay.Traffic traffic() {
        String answer = ask(RelayProcessMain.TRAFFIC);
        String[] fields = answer.split(" ");
        try {
            if (fields.length == 4 && fields[0].equals(RelayProcessMain.TRAFFIC)) {
                return new LatencyRelay.Traffic(Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                        Long.parseLong(fields[3]));
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw failure("answered '" + answer + "' to '" + RelayProcessMain.TRAFFIC + "'", state());
    }

    /** Sends {@code request} to the child and returns its answer: a line that starts with it, or an error line. */
    synchronized String ask(String request) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        try {
            commands.write(request + "\n");
            commands.flush();
        } catch (IOException e) {
            throw failure("cannot be asked '" + request + "' (" + e.getMessage() + ")", state());
        }
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        try {
            for (Optional<String> line = next(deadline); line != null; line = next(deadline)) {
                if (line.isEmpty()) {
                    output.add(END); // for whoever asks next
                    throw failure("ended before it answered '" + request + "'", end(EXIT_TIMEOUT));
                }
                String answer = line.get();
                if (answer.startsWith(request + " ") || answer.startsWith(RelayProcessMain.ERROR + " ")) {
                    return answer;
                }
                stray(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted while waiting for it to answer '" + request + "'", state());
        }
        throw failure("did not answer '" + request + "' within " + ANSWER_TIMEOUT.toSeconds() + " s", state());
    }

    /**
     * The child's user and system CPU time so far, in nanoseconds, in the kernel's 10 ms ticks (as exact as
     * {@code /proc/<pid>/stat}, which the JDK reads for it on Linux). Only differences mean anything; after
     * {@link #close()} it stays at its last reading, taken just before the child was told to end.
     *
     * @throws IllegalStateException if the child has ended on its own
     */
    public synchronized long cpuNanos() {
        if (!closed) {
            lastCpuNanos = process.toHandle().info().totalCpuDuration()
                    .orElseThrow(() -> failure("has no CPU time to read", state())).toNanos();
        }
        return lastCpuNanos;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Ends the child: closes its stdin, which it takes as the order to close the relay and exit, and kills it if
     * it has not exited within 5 s. Closing again does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                cpuNanos();
            } catch (IllegalStateException e) {
                // it had ended on its own: its last reading stands
            }
            closed = true;
        }
        try {
            commands.close();
        } catch (IOException e) {
            // it had ended: the pipe is gone
        }
        String end = end(EXIT_TIMEOUT);
        if (!end.equals("exit code 0")) {
            LOG.warn("{} ended with {}; its stderr ends with:{}", this, end, tailText());
        }
    }

    /** Waits up to {@code grace} for the child to exit, then kills it; says how it ended. */
    private String end(Duration grace) {
        try {
            if (process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                return "exit code " + process.exitValue();
            }
            process.destroyForcibly();
            process.waitFor(EXIT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return grace.isZero() ? "killed" : "killed, as it had not exited within " + grace.toSeconds() + " s";
    }

    private String state() {
        return process.isAlive() ? "still running" : "exit code " + process.exitValue();
    }

    private IllegalStateException failure(String what, String state) {
        return new IllegalStateException("relay process " + pid() + " to " + hostAndPort(target) + " " + what + " ("
                + state + ")\n  command: " + String.join(" ", command) + "\n  its stderr ends with:" + tailText());
    }

    private String tailText() {
        if (!process.isAlive()) {
            try {
                errorReader.join(Duration.ofSeconds(1)); // what it wrote before it ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (tail) {
            return tail.isEmpty() ? " (nothing)" : "\n    " + String.join("\n    ", tail);
        }
    }

    private void keep(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }

    /** A line on the child's stdout that is no answer (a JVM may print there): kept with its stderr. */
    private void stray(String line) {
        LOG.debug("relay process {} stdout: {}", pid(), line);
        keep("(stdout) " + line);
    }

    private void readOutput(InputStream stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(Optional.of(line));
            }
        } catch (IOException e) {
            // the child ended
        } finally {
            output.add(END);
        }
    }

    private void readErrors(InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                keep(line);
                // the simple logger's level word, as the child's log lines carry it
                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                    LOG.warn("relay process {}: {}", pid(), line);
                } else {
                    LOG.debug("relay process {}: {}", pid(), line);
                }
            }
        } catch (IOException e) {
            // the child ended
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return "relay process " + pid() + " :" + port + " -> " + hostAndPort(target) + " (+"
                + roundTrip.toNanos() / 1e6 + " ms round trip)";
    }
}
