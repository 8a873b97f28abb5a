package dev.pginsertbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * summary.md's "Servers" section, for a run over several servers (PostgreSQL majors or builds,
 * server profiles): every configuration measured
 * on more than one server, its rows/s on each with the 95 % interval, the ratio to the first
 * server's rows/s (log-ratio interval, as the summary's other ratios) and the server's own counters
 * per row. Then, for each ratio whose interval excludes 1, which counter moved with it: WAL per row
 * and server CPU per row are what the server itself did differently; where neither moved by
 * {@link #COUNTER_CHANGE} or more, the counters do not explain the difference, and it says so.
 */
final class ServerComparison {

    /** A relative change of a per-row counter that the text names (smaller ones are noise between runs here). */
    static final double COUNTER_CHANGE = 0.10;


    private ServerComparison() {
    }

    /** The servers of a run in the order their rows appear (the order they ran). */
    static List<String> servers(List<SummaryRow> summary) {
        Set<String> servers = new LinkedHashSet<>();
        summary.forEach(row -> servers.add(row.server()));
        return List.copyOf(servers);
    }

    static Optional<String> of(List<SummaryRow> summary) {
        List<String> servers = servers(summary);
        if (servers.size() < 2) {
            return Optional.empty();
        }
        Map<String, List<SummaryRow>> byConfiguration = new LinkedHashMap<>();
        for (SummaryRow row : summary) {
            byConfiguration.computeIfAbsent(row.configuration(), key -> new ArrayList<>()).add(row);
        }
        StringBuilder table = new StringBuilder();
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, List<SummaryRow>> group : byConfiguration.entrySet()) {
            List<SummaryRow> rows = group.getValue().stream()
                    .sorted(java.util.Comparator.comparingInt(r -> servers.indexOf(r.server())))
                    .toList();
            if (rows.size() < 2) {
                continue;
            }
            SummaryRow first = rows.get(0);
            for (SummaryRow row : rows) {
                Interval ratio = row == first ? Interval.exact(1) : row.times().speedupOver(first.times());
                table.append("| ").append(group.getKey())
                        .append(" | ").append(row.server())
                        .append(" | ").append(row.times().n())
                        .append(" | ").append(SummaryTable.format("%,.0f", row.rowsPerSecond()))
                        .append(" | ").append(SummaryTable.interval("%,.0f", row.throughput()))
                        .append(" | ").append(SummaryTable.format("%.2f", ratio.estimate()))
                        .append(" (").append(SummaryTable.interval("%.2f", ratio)).append(')')
                        .append(" | ").append(SummaryTable.format("%,.0f", row.walBytesPerRow()))
                        .append(" | ").append(SummaryTable.format("%,.0f", row.cpu().serverNsPerRow()))
                        .append(" |\n");
                if (row != first && (ratio.low() > 1 || ratio.high() < 1)) {
                    changes.add(change(group.getKey(), first, row, ratio));
                }
            }
        }
        if (table.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                ## Servers

                The same configurations on %d servers (%s; the manifest's `servers` lists each one's version and \
                settings), each compared with its rows/s on the first, %s: x first = rows/s over the first server's, \
                with its 95 %% interval (log ratio of the mean times, Welch's degrees of freedom). WAL and server CPU \
                per row are the server's own counters. The servers ran one after another, not interleaved: drift \
                between them is in these ratios.

                | configuration | server | n | rows/s | 95 %% interval | x first (95 %% interval) | \
                WAL B/row | server CPU ns/row |
                |---|---|---:|---:|---:|---:|---:|---:|
                """, servers.size(), String.join(", ", servers), servers.get(0)));
        text.append(table);
        text.append('\n');
        if (changes.isEmpty()) {
            text.append("No configuration's rows/s differs from the first server's beyond its 95 % interval.\n");
        } else {
            text.append("Where rows/s differs beyond the 95 % interval, and what the server's counters say:\n\n");
            changes.forEach(line -> text.append("- ").append(line).append('\n'));
        }
        return Optional.of(text.toString());
    }

    private static String change(String configuration, SummaryRow first, SummaryRow row, Interval ratio) {
        List<String> moved = new ArrayList<>();
        counterChange("WAL per row", first.walBytesPerRow(), row.walBytesPerRow(), "B").ifPresent(moved::add);
        counterChange("server CPU per row", first.cpu().serverNsPerRow(), row.cpu().serverNsPerRow(), "ns")
                .ifPresent(moved::add);
        String counters = moved.isEmpty()
                ? String.format(Locale.ROOT, "neither WAL per row nor server CPU per row moved by %.0f %% or more, so "
                        + "the server's counters do not explain it", COUNTER_CHANGE * 100)
                : String.join(" and ", moved);
        return String.format(Locale.ROOT, "%s: %s is %s the speed of %s (%s); %s.", configuration, row.server(),
                SummaryTable.format("%.2fx", ratio.estimate()), first.server(),
                SummaryTable.interval("%.2f", ratio), counters);
    }

    private static Optional<String> counterChange(String name, double before, double after, String unit) {
        if (!Double.isFinite(before) || !Double.isFinite(after) || before <= 0) {
            return Optional.empty();
        }
        double change = after / before - 1;
        if (Math.abs(change) < COUNTER_CHANGE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s %s by %.0f %% (%,.0f to %,.0f %s)", name,
                change > 0 ? "rose" : "fell", Math.abs(change) * 100, before, after, unit));
    }
}
