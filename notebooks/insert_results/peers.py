"""The Python peers beside the original loader: peers.csv (per language and arm of the python_peers entry the
rows/s and MB/s with their 95 % intervals over the forks, the client's and the server's CPU per row, and the arm's
speed as a multiple of "after"'s in the same language), its table and its figure.

Every number is the suite's, the multiple of after included (peers.csv's times_after, from the paired comparison):
here they are read, formatted and drawn. peers.csv alone is enough; claims.csv is not read for them.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import ticker

from . import schema
from .claim_figures import language_marker
from .claims import JAVA, PYTHON, language_name, languages
from .fmt import fmt_int, fmt_interval, fmt_sig
from .load import PEERS_FILE, read_contract_csv, with_run
from .plotting import (FIG_WIDTH, PALETTE, Plot, finish, interval_cap, new_axes, new_figure, placeholder,
                       rate_formatter, styled)

PEERS_COLUMNS = schema.columns(PEERS_FILE)
PEERS_NUMBERS = schema.of_kind(PEERS_FILE, "number")
schema.require(PEERS_FILE, ["language", "arm", "label", "driver", "forks", "shots"])
SPEED = schema.require(PEERS_FILE, ["rows_per_s", "rows_per_s_low", "rows_per_s_high"])
RATE = schema.require(PEERS_FILE, ["mb_per_s", "mb_per_s_low", "mb_per_s_high"])
CPU = schema.require(PEERS_FILE, ["client_cpu_ns_per_row", "server_cpu_ns_per_row"])
TIMES_AFTER = schema.require(PEERS_FILE, ["times_after", "times_after_low", "times_after_high"])
# The claims entry whose arms peers.csv has.
PEERS_CLAIM = "python_peers"


def _reference() -> str:
    """The arm every times_after is a multiple of: the other side of the peers' primary comparison
    (results/schema.json), so that the arm is named in the Java code alone."""
    claim = next(c for c in schema.claims() if c["id"] == PEERS_CLAIM)
    return next(c["original"] for c in claim["comparisons"] if c["primary"])


REFERENCE = _reference()

NEEDS = f"no {PEERS_FILE} in this run: run-bench.sh profile python-peers writes it"
TITLE = "The Python peers and the original loader: rows/s (95 % intervals)"


def _arm_labels() -> dict:
    """Arm id -> label, in the order results/schema.json lists the python_peers arms."""
    for claim in schema.claims():
        if claim["id"] == PEERS_CLAIM:
            return {arm["id"]: arm["label"] for arm in claim["arms"]}
    raise schema.SchemaError(f"{schema.PATH}: no claim {PEERS_CLAIM}, whose arms {PEERS_FILE} has")


ARM_LABELS = _arm_labels()
if REFERENCE not in ARM_LABELS:
    raise schema.SchemaError(f"{schema.PATH}: {PEERS_CLAIM} has no arm {REFERENCE}, the one peers.csv compares with")


def arm_name(arm, label="") -> str:
    """The arm in words: the schema's label; for an arm the schema does not know, the file's, else its id."""
    return ARM_LABELS.get(str(arm)) or str(label or "") or str(arm).replace("_", " ")


@dataclass
class PeersStudy:
    """peers.csv of every run that has it, with a leading run column."""
    rows: pd.DataFrame

    def ordered(self) -> pd.DataFrame:
        """The rows by run (as read), language (Java, then Python) and arm (the schema's order; another after
        them, as written)."""
        frame = self.rows
        runs = {r: i for i, r in enumerate(dict.fromkeys(frame["run"]))}
        langs = {l: i for i, l in enumerate(languages(frame))}
        ranks = {a: i for i, a in enumerate(ARM_LABELS)}
        key = pd.DataFrame({"run": frame["run"].map(runs), "language": frame["language"].map(langs),
                            "arm": frame["arm"].map(ranks).fillna(len(ranks))}, index=frame.index)
        return frame.loc[key.sort_values(list(key.columns), kind="stable").index].reset_index(drop=True)

    def panels(self) -> list:
        """(run, language) of every panel, in the table's order."""
        ordered = self.ordered()
        return list(dict.fromkeys(zip(ordered["run"], ordered["language"])))


def read_peers(path) -> pd.DataFrame:
    return read_contract_csv(path, PEERS_COLUMNS, PEERS_NUMBERS)


def load_peers(folders: dict) -> PeersStudy | None:
    """peers.csv of the runs (run id -> folder); None where no run has it."""
    found = [with_run(read_peers(Path(folder) / PEERS_FILE), run) for run, folder in folders.items()
             if (Path(folder) / PEERS_FILE).is_file()]
    return PeersStudy(pd.concat(found, ignore_index=True)) if found else None


