package dev.pginsertbench.bench;

import dev.pginsertbench.postgres.ArticleTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The everyday command-line reference: {@code psql \copy} of a file of the dataset (written at
 * trial setup by PostgreSQL's own {@code COPY TO}), timed as a whole process — psql's start,
 * connection and the COPY. The file is in COPY's text format, not CSV: psql before 18 ends a
 * CSV {@code \copy} at any line that is just {@code \.}, even inside a quoted field, and the
 * dataset's hostile rows contain such a line (text format escapes the backslash). {@code bytesSent} is the file's size; {@code clientCpuNsPerRow}
 * includes psql's CPU time (Linux). Without psql on PATH the trial fails with that reason and
 * reports no number.
 */
public class PsqlCopyBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(PsqlCopyBenchmark.class);

    private ServerFiles files;
    private PsqlCopy psql;
    private long fileBytes;

    @Override
    protected void prepareTrial() throws Exception {
        Optional<Path> executable = PsqlCopy.find();
        if (executable.isEmpty()) {
            LOG.warn("{} skipped: psql is not on PATH", description());
            throw new IllegalStateException(description() + " skipped, no number reported: psql is not on PATH");
        }
        files = ServerFiles.create();
        ArticleTable source = SourceTable.fill(postgres, control(), table, dataset);
        List<Path> text = files.export(control(), source, dataset.size(), 1, "(FORMAT text)", ".txt");
        source.drop(control());
        fileBytes = Files.size(text.get(0));
        psql = PsqlCopy.of(executable.get(), postgres.address(), table, text.get(0), files.newFile("psql.out"));
    }

    @Override
    protected void releaseTrial() throws Exception {
        if (files != null) {
            files.close();
        }
    }

    @Benchmark
    public void psqlCopy() throws Exception {
        psql.run();
        recordBytesSent(fileBytes);
    }
}
