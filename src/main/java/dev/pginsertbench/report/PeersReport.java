package dev.pginsertbench.report;

import dev.pginsertbench.claims.Arm;
import dev.pginsertbench.claims.ClaimUnit;
import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The Python peers beside the original loader, Java and Python side by side ({@link OriginalClaim#PYTHON_PEERS}):
 * per language and arm, rows/s and MB/s with their 95 % intervals over the rounds (each a fresh JVM, server and
 * worker; the mean of each fork's shots, Student's t over the forks), the client's and the server's CPU per row,
 * and the arm's speed as a multiple of "after" from the paired comparison of the claims report (before's as the
 * inverse of after's against it). MB/s counts the rows' text as the dataset's average row has it.
 */
public record PeersReport(List<Row> rows) {

    /**
     * One arm in one language.
     *
     * @param timesAfter its speed over "after"'s, from the paired comparison; empty where it has none
     */
    public record Row(Language language, Arm arm, int forks, int shots, Interval rowsPerSecond,
            Interval megabytesPerSecond, Interval clientCpuNsPerRow, Interval serverCpuNsPerRow,
            Optional<Interval> timesAfter) {
    }

    /** The peers of a run's claims, empty where it measured none. */
    public static Optional<PeersReport> of(ClaimsReport claims, double averageRowBytes) {
        List<ClaimShotResult> shots = claims.shots().stream()
                .filter(s -> s.claim() == OriginalClaim.PYTHON_PEERS && !s.rtt().relayed()).toList();
        if (shots.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        for (Language language : Language.values()) {
            for (Arm arm : language.arms(OriginalClaim.PYTHON_PEERS)) {
                List<ClaimShotResult> mine = shots.stream()
                        .filter(s -> s.language() == language && s.arm().equals(arm.id())).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                Interval speed = overForks(mine, s -> s.rows() / s.seconds());
                rows.add(new Row(language, arm, forks(mine).size(), mine.size(), speed,
                        scaled(speed, averageRowBytes / 1e6), overForks(mine, s -> s.cpu().clientNsPerRow()),
                        overForks(mine, s -> s.cpu().serverNsPerRow()), timesAfter(claims, language, arm)));
            }
        }
        return Optional.of(new PeersReport(rows));
    }

    private static Map<String, List<ClaimShotResult>> forks(List<ClaimShotResult> shots) {
        Map<String, List<ClaimShotResult>> forks = new LinkedHashMap<>();
        shots.forEach(s -> forks.computeIfAbsent(s.forkKey(), k -> new ArrayList<>()).add(s));
        return forks;
    }

    /** Each fork's mean of the value over its shots; the mean of those with its t interval. */
    private static Interval overForks(List<ClaimShotResult> shots, ToDoubleFunction<ClaimShotResult> value) {
        return Interval.meanOf(forks(shots).values().stream()
                .mapToDouble(fork -> fork.stream().mapToDouble(value).filter(Double::isFinite).average()
                        .orElse(Double.NaN))
                .toArray());
    }

    private static Interval scaled(Interval value, double factor) {
        return new Interval(value.estimate() * factor, value.low() * factor, value.high() * factor);
    }

    /**
     * The arm's speed as a multiple of "after"'s: 1 for after itself; the comparison of the arm against after;
     * for an arm after is compared against (before), the inverse of that comparison.
     */
    private static Optional<Interval> timesAfter(ClaimsReport claims, Language language, Arm arm) {
        if (arm.id().equals(OriginalClaim.after().id())) {
            return Optional.of(Interval.exact(1));
        }
        for (ClaimResult result : claims.results()) {
            if (result.claim() != OriginalClaim.PYTHON_PEERS || result.language() != language
                    || result.rtt().relayed() || result.comparison().unit() != ClaimUnit.TIMES_FASTER) {
                continue;
            }
            Interval value = result.value();
            boolean afterIsOriginal = result.comparison().original().equals(OriginalClaim.after().id());
            if (afterIsOriginal && result.comparison().changed().equals(arm.id())) {
                return Optional.of(value);
            }
            if (!afterIsOriginal && result.comparison().changed().equals(OriginalClaim.after().id())
                    && result.comparison().original().equals(arm.id())) {
                return Optional.of(new Interval(1 / value.estimate(), 1 / value.high(), 1 / value.low()));
            }
        }
        return Optional.empty();
    }

    static final List<Csv.Column<Row>> CSV_COLUMNS = Stream.of(
            List.of(new Csv.Column<>("language", Csv.Kind.TEXT, (Row r) -> r.language().id()),
                    new Csv.Column<>("arm", Csv.Kind.TEXT, (Row r) -> r.arm().id()),
                    new Csv.Column<>("label", Csv.Kind.TEXT, (Row r) -> Csv.quote(r.arm().label())),
                    new Csv.Column<>("driver", Csv.Kind.TEXT, (Row r) -> r.language() == Language.JAVA ? "pgjdbc"
                            : r.arm().driver().name().toLowerCase(Locale.ROOT)),
                    new Csv.Column<>("forks", Csv.Kind.NUMBER, (Row r) -> String.valueOf(r.forks())),
                    new Csv.Column<>("shots", Csv.Kind.NUMBER, (Row r) -> String.valueOf(r.shots()))),
            Csv.<Row>interval("rows_per_s", r -> Optional.of(r.rowsPerSecond())),
            Csv.<Row>interval("mb_per_s", r -> Optional.of(r.megabytesPerSecond())),
            Csv.<Row>interval("client_cpu_ns_per_row", r -> Optional.of(r.clientCpuNsPerRow())),
            Csv.<Row>interval("server_cpu_ns_per_row", r -> Optional.of(r.serverCpuNsPerRow())),
            Csv.<Row>interval("times_after", Row::timesAfter)).flatMap(List::stream).toList();

    /** peers.csv: one row per language and arm. */
    public String csv() {
        return Csv.table(CSV_COLUMNS, rows);
    }

    /** The claims.md section: the side-by-side table. */
    public String markdown() {
        StringBuilder text = new StringBuilder(2048);
        text.append("## Python peers and Java, side by side\n\n")
                .append("Each arm of the Python peers' forks (peers.csv): rows/s and MB/s with their 95 % intervals ")
                .append("over the forks (rounds), the client's and the server's CPU per row (means over the forks, ")
                .append("with their intervals), and the speed as a multiple of \"after\" in the same language, ")
                .append("paired within blocks (claims.csv). The Python port's client CPU is its worker's and the ")
                .append("harness JVM's.\n\n")
                .append("| language | arm | forks | rows/s | MB/s | client CPU ns/row | server CPU ns/row ")
                .append("| x after |\n|---|---|---:|---|---|---|---|---|\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |%n",
                    row.language().label(), row.arm().label(), row.forks(), format(row.rowsPerSecond(), "%,.0f"),
                    format(row.megabytesPerSecond(), "%.1f"), format(row.clientCpuNsPerRow(), "%,.0f"),
                    format(row.serverCpuNsPerRow(), "%,.0f"),
                    row.timesAfter().map(i -> format(i, "%.2f")).orElse("-")));
        }
        return text.toString();
    }

    private static String format(Interval value, String pattern) {
        String estimate = String.format(Locale.ROOT, pattern, value.estimate());
        if (Double.isNaN(value.low())) {
            return estimate;
        }
        return estimate + " [" + String.format(Locale.ROOT, pattern, value.low()) + ", "
                + String.format(Locale.ROOT, pattern, value.high()) + "]";
    }
}
