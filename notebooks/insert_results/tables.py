"""The tables: each a frame for CSV and a booktabs LaTeX table, from
summary.csv, claims.csv and the manifests as written."""
from __future__ import annotations

import pandas as pd

from .fmt import fmt_int, fmt_interval, fmt_percent, fmt_ratio, fmt_sig
from . import table_shapes
from .claims import LANGUAGE_COLUMNS
from .latex import booktabs
from .load import (CLAIMS_FILE, CLAIMS_NETWORK_FILE, INTERLEAVED_FILE, PARAMS, PEERS_FILE, POOLED_CLAIMS_FILE,
                   POOLED_RUNS_FILE, RELAY_COST_FILE, ROW_COLUMNS, SCALE_FILE, SCALE_FITS_FILE, SUMMARY_FILE)
from .peers import CPU_NAMES, INTERVAL_COLUMNS, RATE_COLUMN, SPEED_COLUMN, TIMES_AFTER_COLUMN
from .strategies import best_per_strategy, plot_data

INTERVAL_NOTE = "95 % interval over the n measured shots; none where fewer than two"


def _with_run(frame: pd.DataFrame, source: pd.DataFrame, columns: dict) -> pd.DataFrame:
    """Display columns; a leading run column only when several runs are shown."""
    multi = source["run"].nunique() > 1
    return pd.DataFrame({**({"run": source["run"]} if multi else {}), **columns}).reset_index(drop=True)


def _rows_per_s_text(frame: pd.DataFrame) -> list:
    """rows_per_s with its 95 % interval, as the tables show it."""
    return [fmt_interval(r.rows_per_s, r.rows_per_s_low, r.rows_per_s_high) for r in frame.itertuples()]


def best_configuration(df: pd.DataFrame, manifests: dict) -> pd.DataFrame:
    """Per strategy its fastest complete configuration at the run's dataset size:
    the summary.csv row as written, with strategy and configuration text."""
    best = best_per_strategy(plot_data(df, manifests))
    return best[["run", "strategy", "configuration"] + [c for c in ROW_COLUMNS if c not in PARAMS]]


def best_configuration_display(best: pd.DataFrame) -> pd.DataFrame:
    return _with_run(best, best, {
        "strategy": best["strategy"],
        "best configuration": best["configuration"],
        "rows/s [95 % CI]": _rows_per_s_text(best),
        "MB/s": [fmt_sig(v) for v in best["mb_per_s"]],
        "x sync": [fmt_ratio(v) for v in best["x_sync"]],
        "% of server COPY": [fmt_percent(v) for v in best["x_server_copy"]],
        "alloc. B/row": [fmt_sig(v) for v in best["alloc_bytes_per_row"]],
        "WAL B/row": [fmt_sig(v) for v in best["wal_bytes_per_row"]],
    })


def best_configuration_latex(display: pd.DataFrame, rows_text: str) -> str:
    widths = {"run": 0.08, "strategy": 0.17, "best configuration": 0.15, "rows/s [95 % CI]": ("r", 0.15),
              "% of server COPY": ("r", 0.08)}
    return booktabs(display, f"Each strategy at its fastest configuration ({rows_text}). Throughput with its "
                             f"{INTERVAL_NOTE}; x sync: over the fastest sync-baseline configuration; percent "
                             f"of the single-session server-side COPY ceiling; JVM allocation per row (-prof gc); "
                             f"WAL per row. All from {SUMMARY_FILE}.",
                    "tab:best-configuration", [widths.get(c, ("r", 0.065)) for c in display.columns])


def table_shape_cost(df: pd.DataFrame, manifests: dict) -> pd.DataFrame:
    """The table-shape study's configurations (table_shapes.shape_points): the
    summary.csv rows as written, with strategy and configuration text."""
    points = table_shapes.shape_points(df, manifests)
    return points[["run", "strategy", "configuration"] + ROW_COLUMNS]


def table_shape_cost_display(points: pd.DataFrame) -> pd.DataFrame:
    return _with_run(points, points, {
        "protocol": points["protocol"],
        "table shape": [table_shapes.SHAPE_NAMES.get(s, s) for s in points[table_shapes.SHAPE]],
        "n": [fmt_int(v) for v in points["n"]],
        "rows/s [95 % CI]": _rows_per_s_text(points),
        "MB/s": [fmt_sig(v) for v in points["mb_per_s"]],
        "WAL B/row": [fmt_sig(v) for v in points["wal_bytes_per_row"]],
        "client CPU ns/row": [fmt_sig(v) for v in points["client_cpu_ns_per_row"]],
        "server CPU ns/row": [fmt_sig(v) for v in points["server_cpu_ns_per_row"]],
    })


