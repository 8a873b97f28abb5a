package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pginsertbench.PostgresExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay in a child JVM is the same instrument as in this one (every byte in order, the configured delay,
 * its counts), and a child that stays no longer than its parent: it ends when its stdin ends, and when it cannot
 * start or answer, the error says why with its stderr.
 */
@ExtendWith(PostgresExtension.class)
class RelayProcessTest {

    @Test
    void everyByteArrivesInOrderBothWaysAtEachDelay() throws Exception {
        for (Duration roundTrip : new Duration[] {Duration.ZERO, Duration.ofMillis(2)}) {
            try (Echo echo = new Echo(); RelayProcess relay = RelayProcess.start(echo.address(), roundTrip)) {
                Echo.assertRelaysEveryByteInOrder(relay.address(), relay::traffic, relay.toString());
            }
        }
    }

    @Test
    void selectOneThroughATenMillisecondRelayWaitsTenMilliseconds(PostgresServer server) throws Exception {
        try (RelayProcess relay = RelayProcess.start(server.address().socketAddress(), Duration.ofMillis(10));
                Connection connection = server.address().through(relay.address()).connect();
                Connection direct = server.connect()) {
            RoundTrip.measure(connection); // once untimed: the client's code is cold in a fresh test JVM
            RoundTrip.measure(direct);
            RoundTrip measured = RoundTrip.measure(connection);
            RoundTrip answer = RoundTrip.measure(direct);
            // the delay is what it is configured for: never less, and no more than 10 % above it beside the
            // server's own answer; the fastest round trips, which a busy machine's scheduling does not lengthen
            assertThat(measured.minMs()).as(measured.toString()).isGreaterThanOrEqualTo(10.0);
            assertThat(measured.minMs() - answer.minMs()).as(measured + " minus " + answer)
                    .isCloseTo(10.0, within(10 * 0.1));
        }
    }

    @Test
    void itsZeroDelayTwinCostsWhatForwardingCostsSoTheDifferenceIsTheDelaySet(PostgresServer server)
            throws Exception {
        try (RelayProcess relay = RelayProcess.start(server.address().socketAddress(), Duration.ofMillis(10));
                Connection delayed = server.address().through(relay.address()).connect();
                Connection zero = server.address().through(relay.zeroDelayAddress()).connect()) {
            RoundTrip.measure(delayed);
            RoundTrip.measure(zero);
            RoundTrip through = RoundTrip.measure(delayed);
            RoundTrip twin = RoundTrip.measure(zero);
            assertThat(twin.medianMs()).as(twin.toString()).isLessThan(through.minMs());
            // the delay it adds is what it is set to within 10 %, read from the fastest round trips, which a busy
            // machine's scheduling does not lengthen
            assertThat(through.minMs() - twin.minMs()).as(through + " minus " + twin)
                    .isCloseTo(10.0, within(10 * 0.1));
            assertThat(relay.zeroDelayAddress().getPort()).isNotEqualTo(relay.address().getPort());
        }
    }

    @Test
    void trafficCountsEachPingPongAsATurnAndEveryByte() throws Exception {
        int pings = 25;
        byte[] ping = new byte[100];
        try (Echo echo = new Echo(); RelayProcess relay = RelayProcess.start(echo.address(), Duration.ZERO);
                Socket socket = new Socket(relay.address().getAddress(), relay.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < pings; i++) {
                out.write(ping);
                out.flush();
                assertThat(in.readNBytes(ping.length)).hasSize(ping.length);
            }
            socket.shutdownOutput();
            assertThat(in.read()).as("the end, which the relay forwards after counting the last bytes").isEqualTo(-1);
            assertThat(relay.traffic()).isEqualTo(new LatencyRelay.Traffic((long) pings * ping.length,
                    (long) pings * ping.length, pings));
        }
    }

    @Test
    void anUnknownCommandIsAnsweredWithAnErrorAndTheChildGoesOn() throws Exception {
        try (Echo echo = new Echo(); RelayProcess relay = RelayProcess.start(echo.address(), Duration.ZERO)) {
            assertThat(relay.ask("bogus")).isEqualTo("error unknown command 'bogus'");
            assertThat(relay.traffic()).isEqualTo(new LatencyRelay.Traffic(0, 0, 0));
        }
    }

