package dev.pginsertbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.Family;
import dev.pginsertbench.bench.ReferenceArm;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.ClaimComparison;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.LoadPlan;
import java.util.List;
import java.util.Locale;

/**
 * What a results folder holds, for the readers written in other languages (the notebook, the
 * Python port): the benchmarks of the catalogue with their short names, the interleaved references'
 * arms, the counters of the JMH JSON, the columns of each CSV file the report writes, the claims
 * with their arms as plan fields and their comparisons, and the verdicts' texts, all taken from the
 * code that writes them. Written into every results folder, and committed as
 * {@code results/schema.json}, which a test holds to the code; the jar carries that file beside
 * the Python port. The readers take their lists from it.
 */
public final class ResultsSchema {

    /** Its name in every results folder, and in results/ for the suite as committed. */
    public static final String FILE = "schema.json";

    /** Raised when what the file describes changes, so that a reader can tell which it read. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsSchema() {
    }

    /** The schema as the committed file holds it, pretty-printed, with a final newline. */
    public static String json() {
        try {
            return JSON.writeValueAsString(tree()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the results schema does not serialise", e);
        }
    }

    static ObjectNode tree() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("schemaVersion", SCHEMA_VERSION);
        // the newest manifest.json of each kind of folder: a run's, and a pooled one's
        schema.putObject("manifests").put("run", RunManifest.SCHEMA_VERSION)
                .put("pooled-claims", PoolCommand.PoolManifest.SCHEMA_VERSION);
        ArrayNode counters = schema.putArray("counters");
        for (Counter counter : Counter.values()) {
            counters.addObject().put("key", counter.key())
                    .put("writer", counter.writer().name().toLowerCase(Locale.ROOT));
        }
        // in the order figures and tables list them
        ArrayNode families = schema.putArray("families");
        for (Family family : Family.values()) {
            families.addObject().put("id", family.id()).put("label", family.label());
        }
        ArrayNode languages = schema.putArray("languages");
        for (Language language : Language.values()) {
            languages.addObject().put("id", language.id()).put("label", language.label());
        }
        ArrayNode benchmarks = schema.putArray("benchmarks");
        for (Catalogue entry : Catalogue.values()) {
            ObjectNode benchmark = benchmarks.addObject().put("id", entry.id()).put("key", entry.name())
                    .put("family", entry.family().id()).put("label", entry.label()).put("shortName", entry.shortName());
            ArrayNode parameters = benchmark.putArray("parameters");
            entry.parameters().forEach(parameter -> parameters.add(parameter.field()));
            ArrayNode nameParameters = benchmark.putArray("nameParameters");
            entry.nameParameters().forEach(parameter -> nameParameters.add(parameter.field()));
        }
        // the interleaved references' arms, each with the benchmark that measures it alone
        ArrayNode references = schema.putArray("references");
        for (ReferenceArm arm : ReferenceArm.values()) {
            references.addObject().put("id", arm.id()).put("label", arm.label()).put("code", arm.code())
                    .put("benchmark", arm.alone().id());
        }
        ObjectNode files = schema.putObject("files");
        columns(files, "summary.csv", SummaryCsv.COLUMNS);
        columns(files, "claims.csv", ClaimsReport.CSV_COLUMNS);
        columns(files, "claim-shots.csv", ClaimsReport.SHOT_COLUMNS);
        columns(files, "claims-network.csv", ClaimsNetwork.CSV_COLUMNS);
        columns(files, "relay-cost.csv", RelayCost.CSV_COLUMNS);
        columns(files, "scale.csv", ScaleReport.CSV_COLUMNS);
        columns(files, "scale-fits.csv", ScaleReport.FIT_COLUMNS);
        columns(files, "peers.csv", PeersReport.CSV_COLUMNS);
        columns(files, "interleaved.csv", InterleavedReferences.CSV_COLUMNS);
        columns(files, "interleaved-shots.csv", InterleavedReferences.SHOT_COLUMNS);
        columns(files, "pooled-claims.csv", ClaimsPool.CSV_COLUMNS);
        columns(files, "pooled-runs.csv", ClaimsPool.RUNS_CSV_COLUMNS);
        schema.putObject("network").put("relayModel", ClaimsNetwork.RELAY_MODEL);
        schema.putObject("scale").put("method", ScaleReport.METHOD);
        ArrayNode claims = schema.putArray("claims");
        for (OriginalClaim claim : OriginalClaim.values()) {
            ObjectNode node = claims.addObject().put("id", claim.id()).put("title", claim.title())
                    .put("statement", claim.statement());
            ArrayNode arms = node.putArray("arms");
            for (Arm arm : claim.arms()) {
                arms.add(arm(arm, Language.PYTHON.arms(claim).contains(arm)));
            }
            ArrayNode comparisons = node.putArray("comparisons");
            for (ClaimComparison comparison : claim.comparisons()) {
                ObjectNode c = comparisons.addObject().put("id", comparison.id())
                        .put("comparison", comparison.comparison())
                        .put("changed", comparison.changed()).put("original", comparison.original())
                        .put("measure", comparison.measure().name().toLowerCase(Locale.ROOT))
                        .put("unit", comparison.unit().label()).put("primary", comparison.primary());
                c.put("claimedLow", comparison.claimedLow());
                c.put("claimedHigh", comparison.claimedHigh());
            }
        }
        ArrayNode verdicts = schema.putArray("verdicts");
        for (Verdict verdict : Verdict.values()) {
            verdicts.add(verdict.text());
        }
        return schema;
    }

    private static ObjectNode arm(Arm arm, boolean inPython) {
        LoadPlan plan = arm.plan();
        ObjectNode node = JSON.createObjectNode().put("id", arm.id()).put("label", arm.label()).put("code", arm.code())
                .put("python", inPython);
        node.put("protocol", plan.protocol().name()).put("connections", plan.connections().name())
                .put("executor", plan.executor().name()).put("conversion", plan.conversion().name())
                .put("chunking", plan.chunking().name()).put("chunkSize", plan.chunkSize()).put("tasks", plan.tasks())
                .put("pythonDriver", arm.driver().name());
        return node;
    }

    private static void columns(ObjectNode files, String file, List<? extends Csv.Column<?>> columns) {
        ArrayNode described = files.putArray(file);
        columns.forEach(column -> described.addObject().put("name", column.name()).put("kind", column.kind().id()));
    }
}