def table_shape_cost_latex(display: pd.DataFrame, rows_text: str, base: str) -> str:
    widths = {"run": 0.08, "protocol": 0.15, "table shape": 0.2, "n": ("r", 0.04), "rows/s [95 % CI]": ("r", 0.2)}
    return booktabs(display, f"Each table shape per protocol ({rows_text}; factor study, other factors at {base}). "
                             f"Throughput with its {INTERVAL_NOTE}; WAL, client and server CPU per row. All from "
                             f"{SUMMARY_FILE}.", "tab:table-shape-cost",
                    [widths.get(c, ("r", 0.075)) for c in display.columns])


def all_configurations_display(df: pd.DataFrame) -> pd.DataFrame:
    """Every configuration, the columns a reader compares, formatted; the server
    each ran on where the runs measured more than one."""
    servers = {"server": df["server"]} if df["server"].nunique() > 1 else {}
    return _with_run(df, df, {
        "strategy": df["strategy"],
        "configuration": df["configuration"],
        **servers,
        "rows": [fmt_int(v) for v in df["rows"]],
        "n": [fmt_int(v) for v in df["n"]],
        "rows/s [95 % CI]": _rows_per_s_text(df),
        "MB/s": [fmt_sig(v) for v in df["mb_per_s"]],
        "x sync": [fmt_ratio(v) for v in df["x_sync"]],
        "% server COPY": [fmt_percent(v) for v in df["x_server_copy"]],
        "client CPU ns/row": [fmt_sig(v) for v in df["client_cpu_ns_per_row"]],
        "server CPU ns/row": [fmt_sig(v) for v in df["server_cpu_ns_per_row"]],
        "alloc. B/row": [fmt_sig(v) for v in df["alloc_bytes_per_row"]],
        "WAL B/row": [fmt_sig(v) for v in df["wal_bytes_per_row"]],
        "heap MB": [fmt_sig(v) for v in df["heap_peak_growth_mb"]],
        "mean chunk ms": [fmt_sig(v) for v in df["mean_chunk_ms"]],
    })


def all_configurations_latex(display: pd.DataFrame) -> str:
    # Fractions of a landscape page's line (the appendix sets it landscape), with 3 pt column gaps.
    widths = {"run": 0.07, "strategy": 0.11, "configuration": 0.15, "server": 0.08, "rows/s [95 % CI]": ("r", 0.12)}
    return booktabs(display, f"Every configuration of the run, from {SUMMARY_FILE} (throughput with its "
                             f"{INTERVAL_NOTE}).", "tab:all-configurations",
                    [widths.get(c, ("r", 0.04)) for c in display.columns], long=True, gap_pt=3, size="scriptsize")


# The appendix's text width (A4, 2 cm margins) in points, and a float table's column gap (latex.booktabs).
LINE_PT = 483.7
# The claims table's column gap (\tabcolsep): narrower than other tables', and its font (footnotesize)
# smaller, so that two languages fit.
CLAIMS_GAP_PT = 3.0


def _fitting(widths: list, gap_pt: float) -> list:
    """Column widths (fractions of the line, or (side, fraction) as latex.column_spec takes them)
    scaled down, where they must be, so that the columns and their gaps (gap_pt each side) fit the line."""
    fractions = [w[1] if isinstance(w, tuple) else w for w in widths]
    budget = 1 - 2 * gap_pt * len(widths) / LINE_PT
    scale = min(1.0, budget / sum(fractions))
    scaled = [int(f * scale * 100) / 100 for f in fractions]  # latex.column_spec writes two decimals
    return [(w[0], f) if isinstance(w, tuple) else f for w, f in zip(widths, scaled)]