# ---- the table

# "[95 % CI]" kept whole where a header wraps
CI = "[95\u00a0%\u00a0CI]"
SPEED_COLUMN, RATE_COLUMN, TIMES_AFTER_COLUMN = f"rows/s {CI}", f"MB/s {CI}", f"x after {CI}"
CPU_NAMES = {CPU[0]: "client CPU ns/row", CPU[1]: "server CPU ns/row"}
INTERVAL_COLUMNS = [SPEED_COLUMN, RATE_COLUMN, TIMES_AFTER_COLUMN]


def _interval(r, columns) -> str:
    return fmt_interval(*(getattr(r, c) for c in columns))


def peers_rows(study: PeersStudy) -> pd.DataFrame:
    """peers.csv's rows as written, Java's first (the table's CSV)."""
    return study.ordered()


def peers_display(study: PeersStudy) -> pd.DataFrame:
    """Per language and arm: the forks, rows/s and MB/s with their 95 % intervals, the client's and the server's
    CPU per row and the multiple of after with its interval, as peers.csv has them; Java's rows first."""
    rows = study.ordered()
    multi = rows["run"].nunique() > 1
    return pd.DataFrame([{
        **({"run": r.run} if multi else {}),
        "language": language_name(r.language),
        "arm": arm_name(r.arm, r.label),
        "forks": fmt_int(r.forks),
        SPEED_COLUMN: _interval(r, SPEED),
        RATE_COLUMN: _interval(r, RATE),
        **{name: fmt_sig(getattr(r, column)) for column, name in CPU_NAMES.items()},
        TIMES_AFTER_COLUMN: _interval(r, TIMES_AFTER),
    } for r in rows.itertuples()], columns=(["run"] if multi else []) + [
        "language", "arm", "forks", SPEED_COLUMN, RATE_COLUMN] + list(CPU_NAMES.values()) + [TIMES_AFTER_COLUMN])


# ---- the figure

# Per arm, inches: room for a label of two lines.
ARM_HEIGHT_IN = 0.32
# An arm's label wraps at this many characters on the axis.
LABEL_WIDTH = 34
LANGUAGE_COLORS = {JAVA: PALETTE[0], PYTHON: PALETTE[1]}
# What each drawn line is (its gid), for whoever reads the figure back: an arm's rows/s, its interval, an
# interval's end cut at the axis, the reference (after's rows/s and interval).
POINT_GID, INTERVAL_GID, CUT_GID, REFERENCE_GID = "peers-point", "peers-interval", "peers-cut", "peers-reference"


def _times_after_text(r) -> str:
    return "reference" if r.arm == REFERENCE else _interval(r, TIMES_AFTER)


def _x_range(rows: pd.DataFrame) -> tuple[float, float]:
    """The log axis: every estimate, and every bound from a quarter of the slowest estimate to twice the fastest
    (interval_cap); an interval reaching further, or unbounded, ends at the axis in an arrowhead."""
    values = [v for v in rows[SPEED[0]] if np.isfinite(v) and v > 0]
    if not values:
        return 1.0, 10.0
    floor, cap = min(values) / 4, interval_cap(values)
    bounds = [v for v in pd.concat([rows[SPEED[1]], rows[SPEED[2]]]) if np.isfinite(v) and floor <= v <= cap]
    return min(values + bounds) / 1.4, max(values + bounds) * 1.4


def _arm(ax, y, r, color, marker, left, right) -> bool:
    """One arm's rows/s with its 95 % interval (no interval: the marker alone); False where it has no positive
    rows/s to draw on the log axis. The interval is drawn over an open marker: a few per cent of rows/s is
    narrower than the marker on an axis of two decades, and would hide under a filled one."""
    v, lo, hi = getattr(r, SPEED[0]), getattr(r, SPEED[1]), getattr(r, SPEED[2])
    if not (np.isfinite(v) and v > 0):
        return False
    if np.isfinite(lo):
        # an empty high bound with a low one is unbounded (results/README.md)
        hi = hi if np.isfinite(hi) else np.inf
        ax.plot([max(lo, left), min(hi, right)], [y, y], color=color, linewidth=1.8, solid_capstyle="butt", zorder=6,
                gid=INTERVAL_GID)
        for cut, end, arrow in ((lo < left, left, "<"), (hi > right, right, ">")):
            if cut:
                ax.plot([end], [y], marker=arrow, markersize=4, color=color, linestyle="none", zorder=6,
                        clip_on=False, gid=CUT_GID)
    reference = r.arm == REFERENCE
    # the reference with a black edge
    ax.plot([v], [y], marker=marker, markersize=8, color=color, markeredgewidth=1.6 if reference else 1.0,
            markerfacecolor="white", markeredgecolor="black" if reference else color, linestyle="none", zorder=5,
            gid=POINT_GID)
    return True


