package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import dev.pginsertbench.bench.Parameter;
import dev.pginsertbench.bench.ReferenceArm;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pooled COPY against psql and the parallel ceiling, measured fairly: the forks of
 * {@link Catalogue#INTERLEAVED_REFERENCES} read out of JMH's JSON, every measured shot with its arm
 * and block, grouped by server, rows, chunk size and tasks (one JMH entry per round). Within a
 * block the arms ran moments apart on the same server, so each block gives one paired log ratio
 * {@code ln(reference time) - ln(pooled COPY time)}; the ratio's 95 % interval is over the rounds'
 * means ({@link PairedEstimate}), so that it spans what changes between sessions, not only within one.
 */
public final class InterleavedReferences {

    /** One measured shot of an interleaved fork. */
    record Shot(int round, int fork, int shot, int block, ReferenceArm arm, double seconds) {
    }

    /**
     * The rounds of one configuration on one server.
     *
     * @param entries its JMH entries, one per round
     * @param shots   every measured shot, entry by entry, fork by fork, in the order they ran
     * @param arms    per entry, per fork, per shot: the arm it ran
     */
    public record Group(String server, long rows, int chunkSize, int tasks, List<JsonNode> entries, List<Shot> shots,
            List<List<List<ReferenceArm>>> arms) {

        /** The shots one arm ran, as one configuration. */
        EntryShots of(ReferenceArm arm) {
            List<EntryShots.Selector> selectors = new ArrayList<>();
            for (List<List<ReferenceArm>> entry : arms) {
                selectors.add((fork, shot) -> entry.get(fork).get(shot) == arm);
            }
            return EntryShots.selected(entries, selectors);
        }

        /** Whether any fork ran this arm. */
        boolean ran(ReferenceArm arm) {
            return shots.stream().anyMatch(s -> s.arm() == arm);
        }

        /**
         * Pooled COPY's rows/s over the reference's, paired block by block: the mean log ratio, with
         * its interval over the rounds' (forks') means; empty where no fork ran the reference.
         */
        public Optional<PairedEstimate> ratio(ReferenceArm reference) {
            return ran(reference) ? Optional.of(PairedEstimate.of(byFork(reference))) : Optional.empty();
        }

        /** Each round's mean ratio (rows/s of pooled COPY over the reference), in round order. */
        List<Double> roundRatios(ReferenceArm reference) {
            return byFork(reference).stream().filter(values -> values.length > 0)
                    .map(values -> Math.exp(java.util.Arrays.stream(values).average().orElseThrow())).toList();
        }

        private List<double[]> byFork(ReferenceArm reference) {
            Map<String, Map<Integer, double[]>> blocks = new LinkedHashMap<>();
            for (Shot shot : shots) {
                if (shot.arm() == ReferenceArm.POOLED_COPY || shot.arm() == reference) {
                    double[] pair = blocks.computeIfAbsent(shot.round() + "/" + shot.fork(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(shot.block(), b -> new double[] {Double.NaN, Double.NaN});
                    pair[shot.arm() == ReferenceArm.POOLED_COPY ? 0 : 1] = shot.seconds();
                }
            }
            List<double[]> byFork = new ArrayList<>();
            for (Map<Integer, double[]> fork : blocks.values()) {
                byFork.add(fork.values().stream().filter(p -> p[0] > 0 && p[1] > 0)
                        .mapToDouble(p -> Math.log(p[1]) - Math.log(p[0])).toArray());
            }
            return byFork;
        }

        /** Pooled COPY's parameters as its own benchmark names them, with the server's label. */
        Map<String, String> pooledCopyParams() {
            Map<String, String> params = withServer();
            params.put(Parameter.CHUNK_SIZE.field(), String.valueOf(chunkSize));
            params.put(Parameter.TASKS.field(), String.valueOf(tasks));
            params.put(Parameter.FORMAT.field(), "COPY_BINARY");
            params.put(Parameter.TRANSPORT.field(), "TCP");
            return params;
        }

        Map<String, String> withServer() {
            Map<String, String> params = new LinkedHashMap<>();
            if (!server.isEmpty()) {
                params.put(Parameter.SERVER.field(), server);
            }
            return params;
        }
    }

    private InterleavedReferences() {
    }

    public static boolean isEntry(JsonNode entry) {
        return Catalogue.byName(entry.path("benchmark").asText())
                .filter(Catalogue.INTERLEAVED_REFERENCES::equals).isPresent();
    }

    /**
     * Every configuration's rounds, in the order first seen.
     *
     * @throws IllegalArgumentException when a fork's shots are not whole blocks of one shot per arm
     */
    public static List<Group> of(JsonNode results) {
        Map<String, List<JsonNode>> grouped = new LinkedHashMap<>();
        for (JsonNode entry : results) {
            if (isEntry(entry)) {
                JsonNode p = entry.path("params");
                String key = String.join("/", p.path(Parameter.SERVER.field()).asText(""), p.path("rows").asText(),
                        p.path(Parameter.CHUNK_SIZE.field()).asText(), p.path(Parameter.TASKS.field()).asText());
                grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (List<JsonNode> entries : grouped.values()) {
            JsonNode p = entries.get(0).path("params");
            List<Shot> shots = new ArrayList<>();
            List<List<List<ReferenceArm>>> arms = new ArrayList<>();
            for (JsonNode entry : entries) {
                arms.add(readForks(entry, shots));
            }
            groups.add(new Group(p.path(Parameter.SERVER.field()).asText(""), p.path("rows").asLong(),
                    p.path(Parameter.CHUNK_SIZE.field()).asInt(), p.path(Parameter.TASKS.field()).asInt(),
                    List.copyOf(entries), List.copyOf(shots), List.copyOf(arms)));
        }
        return groups;
    }

    /** Adds the entry's shots; returns the arm of every shot, fork by fork. */
    private static List<List<ReferenceArm>> readForks(JsonNode entry, List<Shot> shots) {
        int round = entry.path("params").path(Parameter.ROUND.field()).asInt();
        java.util.StringJoiner params = new java.util.StringJoiner(", ", " {", "}");
        entry.path("params").fields()
                .forEachRemaining(field -> params.add(field.getKey() + "=" + field.getValue().asText()));
        String where = entry.path("benchmark").asText().replace(Catalogue.PACKAGE, "") + params;
        JsonNode times = entry.path("primaryMetric").path("rawData");
        JsonNode armCounter = ResultSummary.metric(entry.path("secondaryMetrics"), Counter.REFERENCE_ARM)
                .orElseThrow(() -> new IllegalArgumentException(where + ": no " + Counter.REFERENCE_ARM.key()
                        + " counter"))
                .path("rawData");
        List<List<ReferenceArm>> forks = new ArrayList<>();
        for (int fork = 0; fork < times.size(); fork++) {
            List<ReferenceArm> armOf = new ArrayList<>();
            for (int shot = 0; shot < times.get(fork).size(); shot++) {
                armOf.add(ReferenceArm.of(ResultSummary.number(armCounter.path(fork).path(shot))));
            }
            Set<ReferenceArm> present = armOf.isEmpty() ? Set.of() : EnumSet.copyOf(armOf);
            int size = present.size();
            for (int shot = 0; shot < armOf.size(); shot++) {
                int block = shot / size;
                boolean wholeBlock = (block + 1) * size <= armOf.size()
                        && EnumSet.copyOf(armOf.subList(block * size, (block + 1) * size)).size() == size;
                if (!wholeBlock) {
                    throw new IllegalArgumentException(where + ": fork " + (fork + 1) + ", shot " + (shot + 1)
                            + " does not complete a block of one shot of each of " + present);
                }
                shots.add(new Shot(round, fork + 1, shot + 1, block + 1, armOf.get(shot),
                        ResultSummary.number(times.get(fork).get(shot))));
            }
            forks.add(List.copyOf(armOf));
        }
        return List.copyOf(forks);
    }

    /** summary.md's section: the paired ratios, each round's, and the arms' rows/s. */
    static Optional<String> markdown(List<Group> groups, List<SummaryRow> summary) {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("""
                ## Pooled COPY against psql and the parallel ceiling, interleaved

                Pooled COPY binary, psql \\copy and the parallel server-side COPY with as many sessions as tasks, run
                shot by shot in blocks (one shot of each, in a random order, on the same server and dataset), in rounds
                spread over the run. x psql, x ceiling = pooled COPY's rows/s over the reference's, the mean of the
                blocks' paired log ratios, with its 95 % interval over the rounds (Student's t, rounds - 1 degrees of
                freedom; with one round, over its blocks, which says nothing of other sessions). n = blocks (rounds). \
                The rounds' own ratios are listed in the order
                they ran; a trend in them is drift the pairing cancelled. The summary table's x psql and x par.
                ceiling for these configurations are these ratios. - = a reference the fork could not run here (psql
                not on PATH, or a server that cannot read the client's files; jmh.log names the reason).

                | server | chunk x tasks | pooled COPY rows/s | psql rows/s | ceiling rows/s | x psql [95 %] \
                | n | per round | x ceiling [95 %] | n | per round |
                |---|---|---:|---:|---:|---|---|---|---|---|---|
                """);
        for (Group group : groups) {
            text.append(String.format(Locale.ROOT, "| %s | %,d x %d | %s | %s | %s |%s%s%n",
                    group.server().isEmpty() ? "-" : group.server(), group.chunkSize(), group.tasks(),
                    rate(summary, group, ReferenceArm.POOLED_COPY), rate(summary, group, ReferenceArm.PSQL),
                    rate(summary, group, ReferenceArm.PARALLEL_CEILING), ratioCells(group, ReferenceArm.PSQL),
                    ratioCells(group, ReferenceArm.PARALLEL_CEILING)));
        }
        return Optional.of(text.toString());
    }

    private static String rate(List<SummaryRow> summary, Group group, ReferenceArm arm) {
        return summary.stream().filter(row -> row.interleaved() && row.benchmark().equals(arm.alone().id())
                        && row.server().equals(group.server()) && row.rows() == group.rows()
                        && (arm == ReferenceArm.PSQL
                                || String.valueOf(group.tasks()).equals(row.params().get(Parameter.TASKS.field())))
                        && (arm != ReferenceArm.POOLED_COPY
                                || String.valueOf(group.chunkSize())
                                        .equals(row.params().get(Parameter.CHUNK_SIZE.field()))))
                .findFirst().map(row -> SummaryTable.format("%,.0f", row.rowsPerSecond())).orElse("-");
    }

    private static String ratioCells(Group group, ReferenceArm reference) {
        Optional<PairedEstimate> paired = group.ratio(reference);
        if (paired.isEmpty()) {
            return " - | - | - |";
        }
        PairedEstimate ratio = paired.get();
        Interval ratios = ratio.asRatio();
        String interval = Double.isNaN(ratios.low()) ? ""
                : String.format(Locale.ROOT, " [%.2f, %.2f]", ratios.low(), ratios.high());
        String rounds = String.join(", ", group.roundRatios(reference).stream()
                .map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
        return String.format(Locale.ROOT, " %.2f%s | %d (%d) | %s |", ratios.estimate(), interval, ratio.pairs(),
                ratio.forks(), rounds);
    }

    /** One row of {@code interleaved.csv}: a configuration's ratio to one reference. */
    record CsvRow(Group group, ReferenceArm reference, PairedEstimate ratio) {

        Interval ratios() {
            return ratio.asRatio();
        }
    }

    static final List<Csv.Column<CsvRow>> CSV_COLUMNS = csvColumns();

    private static List<Csv.Column<CsvRow>> csvColumns() {
        List<Csv.Column<CsvRow>> columns = new ArrayList<>(List.of(
                new Csv.Column<>("server", Csv.Kind.TEXT, (CsvRow r) -> Csv.quote(r.group().server())),
                new Csv.Column<>("rows", Csv.Kind.NUMBER, (CsvRow r) -> String.valueOf(r.group().rows())),
                new Csv.Column<>("chunkSize", Csv.Kind.NUMBER, (CsvRow r) -> String.valueOf(r.group().chunkSize())),
                new Csv.Column<>("tasks", Csv.Kind.NUMBER, (CsvRow r) -> String.valueOf(r.group().tasks())),
                new Csv.Column<>("reference", Csv.Kind.TEXT, (CsvRow r) -> r.reference().id()),
                new Csv.Column<>("ratio", Csv.Kind.NUMBER, (CsvRow r) -> SummaryCsv.number(r.ratios().estimate())),
                new Csv.Column<>("ratio_low", Csv.Kind.NUMBER, (CsvRow r) -> SummaryCsv.number(r.ratios().low())),
                new Csv.Column<>("ratio_high", Csv.Kind.NUMBER, (CsvRow r) -> SummaryCsv.number(r.ratios().high())),
                new Csv.Column<>("n_pairs", Csv.Kind.NUMBER, (CsvRow r) -> String.valueOf(r.ratio().pairs())),
                new Csv.Column<>("n_rounds", Csv.Kind.NUMBER, (CsvRow r) -> String.valueOf(r.ratio().forks())),
                new Csv.Column<>("round_ratios", Csv.Kind.TEXT, (CsvRow r) -> Csv.quote(String.join(" ",
                        r.group().roundRatios(r.reference()).stream().map(SummaryCsv::number).toList())))));
        PairedEstimate.CSV_COLUMNS.forEach(column -> columns.add(
                column.from(r -> new PairedEstimate.InUnit(r.ratio(), 100))));
        return List.copyOf(columns);
    }

    /** {@code interleaved.csv}: one row per configuration and reference (results/README.md names the columns). */
    public static String csv(List<Group> groups) {
        List<CsvRow> rows = new ArrayList<>();
        for (Group group : groups) {
            for (ReferenceArm reference : List.of(ReferenceArm.PSQL, ReferenceArm.PARALLEL_CEILING)) {
                group.ratio(reference).ifPresent(ratio -> rows.add(new CsvRow(group, reference, ratio)));
            }
        }
        return Csv.table(CSV_COLUMNS, rows);
    }

    /** One row of {@code interleaved-shots.csv}: a shot of a configuration. */
    record ShotRow(Group group, Shot shot) {
    }

    static final List<Csv.Column<ShotRow>> SHOT_COLUMNS = List.of(
            new Csv.Column<>("server", Csv.Kind.TEXT, (ShotRow r) -> Csv.quote(r.group().server())),
            new Csv.Column<>("rows", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.group().rows())),
            new Csv.Column<>("chunkSize", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.group().chunkSize())),
            new Csv.Column<>("tasks", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.group().tasks())),
            new Csv.Column<>("round", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.shot().round())),
            new Csv.Column<>("fork", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.shot().fork())),
            new Csv.Column<>("shot", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.shot().shot())),
            new Csv.Column<>("block", Csv.Kind.NUMBER, (ShotRow r) -> String.valueOf(r.shot().block())),
            new Csv.Column<>("arm", Csv.Kind.TEXT, (ShotRow r) -> r.shot().arm().id()),
            new Csv.Column<>("seconds", Csv.Kind.NUMBER, (ShotRow r) -> SummaryCsv.number(r.shot().seconds())),
            new Csv.Column<>("rows_per_s", Csv.Kind.NUMBER,
                    (ShotRow r) -> SummaryCsv.number(r.group().rows() / r.shot().seconds())));

    /** {@code interleaved-shots.csv}: every measured shot, configuration by configuration, each's in the order run. */
    public static String shotsCsv(List<Group> groups) {
        List<ShotRow> rows = new ArrayList<>();
        for (Group group : groups) {
            group.shots().forEach(shot -> rows.add(new ShotRow(group, shot)));
        }
        return Csv.table(SHOT_COLUMNS, rows);
    }
}
