package dev.pginsertbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of the claims study pooled by a random-effects model, and refused where they measured different things. */
class ClaimsPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One run's JMH JSON: POOL forks of two blocks each, arm 0 "after" taking {@code ratio} of the
     * time of arm 1 "new_connection_per_chunk" in every block of round r, times {@code 1 + r / 100}.
     */
    private static ArrayNode poolRun(double ratio, int rounds) {
        ArrayNode results = JSON.createArrayNode();
        for (int round = 1; round <= rounds; round++) {
            double r = ratio * (1 + round / 100.0);
            ObjectNode entry = results.addObject();
            entry.put("benchmark", "dev.pginsertbench.bench.ClaimBenchmark.load");
            entry.putObject("params").put("claim", "POOL").put("round", String.valueOf(round)).put("rows", "1000");
            ArrayNode times = entry.putObject("primaryMetric").putArray("rawData").addArray();
            ArrayNode arms = entry.putObject("secondaryMetrics").putObject("arm").putArray("rawData").addArray();
            for (int block = 0; block < 2; block++) {
                times.add(r);
                arms.add(0);
                times.add(1.0);
                arms.add(1);
            }
        }
        return results;
    }

    private static ObjectNode manifest(String version, boolean dirty) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 7);
        manifest.putObject("git").put("commit", "0123456789abcdef").put("dirty", dirty);
        manifest.putObject("postgres").put("version", version).put("profile", "durable");
        manifest.putArray("claimArms").addObject().put("claim", "pool").put("arm", "after").put("rows", 1000);
        manifest.putObject("order").put("seed", 5);
        return manifest;
    }

    private static ClaimsPool.RunInput run(String name, double ratio, ObjectNode manifest) {
        return new ClaimsPool.RunInput(name, manifest, ClaimsReport.of(ClaimShotResults.of(poolRun(ratio, 3))));
    }

    @Test
    void eachRunIsOneObservationOfTheRandomEffectsModel() {
        List<ClaimsPool.RunInput> runs = List.of(run("a", 0.80, manifest("17.6", false)),
                run("b", 0.84, manifest("17.6", false)), run("c", 0.78, manifest("17.6", false)));
        ClaimsPool.Pooled pool = ClaimsPool.of(runs).pooled().get(0);

        List<RandomEffects.Run> observations = runs.stream().map(r -> r.report().results().get(0).paired())
                .map(p -> new RandomEffects.Run(p.mean(), p.standardError(), p.degreesOfFreedom())).toList();
        RandomEffects expected = RandomEffects.of(observations);
        assertThat(pool.claim()).isEqualTo(OriginalClaim.POOL);
        assertThat(pool.language()).isEqualTo(Language.JAVA);
        assertThat(pool.pooled()).isEqualTo(expected);
        assertThat(pool.value().estimate()).isCloseTo(100 * (1 - Math.exp(expected.estimate())), within(1e-9));
        // time saved falls as the log ratio rises: the bounds swap
        assertThat(pool.value().low()).isCloseTo(100 * (1 - Math.exp(expected.high())), within(1e-9));
        // the runs differ by far more than their rounds say: nearly all variation is between runs
        assertThat(pool.pooled().i2()).isGreaterThan(0.9);
        assertThat(pool.runs()).allMatch(r -> r.isPresent());
        assertThat(pool.runsInsidePrediction()).isEqualTo(3);
    }

    @Test
    void armsListedInAnotherOrderAreTheSameArms() {
        ObjectNode first = manifest("17.6", false);
        first.withArray("claimArms").addObject().put("claim", "pool").put("arm", "new_connection_per_chunk").put("rows", 1000);
        ObjectNode reordered = manifest("17.6", false);
        ArrayNode arms = reordered.putArray("claimArms");
        arms.addObject().put("claim", "pool").put("arm", "new_connection_per_chunk").put("rows", 1000);
        arms.addObject().put("claim", "pool").put("arm", "after").put("rows", 1000);
        assertThat(ClaimsPool.of(List.of(run("a", 0.8, first), run("b", 0.8, reordered))).pooled()).isNotEmpty();
        ObjectNode fewerRows = manifest("17.6", false);
        fewerRows.putArray("claimArms").addObject().put("claim", "pool").put("arm", "after").put("rows", 500);
        assertThatThrownBy(() -> ClaimsPool.of(List.of(run("a", 0.8, manifest("17.6", false)), run("c", 0.8, fewerRows))))
                .hasMessageStartingWith("c measured something else than a: its claimArms is");
    }

    @Test
    void theHeadlineHasTheDecidingComparisonsWithHowManyRunsLandInsideThePrediction() {
        List<ClaimsPool.RunInput> runs = List.of(run("a", 0.80, manifest("17.6", false)),
                run("b", 0.84, manifest("17.6", false)), run("c", 0.78, manifest("17.6", false)));
        ClaimsPool pool = ClaimsPool.of(runs);
        ClaimsPool.Pooled pooled = pool.pooled().get(0);
        assertThat(pooled.comparison().primary()).isTrue();

        List<String> rows = pool.headline().lines().skip(2).toList();
        assertThat(rows).singleElement().asString()
                .startsWith("| pool | java | pool of 1-5 vs a new connection per chunk, whole load | 10.0 % to 20.0 % | ")
                .contains(" | " + pooled.runsInsidePrediction() + " of 3 | ")
                .contains(String.format(java.util.Locale.ROOT, " | %.0f %% | ", 100 * pooled.pooled().i2()))
                .endsWith(" | " + pooled.verdict().text() + " |");
        // every run's estimate is counted against the prediction interval: here they all fall inside it
        assertThat(pooled.runsInsidePrediction()).isEqualTo((int) pooled.runs().stream().flatMap(java.util.Optional::stream)
                .filter(r -> r.estimate() >= pooled.prediction().low() && r.estimate() <= pooled.prediction().high()).count())
                .isEqualTo(3);
        // a secondary comparison would be left out; the full table has every row
        assertThat(pool.table().lines().skip(2).count()).isEqualTo(pool.pooled().size());
    }

    @Test
    void runsThatMeasuredDifferentThingsAreRefusedNamingTheDifference() {
        assertThatThrownBy(() -> ClaimsPool.of(List.of(run("a", 0.8, manifest("17.6", false)),
                run("b", 0.8, manifest("16.11", false)))))
                .hasMessage("b measured something else than a: its postgres.version is \"16.11\", not \"17.6\"");
        assertThatThrownBy(() -> ClaimsPool.of(List.of(run("a", 0.8, manifest("17.6", true)))))
                .hasMessageContaining("a is not from a clean tree");
        ObjectNode old = manifest("17.6", false);
        old.remove("claimArms");
        old.put("schemaVersion", 6);
        assertThatThrownBy(() -> ClaimsPool.of(List.of(run("a", 0.8, old))))
                .hasMessageContaining("does not record its claims' arms (manifest schema 6");
        ArrayNode relayed = poolRun(0.8, 3);
        relayed.forEach(entry -> ((ObjectNode) entry.get("params")).put("rtt", "2ms"));
        ClaimsPool.RunInput network = new ClaimsPool.RunInput("n", manifest("17.6", false),
                ClaimsReport.of(ClaimShotResults.of(relayed)));
        assertThatThrownBy(() -> ClaimsPool.of(List.of(run("a", 0.8, manifest("17.6", false)), network)))
                .hasMessage("n measured claims through a latency relay only (rtt [2ms]): the pool combines "
                        + "comparisons measured on loopback");
    }

    @Test
    void aRunThatAlsoMeasuredThroughTheRelayGivesItsLoopbackComparisonsAndTheRestIsNamed() {
        ArrayNode both = poolRun(0.8, 3);
        ArrayNode relayed = poolRun(0.5, 3);
        relayed.forEach(entry -> ((ObjectNode) entry.get("params")).put("rtt", "20ms"));
        both.addAll(relayed);
        ClaimsPool.RunInput network = new ClaimsPool.RunInput("n", manifest("17.6", false),
                ClaimsReport.of(ClaimShotResults.of(both)));
        ClaimsPool pool = ClaimsPool.of(List.of(run("a", 0.8, manifest("17.6", false)), network));
        assertThat(pool.pooled()).hasSize(1);
        // both runs' loopback forks take 0.8 x (1 + r / 100) of the time: the 20 ms forks' 0.5 is not in it
        assertThat(pool.pooled().get(0).runs()).allSatisfy(r -> assertThat(r.orElseThrow().estimate())
                .isCloseTo(pool.pooled().get(0).runs().get(0).orElseThrow().estimate(), within(1e-9)));
        assertThat(pool.markdown(new RunManifest.Git("abc", false)))
                .contains("Not pooled: the comparisons measured through a latency relay, in n (20ms)");
    }

    @Test
    void theCommandWritesThePooledFolderOrRefusesInOneLine(@TempDir Path temp) throws Exception {
        Path a = folder(temp.resolve("a"), 0.8, manifest("17.6", false));
        Path b = folder(temp.resolve("b"), 0.82, manifest("17.6", false));
        Path other = folder(temp.resolve("other"), 0.82, manifest("16.11", false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int written = PoolCommand.run(List.of("--out", temp.resolve("pooled").toString(), a.toString(), b.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        assertThat(written).isZero();
        for (String file : List.of("pooled-claims.csv", "pooled-runs.csv", "pooled-claims.md", "manifest.json")) {
            assertThat(temp.resolve("pooled").resolve(file)).isRegularFile();
        }
        assertThat(Files.readAllLines(temp.resolve("pooled").resolve("pooled-runs.csv"))).hasSize(1 + 2);
        assertThat(JSON.readTree(temp.resolve("pooled").resolve("manifest.json").toFile()).path("runs")).hasSize(2);
        // the pooling code's own commit is recorded, and whether its tree was clean (a boolean, or null outside git)
        assertThat(JSON.readTree(temp.resolve("pooled").resolve("manifest.json").toFile()).path("git").has("dirty")).isTrue();
        assertThat(Files.readString(temp.resolve("pooled").resolve("pooled-claims.md"))).contains("Pooled by the code at ")
                .contains(ClaimsPool.HEADLINE_HEADING);

        err.reset();
        int refused = PoolCommand.run(List.of("--out", temp.resolve("refused").toString(), a.toString(), other.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("pool: other measured something else than a: its postgres.version");
        assertThat(temp.resolve("refused")).doesNotExist();
    }

    private static Path folder(Path folder, double ratio, ObjectNode manifest) throws Exception {
        Files.createDirectories(folder);
        JSON.writeValue(folder.resolve("jmh-result.json").toFile(), poolRun(ratio, 3));
        JSON.writeValue(folder.resolve("manifest.json").toFile(), manifest);
        return folder;
    }
}
