package dev.pginsertbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pginsertbench.bench.Catalogue;
import dev.pginsertbench.bench.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * The latency relay's own cost, computed once from {@link Catalogue#RELAY_COST}'s A/A forks: the same
 * load directly and through a relay adding no delay, paired block by block, each with its 95 % interval
 * over the forks (rounds, each a fresh server and JVM; {@link PairedEstimate}). Written as
 * {@code relay-cost.csv} and a section of summary.md.
 *
 * @param time      log ratio of the relayed shot's time to the direct one's
 * @param clientCpu the loader's CPU per row through the relay minus directly, ns (its own JVM's only)
 * @param relayCpu  the relay process's CPU per row during the relayed shot minus during the direct one, ns
 * @param rows      rows per load
 */
public record RelayCost(PairedEstimate time, PairedEstimate clientCpu, PairedEstimate relayCpu, long rows) {

    public static boolean isEntry(JsonNode entry) {
        return Catalogue.byName(entry.path("benchmark").asText()).filter(e -> e == Catalogue.RELAY_COST).isPresent();
    }

    /** The A/A forks' estimates, empty where the run has none. */
    public static Optional<RelayCost> of(JsonNode results) {
        List<double[]> time = new ArrayList<>();
        List<double[]> clientCpu = new ArrayList<>();
        List<double[]> relayCpu = new ArrayList<>();
        long rows = 0;
        for (JsonNode entry : results) {
            if (!isEntry(entry)) {
                continue;
            }
            rows = entry.path("params").path("rows").asLong();
            JsonNode secondary = entry.path("secondaryMetrics");
            JsonNode times = entry.path("primaryMetric").path("rawData");
            for (int fork = 0; fork < times.size(); fork++) {
                Fork shots = new Fork(entry, secondary, times.get(fork), fork);
                time.add(shots.paired(shots.seconds(), (relayed, direct) -> Math.log(relayed) - Math.log(direct)));
                clientCpu.add(shots.paired(shots.counter(Counter.CLIENT_CPU_NS_PER_ROW), (a, b) -> a - b));
                relayCpu.add(shots.paired(shots.counter(Counter.RELAY_CPU_NS_PER_ROW), (a, b) -> a - b));
            }
        }
        return time.isEmpty() ? Optional.empty()
                : Optional.of(new RelayCost(PairedEstimate.of(time), PairedEstimate.of(clientCpu),
                        PairedEstimate.of(relayCpu), rows));
    }

    /** One fork's measured shots, in blocks of one direct and one relayed shot. */
    private record Fork(JsonNode entry, JsonNode secondary, JsonNode shots, int fork) {

        double[] seconds() {
            double[] values = new double[shots.size()];
            for (int shot = 0; shot < values.length; shot++) {
                values[shot] = ResultSummary.number(shots.get(shot));
            }
            return values;
        }

        double[] counter(Counter counter) {
            double[] values = new double[shots.size()];
            for (int shot = 0; shot < values.length; shot++) {
                values[shot] = value(counter, shot);
            }
            return values;
        }

        /** Per block, {@code pair(relayed, direct)}; a block that is not one shot of each is an error. */
        double[] paired(double[] values, DoubleBinaryOperator pair) {
            if (values.length % 2 != 0) {
                throw new IllegalArgumentException(where() + ": " + values.length
                        + " measured shots are not whole blocks of a direct and a relayed shot");
            }
            double[] paired = new double[values.length / 2];
            for (int block = 0; block < paired.length; block++) {
                int first = 2 * block;
                boolean firstRelayed = value(Counter.RELAYED, first) == 1;
                if (firstRelayed == (value(Counter.RELAYED, first + 1) == 1)) {
                    throw new IllegalArgumentException(where() + ": block " + (block + 1)
                            + " is not one direct and one relayed shot");
                }
                paired[block] = firstRelayed ? pair.applyAsDouble(values[first], values[first + 1])
                        : pair.applyAsDouble(values[first + 1], values[first]);
            }
            return paired;
        }

        private double value(Counter counter, int shot) {
            return ResultSummary.metric(secondary, counter).map(m -> m.path("rawData").path(fork).path(shot))
                    .filter(raw -> !raw.isMissingNode()).map(ResultSummary::number).orElse(Double.NaN);
        }

        private String where() {
            return entry.path("benchmark").asText() + " " + entry.path("params") + ", fork " + (fork + 1);
        }
    }

    /** The time the relay adds, in percent of the direct load's time. */
    public Interval percentMoreTime() {
        return new Interval(100 * Math.expm1(time.mean()), 100 * Math.expm1(time.low()),
                100 * Math.expm1(time.high()));
    }

    /** One row of relay-cost.csv: what was measured, in which unit, its estimate and interval. */
    record Row(String measure, String unit, double estimate, double low, double high, int pairs, int forks) {
    }

    List<Row> csvRows() {
        Interval percent = percentMoreTime();
        return List.of(
                new Row("time", "% more time", percent.estimate(), percent.low(), percent.high(), time.pairs(),
                        time.forks()),
                row("relay_cpu", relayCpu), row("client_cpu", clientCpu));
    }

    private static Row row(String measure, PairedEstimate estimate) {
        return new Row(measure, "ns per row", estimate.mean(), estimate.low(), estimate.high(), estimate.pairs(),
                estimate.forks());
    }

    static final List<Csv.Column<Row>> CSV_COLUMNS = List.of(
            new Csv.Column<>("measure", Csv.Kind.TEXT, Row::measure),
            new Csv.Column<>("unit", Csv.Kind.TEXT, (Row r) -> Csv.quote(r.unit())),
            new Csv.Column<>("estimate", Csv.Kind.NUMBER, (Row r) -> Csv.number(r.estimate())),
            new Csv.Column<>("ci_low", Csv.Kind.NUMBER, (Row r) -> Csv.number(r.low())),
            new Csv.Column<>("ci_high", Csv.Kind.NUMBER, (Row r) -> Csv.number(r.high())),
            new Csv.Column<>("n_pairs", Csv.Kind.NUMBER, (Row r) -> String.valueOf(r.pairs())),
            new Csv.Column<>("n_forks", Csv.Kind.NUMBER, (Row r) -> String.valueOf(r.forks())));

    /** {@code relay-cost.csv}: the time, the relay's CPU and the client's CPU it adds. */
    public String csv() {
        return Csv.table(CSV_COLUMNS, csvRows());
    }

    /** The A/A result as a section of summary.md. */
    public String markdown() {
        StringBuilder text = new StringBuilder(1024);
        text.append(String.format(Locale.ROOT, "## The latency relay's own cost (A/A)%n%nThe original loader after "
                + "its rewrite, %,d rows, directly and through a relay adding 0 ms, interleaved in blocks; 95 %% "
                + "intervals over the forks (each a fresh server and JVM).%n%n| what the relay adds | estimate "
                + "[95 %% interval] | n pairs (forks) |%n|---|---|---|%n", rows));
        for (Row row : csvRows()) {
            text.append(String.format(Locale.ROOT, "| %s | %.1f [%.1f, %.1f] %s | %d (%d) |%n", switch (row.measure()) {
                case "time" -> "time of the load";
                case "relay_cpu" -> "the relay process's CPU";
                default -> "the loader's own CPU";
            }, row.estimate(), row.low(), row.high(), row.unit(), row.pairs(), row.forks()));
        }
        return text.append('\n').toString();
    }
}
