"""Pooled COPY against psql \\copy and the parallel server-side COPY ceiling,
measured interleaved (the interleaved references' forks): interleaved.csv and
interleaved-shots.csv as the suite wrote them, each arm's rows/s from
summary.csv's interleaved rows, the table's text and the figure.

Every ratio, interval and rate is the suite's; here they are selected, put
side by side and drawn.
"""
from __future__ import annotations

from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd

from . import schema
from .fmt import fmt_int, fmt_interval, fmt_sig
from .load import INTERLEAVED_FILE, INTERLEAVED_SHOTS_FILE, read_contract_csv, read_study
from .plotting import (FIG_WIDTH, MARKERS, PALETTE, Plot, errorbars, finish, new_axes, new_figure, nice_ticks,
                       placeholder, rate_formatter, round_axis, styled)

# After round_ratios: the log ratio and its standard error (what pooling runs reads), the variance
# components and the warm-up check (first measured block against the later ones), in log-%; files
# written before these columns lack them (numbers NaN, warmup_flagged false).
SCALE_COLUMNS = schema.require(INTERLEAVED_FILE, [
    "scale_estimate", "scale_se", "df", "sd_within_round", "sd_between_rounds", "warmup_difference", "warmup_low",
    "warmup_high", "warmup_forks", "warmup_flagged"])
RATIOS_COLUMNS = schema.columns(INTERLEAVED_FILE)
RATIOS_NUMBERS = schema.of_kind(INTERLEAVED_FILE, "number")
RATIOS_FLAGS = schema.of_kind(INTERLEAVED_FILE, "flag")
SHOTS_COLUMNS = schema.columns(INTERLEAVED_SHOTS_FILE)
SHOTS_NUMBERS = schema.of_kind(INTERLEAVED_SHOTS_FILE, "number")
# What identifies a configuration of the interleaved forks (with the run, where several are read).
CONFIG = ["run", "server", "rows", "chunkSize", "tasks"]

# Each arm (results/schema.json's references): its name, the summary.csv benchmark whose interleaved rows
# hold its rows/s, and which of the configuration's parameters that row carries (psql has neither
# chunkSize nor tasks, the ceiling no chunkSize).
_PARAMETERS = {b["id"]: [p for p in b["parameters"] if p in ("chunkSize", "tasks")] for b in schema.benchmarks()}
ARMS = {r["id"]: (r["label"], r["benchmark"], _PARAMETERS[r["benchmark"]])
        for r in schema.references()}


# The arms the figure and tables single out, each by the catalogue entry that measures it alone:
# pooled COPY, held against psql and the parallel ceiling.
def _arm_of(key: str) -> str:
    benchmark = schema.benchmark(key)
    for arm, (_, alone, _) in ARMS.items():
        if alone == benchmark:
            return arm
    raise schema.SchemaError(f"{schema.PATH}: no interleaved reference arm measures {key} ({benchmark}); "
                             f"the arms are {', '.join(ARMS)}")


POOLED, PSQL, CEILING = _arm_of("POOLED_COPY"), _arm_of("PSQL_COPY"), _arm_of("PARALLEL_CEILING")
REFERENCES = [PSQL, CEILING]
# A reference's ratio as the tables and figure name it.
RATIO_NAMES = {PSQL: "x psql", CEILING: "x ceiling"}
ARM_STYLES = {arm: dict(color=PALETTE[i], marker=MARKERS[i]) for i, arm in enumerate(ARMS)}


@dataclass
class InterleavedStudy:
    """interleaved.csv (one row per configuration and reference) and
    interleaved-shots.csv (one row per measured shot) of every run that has
    them, each with a leading run column; shots is empty where a run wrote no
    interleaved-shots.csv."""
    ratios: pd.DataFrame
    shots: pd.DataFrame

    def rounds(self, run) -> int:
        """The most rounds a configuration of the run was measured in (interleaved.csv's n_rounds)."""
        n = self.ratios.loc[self.ratios["run"] == run, "n_rounds"].max()
        return 0 if pd.isna(n) else int(n)

    def configurations(self) -> pd.DataFrame:
        """Every configuration once, in the order interleaved.csv lists them."""
        return self.ratios[CONFIG].drop_duplicates().reset_index(drop=True)


def read_ratios(path) -> pd.DataFrame:
    return read_contract_csv(path, RATIOS_COLUMNS, RATIOS_NUMBERS, RATIOS_FLAGS, later=SCALE_COLUMNS)


