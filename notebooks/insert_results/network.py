"""The claims over round-trip times: claims.csv's rows per rtt where the claims forks connected
through a latency relay (the network profile), claims-network.csv (each arm's chunk time split into
waiting for its round trips and the rest) and relay-cost.csv (the relay's own cost, A/A), their
tables and the figure of the primary comparisons against the round-trip time.

Every number is the suite's: the estimates, intervals and verdicts per round-trip time, the round
trips per chunk and the split of the chunk's time, the relay's cost. Here they are read, put into
words and drawn.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from . import schema
from .claim_figures import CLAIM_BAND, VERDICT_COLORS, language_marker, marker_name
from .claims import (LOOPBACK, RTT, RTT_MS, ClaimStudy, claim_name, claim_row_name, comparison_keys, estimate_text,
                     language_name, languages, over_rtt, rtt_label, rtt_levels, verdict_text)
from .fmt import fmt_int, fmt_interval, fmt_sig
from .load import CLAIMS_NETWORK_FILE, RELAY_COST_FILE, read_contract_csv, with_run
from .plotting import FIG_WIDTH, Plot, finish, new_axes, new_figure, placeholder, styled
from .pooled import AxisScale, axis_limits, claimed_range, interval_line, interval_reach, value_axis

NETWORK_COLUMNS = schema.columns(CLAIMS_NETWORK_FILE)
NETWORK_NUMBERS = schema.of_kind(CLAIMS_NETWORK_FILE, "number")
# The chunk's time split, as the network table shows it.
SPLIT = schema.require(CLAIMS_NETWORK_FILE, ["round_trips_per_chunk", "mean_chunk_ms", "network_wait_ms", "rest_ms"])
RELAY_COST_COLUMNS = schema.columns(RELAY_COST_FILE)
RELAY_COST_NUMBERS = schema.of_kind(RELAY_COST_FILE, "number")
schema.require(RELAY_COST_FILE, ["measure", "unit", "estimate", "ci_low", "ci_high", "n_pairs", "n_forks"])
# relay-cost.csv's measures in words (results/README.md); another as its id reads.
MEASURE_NAMES = {"time": "the load's wall time", "relay_cpu": "the relay process's CPU",
                 "client_cpu": "the loader's own CPU"}
RELAY_MODEL = schema.relay_model()

NEEDS_RTT = ("no claims.csv rows measured through a latency relay in this run: run-bench.sh profile network "
             "measures the claims at several round-trip times")
NEEDS_NETWORK = f"no {CLAIMS_NETWORK_FILE} in this run: the network profile writes it"
NEEDS_RELAY_COST = (f"no {RELAY_COST_FILE} in this run: the network profile writes it "
                    f"({schema.benchmark_class('RELAY_COST')})")


@dataclass
class NetworkStudy:
    """claims-network.csv and relay-cost.csv of every run that has them, each with a leading
    run column; None where no run has that file."""
    arms: pd.DataFrame | None
    relay_cost: pd.DataFrame | None


def read_claims_network(path) -> pd.DataFrame:
    return read_contract_csv(path, NETWORK_COLUMNS, NETWORK_NUMBERS)


def read_relay_cost(path) -> pd.DataFrame:
    return read_contract_csv(path, RELAY_COST_COLUMNS, RELAY_COST_NUMBERS)


def _each_run(folders: dict, file: str, reader) -> pd.DataFrame | None:
    found = [with_run(reader(Path(folder) / file), run) for run, folder in folders.items()
             if (Path(folder) / file).is_file()]
    return pd.concat(found, ignore_index=True) if found else None


def load_network(folders: dict) -> NetworkStudy | None:
    """The network files of the runs (run id -> folder); None where no run has either."""
    study = NetworkStudy(_each_run(folders, CLAIMS_NETWORK_FILE, read_claims_network),
                         _each_run(folders, RELAY_COST_FILE, read_relay_cost))
    return None if study.arms is None and study.relay_cost is None else study


def relayed_runs(study: ClaimStudy | None, network: NetworkStudy | None) -> set:
    """The runs that measured through a latency relay: claims at a relayed round-trip time, or the relay's cost."""
    runs = set()
    if study is not None:
        runs |= {run for run, g in study.claims.groupby("run", sort=False) if over_rtt(g)}
    if network is not None and network.relay_cost is not None:
        runs |= set(network.relay_cost["run"])
    return runs


def _level_text(r) -> str:
    return rtt_label(getattr(r, RTT), getattr(r, RTT_MS))


# ---- tables

def _ordered(frame: pd.DataFrame, keys: list) -> pd.DataFrame:
    """frame's rows grouped by keys in the order first written, then by round-trip time (rtt_levels)."""
    levels = {run: {level: i for i, level in enumerate(rtt_levels(g))} for run, g in frame.groupby("run", sort=False)}
    first = {k: i for i, k in reversed(list(enumerate(zip(*(frame[c] for c in keys)))))}
    order = sorted(range(len(frame)), key=lambda i: (first[tuple(frame[c].iloc[i] for c in keys)],
                                                      levels[frame["run"].iloc[i]][frame[RTT].iloc[i]]))
    return frame.iloc[order]


