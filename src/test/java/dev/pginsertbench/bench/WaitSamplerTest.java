package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the wait-event sampler counts on a real server: only the load's active sessions, by what they wait for. */
@ExtendWith(PostgresExtension.class)
class WaitSamplerTest {

    @Test
    void aSessionAsleepCountsAsOtherAndTheControlSessionNotAtAll(PostgresServer server) throws Exception {
        try (Connection control = server.connect(); Connection load = server.connect();
                WaitSampler sampler = new WaitSampler(server.connect(), pid(control))) {
            sampler.start();
            // the control session is busy on CPU meanwhile, but it is not the load's: counted, it would show as CPU
            CompletableFuture<Void> controlBusy = CompletableFuture.runAsync(() -> spin(control));
            sleep(load, 0.6);
            controlBusy.join();
            Map<WaitSampler.Wait, Double> shares = sampler.stop();
            // pg_sleep waits on Timeout:PgSleep, which is none of the named waits; the statement's start and end
            // run on CPU for a moment, which a sample (every 20 ms) can catch on a busy machine
            assertThat(shares.get(WaitSampler.Wait.OTHER)).isGreaterThanOrEqualTo(0.9);
            assertThat(shares.get(WaitSampler.Wait.CPU)).isLessThanOrEqualTo(0.1);
            assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0, within(1e-9));
            // about 30 queries: the sampler's own thread used CPU, which the shot leaves out (its backend's too,
            // but /proc counts that in 10 ms ticks, which 30 small queries may not reach)
            assertThat(sampler.cost().clientNanos()).isPositive();
        }
    }

    @Test
    void noActiveSessionGivesNoShares(PostgresServer server) throws Exception {
        try (Connection control = server.connect(); WaitSampler sampler = new WaitSampler(server.connect(), pid(control))) {
            sampler.start();
            Thread.sleep(100);
            assertThat(sampler.stop().values()).allSatisfy(share -> assertThat(share).isNaN());
        }
    }

    private static int pid(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Keeps the session on CPU (no wait event) for as long as the load's session sleeps. */
    private static void spin(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN WHILE clock_timestamp() < statement_timestamp() + interval '600 milliseconds' "
                    + "LOOP END LOOP; END $$");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Connection connection, double seconds) {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT pg_sleep(?)")) {
            statement.setDouble(1, seconds);
            statement.execute();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
