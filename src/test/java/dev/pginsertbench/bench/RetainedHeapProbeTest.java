package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pginsertbench.PostgresExtension;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory a claim's verdict rests on must be the same every time it is measured: the probe of
 * each memory-comparing arm, repeated on fresh loads, agrees within 5 %, and it finds what the arm
 * holds: rows converted up front (about their COPY text each), against nearly nothing for rows
 * converted inside each chunk.
 */
@ExtendWith(PostgresExtension.class)
class RetainedHeapProbeTest {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedHeapProbeTest.class);
    private static final int ROWS = 20_000;
    private static final int PROBES = 4;
    private static final ArticleTable TABLE = ArticleTable.named("probe_test");

    private final Dataset dataset = Dataset.generate(11, ROWS);

    @Test
    void eachArmHoldsTheSameEveryTimeAndUpFrontHoldsTheConvertedRows(PostgresServer server) throws Exception {
        try (Connection control = server.connect()) {
            TABLE.recreate(control, dev.pginsertbench.postgres.TableShape.HEAP);
            double upFront = probed(server, control, OriginalClaim.CONVERSION.arm("after"));
            double perChunk = probed(server, control, OriginalClaim.CONVERSION.arm("convert_per_chunk"));
            double sync = probed(server, control, OriginalClaim.SYNC_VS_ASYNC.arm("sync"));
            long rowsLive = LiveHeap.of(() -> Dataset.generate(11, ROWS));

            LOG.info("held at the fullest moment: up front {} B/row, per chunk {} B/row, sync {} B/row; the rows themselves "
                    + "{} B/row", upFront / ROWS, perChunk / ROWS, sync / ROWS, rowsLive / ROWS);
            // a COPY text row of the dataset is about 1 KB, so holding all of them converted is several hundred B/row
            assertThat(upFront / ROWS).isGreaterThan(500);
            assertThat(perChunk).isLessThan(upFront / 10);
            // the sync baseline binds a whole chunk of 5,000 rows before executeBatch
            assertThat(sync).isGreaterThan(perChunk);
        }
    }

    /** The arm's held bytes, after checking that {@link #PROBES} probes of fresh loads agree within 5 %. */
    private double probed(PostgresServer server, Connection control, Arm arm) throws Exception {
        List<Double> values = new ArrayList<>();
        try (Loader loader = new Loader(server.address(), TABLE.name(), arm.plan(), arm.options())) {
            load(loader, control, null); // as in a fork: the probe runs after the arm has loaded once
            for (int i = 0; i < PROBES; i++) {
                RetainedHeapProbe probe = RetainedHeapProbe.before(arm.plan(), ROWS);
                load(loader, control, probe);
                values.add(probe.retainedBytes());
            }
        }
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(values).as(arm.id()).doesNotContain(Double.NaN);
        assertThat(high).as(arm.id() + " " + values).isLessThanOrEqualTo(low * 1.05);
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private void load(Loader loader, Connection control, RetainedHeapProbe probe) throws Exception {
        try (Statement truncate = control.createStatement()) {
            truncate.execute("TRUNCATE " + TABLE.name().quoted());
        }
        LoadReport report = probe == null ? loader.load(dataset.rows()) : loader.load(dataset.rows(), probe);
        assertThat(report.complete()).as(report.toString()).isTrue();
        assertThat(TABLE.count(control)).isEqualTo(ROWS);
    }
}