def read_shots(path) -> pd.DataFrame:
    return read_contract_csv(path, SHOTS_COLUMNS, SHOTS_NUMBERS)


def load_interleaved(folders: dict) -> InterleavedStudy | None:
    """The interleaved comparison of the runs (run id -> folder) that hold an
    interleaved.csv; None when none does."""
    files = read_study(folders, (INTERLEAVED_FILE, read_ratios), (INTERLEAVED_SHOTS_FILE, read_shots), SHOTS_COLUMNS)
    return InterleavedStudy(*files) if files else None


def _matching(frame: pd.DataFrame, config, keys: list) -> pd.DataFrame:
    """The rows of frame whose keys equal the configuration's."""
    mask = np.ones(len(frame), dtype=bool)
    for k in keys:
        mask &= (frame[k] == getattr(config, k)).to_numpy()
    return frame[mask]


def arm_rate(df: pd.DataFrame, config, arm: str) -> float:
    """An arm's rows/s over all rounds of a configuration: summary.csv's interleaved row of its benchmark."""
    _, benchmark, params = ARMS[arm]
    rows = _matching(df[df["interleaved"] & (df["benchmark"] == benchmark)], config,
                     ["run", "server", "rows"] + params)
    return float(rows["rows_per_s"].iloc[0]) if len(rows) else float("nan")


def reference_row(ratios: pd.DataFrame, config, reference: str):
    """interleaved.csv's row of a configuration and reference, or None where it was not measured."""
    rows = _matching(ratios[ratios["reference"] == reference], config, CONFIG)
    return next(rows.itertuples(), None)


def parse_round_ratios(text) -> list[float]:
    """round_ratios as written (space-separated, in the order the rounds ran) as numbers."""
    return [float(v) for v in str(text).split()]


# interleaved.csv's columns of a reference as the table's CSV names them (x_<reference><suffix>), and their
# value where the run did not measure that reference.
REFERENCE_COLUMNS = {"": ("ratio", np.nan), "_low": ("ratio_low", np.nan), "_high": ("ratio_high", np.nan),
                     "_n_pairs": ("n_pairs", np.nan), "_n_rounds": ("n_rounds", np.nan),
                     "_round_ratios": ("round_ratios", "")}


def _reference_columns(study: InterleavedStudy, config, reference: str) -> dict:
    r = reference_row(study.ratios, config, reference)
    return {f"x_{reference}{suffix}": getattr(r, column) if r is not None else absent
            for suffix, (column, absent) in REFERENCE_COLUMNS.items()}


def comparison(study: InterleavedStudy, df: pd.DataFrame) -> pd.DataFrame:
    """One row per configuration: each arm's rows/s (summary.csv) and, per
    reference, interleaved.csv's ratio, interval, pairs, rounds and round
    ratios, as written: the table's CSV."""
    out = []
    for config in study.configurations().itertuples(index=False):
        row = config._asdict()
        row.update({f"{arm}_rows_per_s": arm_rate(df, config, arm) for arm in ARMS})
        for reference in REFERENCES:
            row.update(_reference_columns(study, config, reference))
        out.append(row)
    return pd.DataFrame(out)


def configuration_name(config) -> str:
    """"chunk 20,000 x 4 tasks"."""
    tasks = fmt_int(config.tasks)
    return f"chunk {fmt_int(config.chunkSize)} x {tasks} task{'' if tasks == '1' else 's'}"


def pairs_text(counts: dict) -> str:
    """"6 (3)" from reference -> (n_pairs, n_rounds) where the references agree; else per reference;
    "-" where no reference was measured."""
    texts = {ref: f"{fmt_int(pairs)} ({fmt_int(rounds)})" for ref, (pairs, rounds) in counts.items()}
    if len(set(texts.values())) == 1:
        return next(iter(texts.values()))
    return "; ".join(f"{RATIO_NAMES[ref]}: {t}" for ref, t in texts.items()) or "-"


def _rounds_text(points: pd.Series) -> str:
    """"x psql 1.32, 2.90, 2.63; x ceiling 0.587, 1.01, 0.817": each round's ratio in run order."""
    texts = {ref: parse_round_ratios(points[f"x_{ref}_round_ratios"]) for ref in REFERENCES}
    return "; ".join(f"{RATIO_NAMES[ref]} " + ", ".join(fmt_sig(v) for v in values)
                     for ref, values in texts.items() if values) or "-"