def claims_latex(display: pd.DataFrame, level: str = "") -> str:
    """The claims table with a header over each language's columns ("Java", "Python"); level: the
    round-trip time it shows where the run measured several (ClaimStudy.level)."""
    # "<Language> <column>", such as "Python n", under a header "Python"; the others (run, claim, row, claimed) first.
    shared = [c for c in display.columns if " " not in c or c.split(" ", 1)[1] not in LANGUAGE_COLUMNS]
    groups = list(dict.fromkeys(c.split(" ", 1)[0] for c in display.columns if c not in shared))
    widths = {"run": 0.07, "claim": 0.1, "row": 0.11, "claimed": 0.1,
              "estimate [95 % CI]": 0.12, "n": 0.05, "verdict": 0.11}
    header = [("", c) for c in shared] + [tuple(c.split(" ", 1)) for c in display.columns if c not in shared]
    grouped = display[shared + [c for c in display.columns if c not in shared]].copy()
    grouped.columns = pd.MultiIndex.from_tuples(header)
    caption = ("The claims against the measurements of the claims study, as measured in "
               + " and ".join(f"the {g} port" for g in groups)
               + " of the original loader" + (f", {level}" if level else "")
               + ". Estimates, 95 % intervals and verdicts as computed by the "
               f"benchmark suite ({CLAIMS_FILE})"
               + ("; - where a port has no such comparison" if len(groups) > 1 else "")
               + ". * the primary row, "
               "which decides the claim. n: forks / paired comparisons. \u2020 the interval is wider than "
               "the study's target precision (the suite's precision_met).")
    tex = booktabs(grouped, caption, "tab:claims", _fitting([widths.get(c, 0.1) for _, c in header], CLAIMS_GAP_PT),
                   multicol_align="c", gap_pt=CLAIMS_GAP_PT, size="footnotesize")
    # A rule under each language's header, as booktabs sets a column group.
    first = len(shared) + 1
    rules = "".join(rf"\cmidrule(lr){{{first + i * len(LANGUAGE_COLUMNS)}-"
                    rf"{first + (i + 1) * len(LANGUAGE_COLUMNS) - 1}}}" for i in range(len(groups)))
    lines = tex.split("\n")
    at = next(i for i, l in enumerate(lines) if l.startswith(r"\toprule")) + 1
    lines.insert(at + 1, rules)
    return "\n".join(lines)


# The interleaved table's column gap and font: as the claims table's, so that nine columns fit.
INTERLEAVED_GAP_PT = CLAIMS_GAP_PT


def interleaved_latex(display: pd.DataFrame, rows_text: str) -> str:
    widths = {"run": 0.08, "server": 0.09, "chunk x tasks": 0.08, "n pairs (rounds)": ("r", 0.08),
              "ratio per round": 0.16}
    columns = [widths.get(c, ("r", 0.12 if "[95 %]" in c else 0.07)) for c in display.columns]
    return booktabs(display, f"Pooled COPY against psql \\copy and the parallel server-side COPY ceiling with as "
                             f"many sessions as tasks, measured interleaved ({rows_text}): in each fork, blocks of "
                             f"one shot of every arm in random order, forks (rounds) spread over the run. Each arm's "
                             f"rows/s over all rounds ({SUMMARY_FILE}'s interleaved rows); pooled COPY's rows/s "
                             f"over the reference's, paired by block, with its 95 % interval over rounds, the "
                             f"number of pairs (blocks) and rounds, and each round's ratio in the order run "
                             f"({INTERLEAVED_FILE}).", "tab:interleaved-references",
                    _fitting(columns, INTERLEAVED_GAP_PT), gap_pt=INTERLEAVED_GAP_PT, size="footnotesize")


# The pooled table's column gap (as the claims table's) and font (one size smaller): its eleven columns,
# words such as "inconclusive" whole, fit the line. A longtable: with four runs and every comparison it
# is taller than a page, and a float would run off the page's foot.
POOLED_GAP_PT = CLAIMS_GAP_PT
POOLED_SIZE = "scriptsize"


def pooled_claims_latex(display: pd.DataFrame) -> str:
    widths = {"pool": 0.07, "claim": 0.085, "language": 0.075, "comparison": 0.1, "claimed": 0.07,
              "runs": ("r", 0.045), "pooled [95 % CI]": 0.105, "prediction (95 %)": 0.085, "I\u00b2": ("r", 0.045),
              "tau": 0.055, "runs: estimate (verdict)": 0.1, "verdict": 0.1}
    return booktabs(display, "The claims pooled over runs: per comparison and port of the loader, the pooled estimate "
                             "with its 95 % interval, the prediction interval (where another run is expected to "
                             "land; three runs at least), the heterogeneity between the runs (I\u00b2, and tau in the "
                             "precision unit), each run's own estimate and verdict and the pooled verdict, as "
                             f"computed by the benchmark suite ({POOLED_CLAIMS_FILE}, {POOLED_RUNS_FILE}; its "
                             "random-effects model is described in pooled-claims.md). * the primary row, which "
                             "decides the claim. \u2020 the pooled interval is wider than the study's target precision.",
                    "tab:pooled-claims", _fitting([widths.get(c, 0.08) for c in display.columns], POOLED_GAP_PT),
                    long=True, gap_pt=POOLED_GAP_PT, size=POOLED_SIZE)


