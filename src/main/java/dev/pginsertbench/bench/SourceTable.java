package dev.pginsertbench.bench;

import dev.pginsertbench.data.Dataset;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoadReport;
import dev.pginsertbench.load.Loader;
import dev.pginsertbench.load.Protocol;
import dev.pginsertbench.postgres.ArticleTable;
import dev.pginsertbench.postgres.ContentChecksum;
import dev.pginsertbench.postgres.PostgresServer;
import dev.pginsertbench.postgres.TableContent;
import dev.pginsertbench.postgres.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table beside the target holding exactly the dataset, loaded at trial setup and proved equal
 * to it by the content checksum: the source of the INSERT ... SELECT ceiling and of the files
 * that server-side COPY and psql read.
 */
final class SourceTable {

    private static final int CHUNK = 10_000;
    private static final int TASKS = 2;

    private SourceTable() {
    }

    static ArticleTable fill(PostgresServer server, Connection control, ArticleTable target, Dataset dataset)
            throws SQLException, InterruptedException {
        ArticleTable source = new ArticleTable(target.name().withSuffix("_source"));
        source.recreate(control, TableShape.HEAP);
        try (Loader loader = new Loader(server.address(), source.name(),
                LoadPlan.pooledCopy(Protocol.COPY_BINARY, CHUNK, TASKS))) {
            LoadReport report = loader.load(dataset.rows());
            if (!report.complete()) {
                throw new IllegalStateException("loading the source table " + source.name() + " failed: " + report);
            }
        }
        TableContent expected = ContentChecksum.of(dataset.rows());
        TableContent found = source.content(control);
        if (!expected.equals(found)) {
            throw new IllegalStateException("the source table " + source.name() + " differs from the dataset: expected "
                    + expected + ", found " + found);
        }
        // hint bits and visibility map set now, so no shot pays for the first scan's page writes
        try (Statement statement = control.createStatement()) {
            statement.execute("VACUUM (FREEZE, ANALYZE) " + source.name().quoted());
        }
        return source;
    }
}