def comparison_display(points: pd.DataFrame) -> pd.DataFrame:
    """The table to read: a row per configuration (and server, and run where several)."""
    multi = points["run"].nunique() > 1
    return pd.DataFrame({
        **({"run": points["run"]} if multi else {}),
        "server": [s or "-" for s in points["server"]],
        "chunk x tasks": [f"{fmt_int(c.chunkSize)} x {fmt_int(c.tasks)}" for c in points.itertuples()],
        **{f"{ARMS[arm][0]} rows/s": [fmt_sig(v) for v in points[f"{arm}_rows_per_s"]] for arm in ARMS},
        **{f"{RATIO_NAMES[ref]} [95 %]": [fmt_interval(r[f"x_{ref}"], r[f"x_{ref}_low"], r[f"x_{ref}_high"],
                                                       suffix="x") for _, r in points.iterrows()]
           for ref in REFERENCES},
        "n pairs (rounds)": [pairs_text({ref: (r[f"x_{ref}_n_pairs"], r[f"x_{ref}_n_rounds"]) for ref in REFERENCES
                                         if pd.notna(r[f"x_{ref}_n_pairs"])}) for _, r in points.iterrows()],
        "ratio per round": [_rounds_text(r) for _, r in points.iterrows()],
    }).reset_index(drop=True)


# ---- the figure

TITLE = "Pooled COPY against psql \\copy and the parallel ceiling, interleaved"
NEEDS = ("no interleaved.csv in this run: run-bench.sh profile quick, standard or thesis writes it "
         f"({schema.benchmark_class('INTERLEAVED_REFERENCES')})")
SHOTS_NOTE = "no interleaved-shots.csv in this run (the suite writes it next to interleaved.csv)"
ROW_HEIGHT = 1.6  # inches per configuration
RATIO_ROWS = {ref: y for y, ref in enumerate(reversed(REFERENCES))}  # x psql on top
ROUNDS_BELOW = 0.24  # where each round's ratios sit under their reference's row


def _facet_title(config, several_servers: bool, several_runs: bool) -> str:
    """"chunk 20,000 x 4 tasks", with the server and the run where the figure has several."""
    return (configuration_name(config) + (f", {config.server}" if several_servers else "")
            + (f" [{config.run}]" if several_runs else ""))


def _shots_panel(ax, shots: pd.DataFrame, title: str):
    """A configuration's shots in the order they ran, rows/s per arm; an arm's shots joined within a
    round only (rounds are separate forks, spread over the run)."""
    ax.set_title(title, loc="left", fontsize=8.5)
    if shots.empty:
        ax.set_axis_off()
        ax.text(0.5, 0.5, SHOTS_NOTE, ha="center", va="center", fontsize=7.5, color="#555555", transform=ax.transAxes)
        return
    g = shots.sort_values(["round", "fork", "shot"]).reset_index(drop=True)
    g["x"] = np.arange(1, len(g) + 1)
    for arm, style in ARM_STYLES.items():
        for _, part in g[g["arm"] == arm].groupby("round", sort=True):
            ax.plot(part["x"], part["rows_per_s"], markersize=3.2, linewidth=0.6, **style)
    round_axis(ax, g["round"].to_numpy())
    ax.grid(axis="x", visible=False)
    ax.set_ylim(0, g["rows_per_s"].max() * 1.12)
    ax.yaxis.set_major_formatter(rate_formatter())
    ax.set_ylabel("rows/s", fontsize=8)


def _ratio_limits(ratios: pd.DataFrame) -> tuple[float, float]:
    """A log axis over every ratio, bound and round ratio of the figure, and 1 (as fast as the reference)."""
    values = np.concatenate([ratios[["ratio", "ratio_low", "ratio_high"]].to_numpy(dtype=float).ravel(), [1.0],
                             [v for text in ratios["round_ratios"] for v in parse_round_ratios(text)]])
    values = values[np.isfinite(values) & (values > 0)]
    return values.min() / 1.25, values.max() * 1.25


