package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.load.Chunking;
import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.Conversion;
import dev.pginsertbench.load.ErrorPolicy;
import dev.pginsertbench.load.ExecutorKind;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.load.Protocol;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The latency relay is an instrument: it must deliver every byte, in order, both ways, hold each
 * for at least its delay, and stop with whoever started it. Against a byte echo and against a
 * real server (every protocol, over TCP and over TLS with SCRAM logins, through it).
 */
@ExtendWith(PostgresExtension.class)
class LatencyRelayTest {

    private static final Dataset DATASET = Dataset.generate(7, 2_501);
    private static final TableContent EXPECTED = ContentChecksum.of(DATASET.rows());
    private static final ArticleTable TABLE = ArticleTable.named("relayed");

    @Test
    void everyByteArrivesInOrderBothWaysAtEachDelay() throws Exception {
        for (Duration roundTrip : new Duration[] {Duration.ZERO, Duration.ofMillis(2)}) {
            try (Echo echo = new Echo(); LatencyRelay relay = LatencyRelay.start(echo.address(), roundTrip)) {
                Echo.assertRelaysEveryByteInOrder(relay.address(), relay::traffic, relay.toString());
            }
        }
    }

    @Test
    void aRoundTripTakesAtLeastTheConfiguredTimeAndEachIsCounted() throws Exception {
        Duration roundTrip = Duration.ofMillis(20);
        try (Echo echo = new Echo(); LatencyRelay relay = LatencyRelay.start(echo.address(), roundTrip);
                Socket socket = new Socket(relay.address().getAddress(), relay.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                out.write(i);
                out.flush();
                assertThat(in.readUnsignedByte()).isEqualTo(i);
                fastest = Math.min(fastest, System.nanoTime() - start);
            }
            // never faster than configured: the relay holds each byte half the round trip each way
            assertThat(Duration.ofNanos(fastest)).isGreaterThanOrEqualTo(roundTrip);
            assertThat(relay.traffic().turns()).isEqualTo(10);
        }
    }

    @Test
    void closingTheRelayClosesItsPortAndEveryConnectionThroughIt(PostgresServer server) throws Exception {
        LatencyRelay relay = LatencyRelay.start(server.address().socketAddress(), Duration.ofMillis(1));
        ServerAddress relayed = server.address().through(relay.address());
        try (Connection connection = relayed.connect()) {
            assertThat(selectOne(connection)).isEqualTo(1);
            relay.close();
            assertThatThrownBy(() -> selectOne(connection)).isInstanceOf(java.sql.SQLException.class);
        }
        // the relay no longer accepts: a connect to its port is refused, or reaches something else (the freed port
        // taken by another listener, or a connect that meets itself), and a byte sent there is never forwarded.
        // Bytes, not turns: the closed connection's last read may still count its turn while nothing goes through.
        Thread.sleep(200);
        LatencyRelay.Traffic closed = relay.traffic();
        try (Socket probe = new Socket()) {
            probe.connect(relay.address(), (int) Duration.ofSeconds(2).toMillis());
            try {
                probe.getOutputStream().write(1);
                probe.getOutputStream().flush();
            } catch (java.io.IOException reset) {
                // another listener that took the port may drop the connection at once: not the relay either
            }
            Thread.sleep(200);
        } catch (ConnectException refused) {
            assertThat(refused).hasMessageContaining("refused");
        }
        LatencyRelay.Traffic after = relay.traffic();
        assertThat(List.of(after.clientBytes(), after.serverBytes())).as("bytes the closed relay forwarded")
                .isEqualTo(List.of(closed.clientBytes(), closed.serverBytes()));
    }

    static Stream<Arguments> protocolsAndTransports() {
        return Stream.of(Transport.TCP, Transport.TLS).flatMap(transport -> Stream.of(Protocol.values())
                .map(protocol -> Arguments.of(protocol, transport)));
    }

    @ParameterizedTest(name = "{0} over {1} through a 1 ms relay")
    @MethodSource("protocolsAndTransports")
    void everyProtocolLandsExactlyTheGeneratedRowsThroughTheRelay(Protocol protocol, Transport transport,
            PostgresServer server) throws Exception {
        assumeTrue(server.offers(transport), () -> transport + " needs a server the suite starts");
        try (Connection control = server.connect()) {
            TABLE.recreate(control, TableShape.HEAP);
        }
        LoadPlan plan = new LoadPlan(protocol, ConnectionMode.POOLED, 2, ExecutorKind.PLATFORM, 500, Chunking.FIXED,
                Conversion.PER_CHUNK, ErrorPolicy.CONTINUE);
        try (LatencyRelay relay = LatencyRelay.start(server.address().socketAddress(), Duration.ofMillis(1))) {
            LoadReport report;
            try (Loader loader = new Loader(server.address(transport).through(relay.address()), TABLE.name(), plan)) {
                report = loader.load(DATASET.rows());
            }
            assertThat(report.complete()).as(report.toString()).isTrue();
            assertThat(relay.traffic().turns()).as("the load's round trips went through the relay").isPositive();
        }
        try (Connection control = server.connect()) {
            assertThat(TABLE.content(control)).isEqualTo(EXPECTED);
        }
    }

    private static int selectOne(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
