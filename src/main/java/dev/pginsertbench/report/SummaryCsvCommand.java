package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes summary.csv into results folders that have {@code jmh-result.json} and
 * {@code manifest.json}: for a folder written before summary.csv existed, or after the report's
 * arithmetic changed. The numbers come only from those two files, as at the end of a run.
 *
 * <pre>java -cp target/benchmarks.jar dev.pginsertbench.report.SummaryCsvCommand results/FOLDER...</pre>
 */
public final class SummaryCsvCommand {

    private SummaryCsvCommand() {
    }

    public static void main(String[] folders) {
        if (folders.length == 0) {
            System.err.println("usage: SummaryCsvCommand RESULTS_FOLDER...");
            System.exit(2);
        }
        int failed = 0;
        for (String folder : folders) {
            try {
                Path written = write(Path.of(folder));
                System.out.println("wrote " + written);
            } catch (IOException | RuntimeException e) {
                System.err.println("summary.csv: " + folder + ": " + e.getMessage());
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    static Path write(Path folder) throws IOException {
        JsonNode dataset = ResultSummary.readJson(folder.resolve("manifest.json")).path("dataset");
        if (!dataset.path("averageRowBytes").isNumber()) {
            throw new IOException("manifest.json has no dataset.averageRowBytes");
        }
        Path csv = folder.resolve("summary.csv");
        Files.writeString(csv, SummaryCsv.of(ResultSummary.read(folder.resolve("jmh-result.json"),
                dataset.path("averageRowBytes").asDouble())), StandardCharsets.UTF_8);
        return csv;
    }
}
