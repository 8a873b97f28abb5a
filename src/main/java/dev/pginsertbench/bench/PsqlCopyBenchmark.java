package dev.pginsertbench.bench;

import java.nio.file.Path;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The everyday command-line reference: {@code psql \copy} of a file of the dataset (written at
 * trial setup by PostgreSQL's own {@code COPY TO}), timed as a whole process — psql's start,
 * connection and the COPY. The file is in COPY's text format, not CSV: psql before 18 ends a
 * CSV {@code \copy} at any line that is just {@code \.}, even inside a quoted field, and the
 * dataset's hostile rows contain such a line (text format escapes the backslash). {@code bytesSent} is the file's size;
 * {@code clientCpuNsPerRow} includes psql's CPU time (Linux). Without psql on PATH the trial fails with that reason and
 * reports no number.
 */
public class PsqlCopyBenchmark extends TableFillBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(PsqlCopyBenchmark.class);

    private ServerFiles files;
    private PsqlCopy psql;

    @Override
    protected void prepareTrial() throws Exception {
        Optional<Path> executable = PsqlCopy.find();
        if (executable.isEmpty()) {
            LOG.warn("{} skipped: psql is not on PATH", description());
            throw new IllegalStateException(description() + " skipped, no number reported: psql is not on PATH");
        }
        files = ServerFiles.create();
        psql = PsqlCopy.prepare(executable.get(), postgres, control(), table, dataset, files);
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
        recordBytesSent(psql.fileBytes());
    }
}
