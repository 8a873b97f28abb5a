package dev.pginsertbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.load.LoadPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arm table the Python port builds (python/original_loader/arms.py) from the schema the
 * harness unpacks beside it is the Java claims' arms, factor for factor: every arm the Python forks
 * run has the Java twin's protocol, connections, conversion, chunking, chunk size, tasks and driver, so
 * that each Python comparison changes what its Java twin changes, and the arms it refuses are
 * exactly those Java does not run in Python. Skipped, saying why, where the port's packages are
 * missing (required under {@code BENCH_REQUIRE_PYTHON}).
 */
class PythonArmsTest {

    /** The port's arm table from the schema named by its argument, and the schema it finds by itself. */
    private static final String ARMS_SCRIPT = "import json, sys; sys.path.insert(0, '.'); "
            + "from original_loader import arms; t = arms.load_arms(sys.argv[1]); "
            + "print(json.dumps({'arms': {k: {'protocol': a.protocol.value, 'connections': a.connections.value, "
            + "'conversion': a.conversion.value, 'chunking': a.chunking.value, 'chunk_size': a.chunk_size, "
            + "'max_tasks': a.max_tasks, 'driver': a.driver.value} for k, a in t.arms.items()}, 'unsupported': sorted(t.unsupported), "
            + "'found': str(arms.load_arms().source)}))";

    @BeforeAll
    static void pythonPortAvailable() {
        PythonPort.requireOrSkip(PythonArmsTest.class);
    }

    @Test
    void everyPythonArmHasItsJavaTwinsFactors(@TempDir Path folder) throws Exception {
        Path schema = PythonLoader.unpack(folder);
        JsonNode table = pythonTable(folder, schema);
        assertThat(table.path("found").asText()).as("the schema the port finds without --schema")
                .isEqualTo(schema.toRealPath().toString());
        Map<String, Arm> javaArms = new LinkedHashMap<>();
        TreeSet<String> withoutTwin = new TreeSet<>();
        for (OriginalClaim claim : OriginalClaim.values()) {
            Language.PYTHON.arms(claim).forEach(arm -> javaArms.put(arm.id(), arm));
            claim.arms().stream().filter(arm -> !Language.PYTHON.arms(claim).contains(arm)).forEach(arm -> withoutTwin.add(arm.id()));
        }
        TreeSet<String> pythonIds = new TreeSet<>();
        table.path("arms").fieldNames().forEachRemaining(pythonIds::add);
        assertThat(pythonIds).isEqualTo(new TreeSet<>(javaArms.keySet()));
        assertThat(iterableText(table.path("unsupported"))).isEqualTo(withoutTwin);
        javaArms.forEach((id, arm) -> assertThat(table.path("arms").path(id)).as(id).isEqualTo(expected(arm)));
    }

    /** A Java arm as the Python port writes it. */
    private static JsonNode expected(Arm javaArm) {
        LoadPlan plan = javaArm.plan();
        Map<String, Object> arm = new LinkedHashMap<>();
        arm.put("protocol", switch (plan.protocol()) {
            case BATCH -> "executemany";
            case COPY_TEXT -> "copy_text";
            case COPY_CSV -> "copy_csv";
            case COPY_BINARY -> "copy_binary";
            case BATCH_REWRITE, MULTI_VALUES, UNNEST -> "none in the port: " + plan.protocol();
        });
        arm.put("connections", switch (plan.connections()) {
            case POOLED -> "pool";
            case PER_CHUNK -> "per_chunk";
            case SINGLE -> "single_sync";
        });
        arm.put("conversion", plan.conversion().name().toLowerCase(Locale.ROOT));
        arm.put("chunking", plan.chunking().name().toLowerCase(Locale.ROOT));
        arm.put("chunk_size", plan.chunkSize());
        arm.put("max_tasks", plan.tasks());
        arm.put("driver", javaArm.driver().name().toLowerCase(Locale.ROOT));
        return new ObjectMapper().valueToTree(arm);
    }

    private static JsonNode pythonTable(Path folder, Path schema) throws Exception {
        Process process = new ProcessBuilder(PythonLoader.interpreter().toString(), "-c", ARMS_SCRIPT, schema.toString())
                .directory(folder.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the interpreter answers").isTrue();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        return new ObjectMapper().readTree(printed);
    }

    private static TreeSet<String> iterableText(JsonNode array) {
        TreeSet<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
