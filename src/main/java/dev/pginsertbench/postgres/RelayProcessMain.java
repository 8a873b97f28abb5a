package dev.pginsertbench.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The child process behind {@link RelayProcess}: it hosts a {@link LatencyRelay}, so that the relay's CPU,
 * allocation and garbage collection stay out of the JVM being measured. Arguments: target host, target port,
 * round trip in nanoseconds. It prints {@code listening <port> <zero-delay port>} (the second a relay to the same
 * target adding nothing: what forwarding through this process costs by itself, for calibration), then answers
 * each {@code traffic} line on stdin with {@code traffic <clientBytes> <serverBytes> <turns>}. The end of stdin
 * (the parent closed it, or died) closes the relay and ends the process. The relay's log goes to stderr;
 * stdout carries only the answers.
 */
public final class RelayProcessMain {

    static final String LISTENING = "listening";
    static final String TRAFFIC = "traffic";
    static final String ERROR = "error";
    static final int BAD_ARGUMENTS = 2;

    private RelayProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress target;
        Duration roundTrip;
        try {
            if (args.length != 3) {
                throw new IllegalArgumentException("expected 3 arguments, got " + args.length);
            }
            target = new InetSocketAddress(args[0], (int) number("target port", args[1], 1, 65_535));
            if (args[0].isBlank() || target.isUnresolved()) {
                throw new IllegalArgumentException("target host '" + args[0] + "' does not resolve");
            }
            roundTrip = Duration.ofNanos(number("round trip nanos", args[2], 0, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            System.err.println("RelayProcessMain: " + e.getMessage());
            System.err.println("usage: RelayProcessMain TARGET_HOST TARGET_PORT ROUND_TRIP_NANOS");
            System.exit(BAD_ARGUMENTS);
            return;
        }
        PrintStream out = System.out;
        try (LatencyRelay relay = LatencyRelay.start(target, roundTrip);
                LatencyRelay zeroDelay = LatencyRelay.start(target, Duration.ZERO);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println(LISTENING + " " + relay.address().getPort() + " " + zeroDelay.address().getPort());
            out.flush();
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                if (command.equals(TRAFFIC)) {
                    LatencyRelay.Traffic traffic = relay.traffic();
                    out.println(TRAFFIC + " " + traffic.clientBytes() + " " + traffic.serverBytes() + " "
                            + traffic.turns());
                } else {
                    out.println(ERROR + " unknown command '" + command + "'");
                }
                out.flush();
            }
        }
    }

    private static long number(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", was '"
                + text + "'");
    }
}