def _ratio_panel(ax, ratios: pd.DataFrame, config, xlim):
    """Per reference: the paired ratio with its 95 % interval and its value, each round's ratio as a dot below."""
    ax.set_xscale("log")
    ax.set_xlim(*xlim)
    ax.axvline(1.0, color="black", linewidth=0.8)
    rows = {ref: reference_row(ratios, config, ref) for ref in RATIO_ROWS}
    for ref, y in RATIO_ROWS.items():
        r = rows[ref]
        if r is None:
            ax.text(xlim[0] * 1.05, y, "not measured", va="center", fontsize=6.5, color="#555555")
            continue
        ax.plot([r.ratio], [y], marker="o", linestyle="none", color="black", markersize=4.5, zorder=6)
        errorbars(ax, [r.ratio], [y], [r.ratio_low], [r.ratio_high], horizontal=True)
        rounds = parse_round_ratios(r.round_ratios)
        ax.plot(rounds, [y - ROUNDS_BELOW] * len(rounds), marker="o", linestyle="none", markersize=3,
                markerfacecolor="white", markeredgecolor=ARM_STYLES[ref]["color"], zorder=6)
        ax.annotate(fmt_interval(r.ratio, r.ratio_low, r.ratio_high, suffix="x"), (r.ratio, y), xytext=(0, 4),
                    textcoords="offset points", ha="center", va="bottom", fontsize=6, zorder=7,
                    bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.85))
    ax.set_title("n pairs (rounds): " + pairs_text({ref: (r.n_pairs, r.n_rounds) for ref, r in rows.items()
                                                   if r is not None}), loc="left", fontsize=7.5)
    ax.set_yticks(list(RATIO_ROWS.values()), [RATIO_NAMES[ref] for ref in RATIO_ROWS], fontsize=7.5)
    ax.set_ylim(-0.55, len(RATIO_ROWS) - 0.35)
    ax.grid(axis="y", visible=False)
    # the panel is narrow: a tick close to 1x would run into its label
    ax.set_xticks([t for t in nice_ticks(*xlim) if t == 1 or not 1 / 1.45 < t < 1.45])
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())


def _legend(fig):
    line = matplotlib.lines.Line2D
    handles = [line([], [], label=f"{ARMS[arm][0]} shot", markersize=3.2, linewidth=0.6, **style)
               for arm, style in ARM_STYLES.items()]
    handles += [line([], [], marker="o", color="black", linestyle="-", markersize=4.5, linewidth=0.9,
                     label="pooled COPY over the reference, 95 % interval"),
                line([], [], marker="o", linestyle="none", markersize=3, markerfacecolor="white",
                     markeredgecolor="#555555", label="each round's ratio (in the reference's colour)")]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, bbox_to_anchor=(0.5, 0.0))


@styled
def interleaved_references(study: InterleavedStudy | None, manifests=None) -> Plot:
    """Per configuration, its interleaved shots in the order they ran (left)
    and the paired ratios over psql and the parallel ceiling with their 95 %
    intervals and each round's ratio (right), as the suite wrote them."""
    if study is None:
        return placeholder(TITLE, NEEDS)
    configs = study.configurations()
    fig = new_figure(FIG_WIDTH, ROW_HEIGHT * len(configs) + 1.3)
    axes = new_axes(fig, len(configs), 2, squeeze=False, gridspec_kw={"width_ratios": [2.3, 1]})
    xlim = _ratio_limits(study.ratios)
    several_servers, several_runs = configs["server"].nunique() > 1, configs["run"].nunique() > 1
    for (shots_ax, ratio_ax), config in zip(axes, configs.itertuples(index=False)):
        shots = _matching(study.shots, config, CONFIG)
        _shots_panel(shots_ax, shots, _facet_title(config, several_servers, several_runs))
        _ratio_panel(ratio_ax, study.ratios, config, xlim)
    axes[-1, 0].set_xlabel("round (its shots in the order they ran)", fontsize=8)
    axes[-1, 1].set_xlabel("ratio (log scale)", fontsize=8)
    _legend(fig)
    runs = ", ".join(dict.fromkeys(study.ratios["run"]))
    servers = [s for s in dict.fromkeys(study.ratios["server"]) if s]
    finish(fig, TITLE, "; ".join(b for b in (
        f"run {runs}", f"server {servers[0]}" if len(servers) == 1 else "",
        "rows = " + ", ".join(fmt_int(v) for v in dict.fromkeys(study.ratios["rows"])),
        "left: one shot of every arm per block, in random order; rounds (dotted lines between them) are separate "
        "forks spread over the run; right: pooled COPY's rows/s over the reference's, paired by block, with its "
        "95 % interval over rounds; from interleaved.csv and interleaved-shots.csv") if b), bottom_in=0.45, h_pad=0.6, w_pad=0.8)
    return Plot(fig, [] if not study.shots.empty else [SHOTS_NOTE])