    @Test
    void theChildsCpuTimeGrowsWithTheBytesItRelays() throws Exception {
        byte[] payload = new byte[24 * 1024 * 1024];
        try (Echo echo = new Echo(); RelayProcess relay = RelayProcess.start(echo.address(), Duration.ZERO)) {
            long before = relay.cpuNanos();
            Echo.sendThrough(relay.address(), payload);
            // about 1 ms a MB relayed: 48 MB are several of the kernel's 10 ms ticks
            assertThat(relay.cpuNanos()).isGreaterThan(before);
        }
    }

    @Test
    void closeEndsTheChildOnItsOwnAndFreesItsPortOnceAndForAll() throws Exception {
        try (Echo echo = new Echo()) {
            RelayProcess relay = RelayProcess.start(echo.address(), Duration.ofMillis(1));
            InetSocketAddress address = relay.address();
            assertThat(relay.toString()).isEqualTo("relay process " + relay.pid() + " :" + address.getPort() + " -> "
                    + echo.address().getHostString() + ":" + echo.address().getPort() + " (+1.0 ms round trip)");
            ProcessHandle child = ProcessHandle.of(relay.pid()).orElseThrow();
            long cpu = relay.cpuNanos();
            long start = System.nanoTime();
            relay.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended by its stdin's end, not killed")
                    .isLessThan(Duration.ofSeconds(4));
            assertThat(child.isAlive()).isFalse();
            assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                    .isInstanceOf(IOException.class);
            relay.close();
            assertThat(relay.cpuNanos()).as("the last reading, taken at close").isGreaterThanOrEqualTo(cpu);
            assertThatThrownBy(relay::traffic).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void theChildEndsWhenWhatHoldsItsStdinDies() throws Exception {
        try (Echo echo = new Echo()) {
            // sleep holds the write end of the child's stdin, as the parent JVM does, and dies without closing it
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(new ProcessBuilder("sleep", "60"),
                    new ProcessBuilder(RelayProcess.command(echo.address(), Duration.ZERO))));
            Process holder = pipeline.get(0);
            Process child = pipeline.get(1);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).startsWith("listening ");
                holder.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child ended").isTrue();
                assertThat(child.exitValue()).isZero();
            } finally {
                pipeline.forEach(Process::destroyForcibly);
            }
        }
    }

    @Test
    void aTargetNobodyListensOnFailsAtStartNamingIt() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        }
        InetSocketAddress target = nobody;
        assertThatThrownBy(() -> RelayProcess.start(target, Duration.ZERO))
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining(target.getHostString() + ":" + target.getPort())
                .hasMessageContaining("nothing accepts connections there");
    }

    @Test
    void aChildThatCannotStartFailsWithItsCommandExitCodeAndStderr() throws Exception {
        try (Echo echo = new Echo()) {
            List<String> command = new ArrayList<>(RelayProcess.command(echo.address(), Duration.ZERO));
            command.set(command.indexOf("-cp") + 1, "/nonexistent/classes");
            assertThatThrownBy(() -> RelayProcess.start(command, echo.address(), Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ended before it listened (exit code 1)")
                    .hasMessageContaining("-cp /nonexistent/classes " + RelayProcessMain.class.getName())
                    .hasMessageContaining("Could not find or load main class " + RelayProcessMain.class.getName());
        }
    }

    @Test
    void badArgumentsEndTheChildWithTheArgumentNamed() throws Exception {
        try (Echo echo = new Echo()) {
            List<String> command = new ArrayList<>(RelayProcess.command(echo.address(), Duration.ZERO));
            command.set(command.size() - 2, "http");
            assertThatThrownBy(() -> RelayProcess.start(command, echo.address(), Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(exit code " + RelayProcessMain.BAD_ARGUMENTS + ")")
                    .hasMessageContaining("target port must be a whole number from 1 to 65535, was 'http'");
        }
    }

    @Test
    void aChildThatDoesNotAnswerOrEndsFailsTheQuestionWithItsState() throws Exception {
        try (Echo echo = new Echo()) {
            List<String> silent = List.of("sh", "-c", "echo listening 1; echo about to read >&2; exec cat 3>&1 >/dev/null");
            try (RelayProcess relay = RelayProcess.start(silent, echo.address(), Duration.ZERO)) {
                assertThatThrownBy(relay::traffic).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("did not answer 'traffic' within 3 s (still running)")
                        .hasMessageContaining("about to read");
            }
            List<String> ending = List.of("sh", "-c", "echo listening 1; read line; exit 3");
            try (RelayProcess relay = RelayProcess.start(ending, echo.address(), Duration.ZERO)) {
                assertThatThrownBy(relay::traffic).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("ended before it answered 'traffic' (exit code 3)");
            }
        }
    }
}