def claims_rtt(claims: pd.DataFrame) -> pd.DataFrame:
    """claims.csv's primary rows, every comparison's languages and round-trip times together: per comparison
    (in the order written), per language (Java, Python), the round-trip times from loopback up."""
    primary = claims[claims["primary"]]
    keys = comparison_keys(primary)
    rank = {l: i for i, l in enumerate(languages(primary))}
    parts = [_ordered(primary[(primary["run"] == k.run) & (primary["claim"] == k.claim) & (primary["row"] == k.row)]
                      .sort_values("language", key=lambda s: s.map(rank), kind="stable"), ["language"])
             for k in keys.itertuples(index=False)]
    return pd.concat(parts).reset_index(drop=True) if parts else primary


def claims_rtt_display(claims: pd.DataFrame) -> pd.DataFrame:
    """The primary comparisons per round-trip time as a table to read: estimates, intervals, forks and
    verdicts as claims.csv has them (a dagger where the target precision was not reached)."""
    rows = claims_rtt(claims)
    multi = claims["run"].nunique() > 1
    return pd.DataFrame([{
        **({"run": r.run} if multi else {}),
        "claim": claim_name(r.claim),
        "comparison": r.comparison,
        "language": language_name(r.language),
        "rtt": _level_text(r),
        "estimate [95 % CI]": estimate_text(r),
        "n forks": fmt_int(r.n_forks),
        "verdict": verdict_text(r),
    } for r in rows.itertuples()], columns=(["run"] if multi else []) + [
        "claim", "comparison", "language", "rtt", "estimate [95 % CI]", "n forks", "verdict"])


def network_split(arms: pd.DataFrame) -> pd.DataFrame:
    """claims-network.csv's rows at the relayed round-trip times (loopback has no relay to count round trips),
    as written, per claim and language (in the order written), round-trip times from the lowest up."""
    relayed = arms[arms[RTT] != LOOPBACK]
    return _ordered(relayed, ["claim", "language"]).reset_index(drop=True) if len(relayed) else relayed


# The network table's columns after claim, language, rtt and arm: claims-network.csv's split, in words.
SPLIT_NAMES = dict(zip(SPLIT, ["round trips per chunk", "mean chunk ms", "network wait ms", "rest ms"]))


def network_display(arms: pd.DataFrame) -> pd.DataFrame:
    rows = network_split(arms)
    multi = arms["run"].nunique() > 1
    return pd.DataFrame([{
        **({"run": r.run} if multi else {}),
        "claim": claim_name(r.claim),
        "language": language_name(r.language),
        "rtt": _level_text(r),
        "arm": r.arm,
        **{name: fmt_sig(getattr(r, column)) for column, name in SPLIT_NAMES.items()},
    } for r in rows.itertuples()], columns=(["run"] if multi else []) + ["claim", "language", "rtt", "arm"]
        + list(SPLIT_NAMES.values()))


def relay_cost_display(cost: pd.DataFrame) -> pd.DataFrame:
    """relay-cost.csv as a table to read: each measure's estimate [95 % CI] in its unit, as written."""
    multi = cost["run"].nunique() > 1
    return pd.DataFrame([{
        **({"run": r.run} if multi else {}),
        "what the relay adds": MEASURE_NAMES.get(r.measure, str(r.measure).replace("_", " ")),
        "unit": r.unit,
        "estimate [95 % CI]": fmt_interval(r.estimate, r.ci_low, r.ci_high),
        "n pairs (forks)": f"{fmt_int(r.n_pairs)} ({fmt_int(r.n_forks)})",
    } for r in cost.itertuples()], columns=(["run"] if multi else []) + [
        "what the relay adds", "unit", "estimate [95 % CI]", "n pairs (forks)"])


# ---- the figure

TITLE = "The claims against the round-trip time: primary comparisons (95 % intervals)"
PANEL_COLUMNS = 2
PANEL_HEIGHT_IN = 1.9
LANGUAGE_SHIFT = 0.12  # of a level's slot, each side, where two languages are drawn
LANGUAGE_LINES = {0: "-", 1: "--"}