def grouped_rows(display: pd.DataFrame, columns: list) -> pd.DataFrame:
    """display with each of the leading columns left empty where it and those before it repeat the row above:
    a table grouped by them, each group named once."""
    shown = display.copy()
    for i, column in enumerate(columns):
        prefix = display[columns[:i + 1]].astype(str).agg("\x1f".join, axis=1)
        shown.loc[prefix.eq(prefix.shift()).to_numpy(), column] = ""
    return shown


def claims_rtt_latex(display: pd.DataFrame) -> str:
    """The primary comparisons per round-trip time, each comparison and port named once; a longtable: every
    comparison, port and time is a row."""
    widths = {"run": 0.08, "claim": 0.1, "comparison": 0.26, "language": 0.08, "rtt": 0.08,
              "estimate [95 % CI]": ("r", 0.2), "n forks": ("r", 0.05), "verdict": 0.13}
    display = grouped_rows(display, [c for c in ("run", "claim", "comparison", "language") if c in display])
    return booktabs(display, "The primary comparisons of the claims at each round-trip time the latency relay "
                             "added (loopback: no relay), per port of the original loader: estimates, 95 % "
                             f"intervals, forks and verdicts as computed by the benchmark suite ({CLAIMS_FILE}). "
                             "\u2020 the interval is wider than the study's target precision.", "tab:claims-rtt",
                    _fitting([widths.get(c, 0.1) for c in display.columns], CLAIMS_GAP_PT), long=True,
                    gap_pt=CLAIMS_GAP_PT, size="footnotesize")


def claims_network_latex(display: pd.DataFrame) -> str:
    """Each arm's chunk time split into waiting for its round trips and the rest, at the relayed round-trip times."""
    # An arm's id has no place to break ("new_connection_per_chunk"): its column holds the longest whole.
    widths = {"run": 0.08, "claim": 0.12, "language": 0.08, "rtt": 0.07, "arm": 0.24}
    display = grouped_rows(display, [c for c in ("run", "claim", "language", "rtt") if c in display])
    return booktabs(display, "What a chunk of each claim's arms waited for on the network, at each round-trip time "
                             "the latency relay added: the round trips a chunk waited for (counted by the relay), "
                             "the chunks' mean time, its network wait (round trips times the round-trip time) and "
                             f"the rest (encoding, sending, the server's work, waiting for a connection); means over "
                             f"the arm's measured shots, as computed by the benchmark suite ({CLAIMS_NETWORK_FILE}).",
                    "tab:claims-network", _fitting([widths.get(c, ("r", 0.095)) for c in display.columns],
                                                   CLAIMS_GAP_PT), long=True, gap_pt=CLAIMS_GAP_PT,
                    size="footnotesize")


def relay_cost_latex(display: pd.DataFrame) -> str:
    widths = {"run": 0.1, "what the relay adds": 0.3, "unit": 0.15, "estimate [95 % CI]": ("r", 0.25),
              "n pairs (forks)": ("r", 0.13)}
    return booktabs(display, "The latency relay's own cost, A/A: the same load directly and through a relay adding "
                             "0 ms, interleaved in blocks; the relayed shots minus (time: over) the direct ones, "
                             "paired within blocks, with the 95 % interval over the forks, as computed by the "
                             f"benchmark suite ({RELAY_COST_FILE}). How closely the relay kept each round-trip time "
                             "(the round trip it added to SELECT 1 in every fork) is listed in the run's claims.md.",
                    "tab:relay-cost", [widths.get(c, 0.1) for c in display.columns])