def _reference(ax, mine: pd.DataFrame, color):
    """after's rows/s as a dashed line through the panel, its 95 % interval as a band."""
    after = mine[mine["arm"] == REFERENCE]
    if after.empty or not np.isfinite(after[SPEED[0]].iloc[0]):
        return
    r = after.iloc[0]
    if np.isfinite(r[SPEED[1]]) and np.isfinite(r[SPEED[2]]):
        ax.axvspan(r[SPEED[1]], r[SPEED[2]], color=color, alpha=0.12, linewidth=0, zorder=1, gid=REFERENCE_GID)
    ax.axvline(r[SPEED[0]], color=color, linestyle=(0, (4, 2)), linewidth=0.9, zorder=2, gid=REFERENCE_GID)


@styled
def peers_throughput(study: PeersStudy | None, manifests=None) -> Plot:
    """A panel per language (and run): each arm's rows/s with its 95 % interval on a log axis shared by the
    panels, after's marked as the reference (a dashed line and its interval as a band), and beside each arm its
    speed as a multiple of after's with its interval, as peers.csv has them."""
    if study is None or study.rows.empty:
        return placeholder(TITLE, NEEDS)
    rows = study.ordered()
    panels = study.panels()
    multi = rows["run"].nunique() > 1
    langs = languages(rows)
    counts = [int(((rows["run"] == run) & (rows["language"] == language)).sum()) for run, language in panels]
    fig = new_figure(FIG_WIDTH, ARM_HEIGHT_IN * sum(counts) + 0.45 * len(panels) + 1.4)
    axes = np.atleast_1d(new_axes(fig, len(panels), 1, sharex=True, gridspec_kw={"height_ratios": counts}))
    left, right = _x_range(rows)
    missing = []
    for ax, (run, language) in zip(axes, panels):
        mine = rows[(rows["run"] == run) & (rows["language"] == language)]
        color = LANGUAGE_COLORS.get(language, PALETTE[(2 + langs.index(language)) % len(PALETTE)])
        marker = language_marker(language, langs)
        _reference(ax, mine, color)
        side = ax.get_yaxis_transform()  # x in the axes' width, y in arms
        for y, r in enumerate(mine.itertuples()):
            if not _arm(ax, y, r, color, marker, left, right):
                missing.append(f"{language_name(language)}, {arm_name(r.arm, r.label)}"
                               + (f" ({run})" if multi else "") + ": rows/s not positive, not drawn on the log axis")
            ax.text(1.04, y, _times_after_text(r), transform=side, ha="left", va="center", fontsize=7,
                    fontweight="bold" if r.arm == REFERENCE else "normal")
        ax.text(1.04, -0.5, f"x after {CI}", transform=side, ha="left", va="bottom", fontsize=7, color="#444444")
        ax.set_yticks(range(len(mine)), [textwrap.fill(arm_name(r.arm, r.label), LABEL_WIDTH)
                                         for r in mine.itertuples()], fontsize=7)
        for label, arm in zip(ax.get_yticklabels(), mine["arm"]):
            if arm == REFERENCE:
                label.set_fontweight("bold")
        ax.set_ylim(len(mine) - 0.5, -0.5)
        ax.grid(axis="y", visible=False)
        ax.set_title(language_name(language) + (f" ({run})" if multi else ""), loc="left", fontweight="bold")
    ax = axes[-1]
    ax.set_xscale("log")
    ax.set_xlim(left, right)
    ax.xaxis.set_major_locator(ticker.LogLocator(subs=(1, 2, 5)))
    ax.xaxis.set_major_formatter(rate_formatter())
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    ax.set_xlabel("rows per second (log)")
    forks = sorted(set(fmt_int(f) for f in rows["forks"]))
    notes = ["run " + ", ".join(str(r) for r in dict.fromkeys(rows["run"])),
             f"rows/s: the mean over the forks (rounds{': ' + forks[0] + ' per arm' if len(forks) == 1 else ''}) "
             "of each fork's mean over its shots, and its 95 % interval over the forks: the line through the "
             f"marker ({PEERS_FILE})",
             "black marker, dashed line and band: after, the reference, with its interval; right: the arm's speed "
             "as a multiple "
             f"of after's in the same language, paired within blocks ({PEERS_FILE}'s times_after)"]
    if any(line.get_gid() == CUT_GID for a in axes for line in a.lines):
        notes.append("an arrowhead marks an interval cut at the axis")
    finish(fig, TITLE, "; ".join(notes), h_pad=1.2)
    return Plot(fig, missing)