def _panel(ax, rows: pd.DataFrame, langs: list):
    """One primary comparison: per round-trip time (x, in order, loopback first) each language's estimate
    with its 95 % interval (coloured by its verdict), a language's estimates joined by a thin line, over the
    claimed range (hatched)."""
    first = rows.iloc[0]
    unit = first["unit"]
    values = rows[["estimate", "ci_low", "ci_high", "claimed_low", "claimed_high"]].to_numpy(dtype=float).ravel()
    scale = AxisScale(unit, values)
    bounds = [b for b in (first["claimed_low"], first["claimed_high"]) if np.isfinite(b)]
    reach = interval_reach(scale, rows["estimate"].to_numpy(dtype=float), bounds)
    if scale.log:
        ax.set_yscale("log")
    levels = rtt_levels(rows)
    x_of = {level: i for i, level in enumerate(levels)}
    shift = {l: (i - (len(langs) - 1) / 2) * 2 * LANGUAGE_SHIFT / max(1, len(langs) - 1) for i, l in enumerate(langs)}
    ends = list(scale.to_axis(rows["estimate"].to_numpy(dtype=float)))
    for i, language in enumerate(langs):
        mine = rows[rows["language"] == language].sort_values(RTT, key=lambda s: s.map(x_of))
        xs = [x_of[level] + shift[language] for level in mine[RTT]]
        marker = language_marker(language, langs)
        ax.plot(xs, mine["estimate"], color="#555555", linewidth=0.7, linestyle=LANGUAGE_LINES.get(i, ":"), zorder=3)
        for x, r in zip(xs, mine.itertuples()):
            color = VERDICT_COLORS.get(r.verdict, "#000000")
            ends += interval_line(ax, scale, reach, x, r.estimate, r.ci_low, r.ci_high, vertical=True, color=color,
                                  linewidth=1.1, zorder=5)
            if np.isfinite(r.estimate):
                ax.plot([x], [r.estimate], marker=marker, markersize=5, linestyle="none", color=color,
                        markeredgecolor=color, zorder=6)
    ylim = axis_limits(scale, ends, bounds)
    ax.set_ylim(*ylim)
    claimed_range(ax, first["claimed_low"], first["claimed_high"], ylim, vertical=True)
    if np.isfinite(scale.reference):
        ax.axhline(scale.reference, color="black", linewidth=0.8, zorder=2)
    labels = {level: rtt_label(level, ms) for level, ms in zip(rows[RTT], rows[RTT_MS])}
    ax.set_xticks(range(len(levels)), [labels[level] for level in levels], fontsize=7)
    ax.set_xlim(-0.5, len(levels) - 0.5)
    ax.grid(axis="x", visible=False)
    value_axis(ax, scale, unit, ylim, vertical=True)


def _legend(fig, langs: list):
    line = matplotlib.lines.Line2D
    handles = [line([], [], marker=language_marker(l, langs), color="#555555", linewidth=0.7,
                    linestyle=LANGUAGE_LINES.get(i, ":"), label=f"{language_name(l)} port")
               for i, l in enumerate(langs)]
    handles += [Patch(label="claimed range", **CLAIM_BAND)]
    handles += [line([], [], marker="o", linestyle="none", color=c, label=v) for v, c in VERDICT_COLORS.items()
                if v != "no claim"]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7, bbox_to_anchor=(0.5, 0.0))


@styled
def claims_vs_rtt(study: ClaimStudy | None, manifests=None) -> Plot:
    """Per primary comparison of claims.csv a panel: its estimate with the 95 % interval at every
    round-trip time the run measured (x, loopback first), each language a marker, over the claimed range."""
    if study is None or not over_rtt(study.claims):
        return placeholder(TITLE, NEEDS_RTT)
    claims = study.claims
    primary = claims[claims["primary"]]
    if primary.empty:
        return placeholder(TITLE, "claims.csv has no primary comparison")
    keys = comparison_keys(primary)
    langs = languages(primary)
    columns = PANEL_COLUMNS if len(keys) > 1 else 1
    panel_rows = math.ceil(len(keys) / columns)
    fig = new_figure(FIG_WIDTH, PANEL_HEIGHT_IN * panel_rows + 1.5)
    axes = new_axes(fig, panel_rows, columns, squeeze=False).ravel()
    multi = claims["run"].nunique() > 1
    for ax, key in zip(axes, keys.itertuples(index=False)):
        rows = primary[(primary["run"] == key.run) & (primary["claim"] == key.claim) & (primary["row"] == key.row)]
        _panel(ax, rows, langs)
        ax.set_title(f"{claim_name(key.claim)}: {claim_row_name(key.row)}" + (f" [{key.run}]" if multi else ""),
                     loc="left", fontsize=8, fontweight="bold")
    for ax in axes[len(keys):]:
        ax.set_axis_off()
    for ax in axes[:len(keys)][-columns:]:
        ax.set_xlabel("round-trip time added by the relay (loopback: none)", fontsize=7)
    _legend(fig, langs)
    runs = list(dict.fromkeys(claims["run"]))
    finish(fig, TITLE, "; ".join(b for b in (
        "run " + ", ".join(str(r) for r in runs),
        ", ".join(f"{marker_name(language_marker(l, langs))}: the {language_name(l)} port" for l in langs),
        "estimate and 95 % interval per round-trip time as computed by the suite (claims.csv), coloured by its "
        "verdict; the round-trip times in order, not to scale; an arrowhead marks an interval cut at twice the "
        "farthest estimate or claimed bound from the reference line") if b), bottom_in=0.45, h_pad=0.8, w_pad=1.0)
    return Plot(fig, [])