def scale_latex(display: pd.DataFrame) -> str:
    """The scale study per strategy, language and size, each strategy and language named once; a longtable:
    the scale profile has some fifty rows."""
    # Each header's longest word whole: "language", "(shots)", "generator" at footnotesize.
    # "10,000,000" whole in its column
    widths = {"run": 0.08, "strategy": 0.15, "language": 0.08, "rows": ("r", 0.09), "forks (shots)": ("r", 0.07),
              "\u00b5s per row [95\u00a0%\u00a0CI]": ("r", 0.14), "client CPU ns/row": ("r", 0.07),
              "server CPU ns/row": ("r", 0.07), "WAL B/row": ("r", 0.06), "generator ns/row": ("r", 0.085)}
    display = grouped_rows(display, [c for c in ("run", "strategy", "language") if c in display])
    return booktabs(display, "The scale study: per strategy, port of the loader and rows per load, the forks "
                             "(rounds) and measured shots, the time per row (the load's time over its rows, "
                             "generating streamed rows included) with its 95 % interval over the rounds (\u2020 over "
                             "one fork's shots, where the size ran once: it says nothing about another day), the "
                             "means of the client's and the server's CPU and the WAL per row, the memory held at "
                             "the load's fullest moment (MB: millions of bytes; Java: the retained heap, Python: the worker's "
                             "models plus its peak RSS growth) and the CPU generating a row (Java), as "
                             f"computed by the benchmark suite ({SCALE_FILE}).", "tab:scale",
                    _fitting([widths.get(c, ("r", 0.055)) for c in display.columns], CLAIMS_GAP_PT), long=True,
                    gap_pt=CLAIMS_GAP_PT, size="footnotesize")


def scale_fits_latex(display: pd.DataFrame) -> str:
    stops = "stops fitting at, M rows" in display
    # a and d's intervals with a minus sign are the widest, whole on their line under the estimate
    coefficients = ({"a": 0.17, "b": 0.125, "c": 0.135, "d": 0.15} if stops
                    else dict.fromkeys(("a", "b", "c", "d"), 0.16))
    widths = {"run": 0.08, "strategy": 0.125 if stops else 0.17, "language": 0.085, "forks": ("r", 0.05),
              "stops fitting at, M rows": ("r", 0.095),
              **{c: ("r", coefficients[c[0]]) for c in display.columns if c[:2] in ("a:", "b:", "c:", "d:")}}
    return booktabs(display, "The scale study's straight lines per strategy and port of the loader: the time a "
                             "load takes, time = a + b x rows, and the memory it holds, memory = c + d x rows "
                             "(MB: millions of bytes), least squares through every fork weighted by 1 / rows\u00b2, with 95 % "
                             "intervals (t, forks - 2 degrees of freedom; - below three forks or two sizes)"
                             + (", and the rows per load at which the fitted memory fills what the loads had (Java: "
                                "the fork's heap; Python: the machine's memory beside it)" if stops else "")
                             + f", as computed by the benchmark suite ({SCALE_FITS_FILE}).", "tab:scale-fits",
                    _fitting([widths[c] for c in display.columns], CLAIMS_GAP_PT),
                    gap_pt=CLAIMS_GAP_PT, size="footnotesize")


def peers_latex(display: pd.DataFrame) -> str:
    """The Python peers beside the original loader, Java's arms then Python's, each language named once."""
    # Every interval whole on a line of its own under its estimate, whatever the numbers' widths: the rows read
    # alike, and no break falls after an interval's comma.
    display = display.copy()
    for column in INTERVAL_COLUMNS:
        display[column] = (display[column].str.replace(" [", "\u2028[", n=1, regex=False)
                           .str.replace(", ", ",\u00a0", regex=False))
    display = grouped_rows(display, [c for c in ("run", "language") if c in display])
    # "language" whole at footnotesize
    widths = {"run": 0.08, "language": 0.08, "arm": 0.21, "forks": ("r", 0.04), SPEED_COLUMN: ("r", 0.16),
              RATE_COLUMN: ("r", 0.12), **dict.fromkeys(CPU_NAMES.values(), ("r", 0.075)),
              TIMES_AFTER_COLUMN: ("r", 0.14)}
    return booktabs(display, "The Python peers beside the original loader: per port and arm the forks (rounds), "
                             "rows/s and MB/s (the rows' text) with their 95 % intervals over the forks, the "
                             "client's (Python: the worker's and the harness JVM's) and the server's CPU per row "
                             "(means over the forks) and the arm's speed as a multiple of after's in the same "
                             "port with its 95 % interval, paired within blocks (- where the arm has none), as "
                             f"computed by the benchmark suite ({PEERS_FILE}).", "tab:python-peers",
                    _fitting([widths.get(c, ("r", 0.08)) for c in display.columns], CLAIMS_GAP_PT),
                    gap_pt=CLAIMS_GAP_PT, size="footnotesize")


def environment_latex(env: pd.DataFrame) -> str:
    values = len(env.columns) - 1
    return booktabs(env, "Measurement environment, from the run manifest.", "tab:environment",
                    [0.3] + [round(0.64 / values, 2)] * values)
