"""Claims pooled over runs: pooled-claims.csv and pooled-runs.csv as
`run-bench.sh pool RUN_A RUN_B ...` wrote them, their table and the forest plot.

Every pooled estimate, interval, prediction interval, I², tau and verdict is the
suite's (a random-effects model over the runs, described in the folder's
pooled-claims.md); each run's estimate and interval is the one it wrote itself.
Here they are read, put into words and drawn.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import matplotlib
from matplotlib import ticker
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .claim_figures import CLAIM_BAND, CLAIM_UNITS, VERDICT_COLORS
from .claims import (claim_name, claim_row_name, claimed_range_text, estimate_text, language_name, languages,
                     number_format)
from . import schema
from .fmt import fmt_int, fmt_sig
from .load import POOLED_CLAIMS_FILE, POOLED_RUNS_FILE, read_contract_csv
from .plotting import (FIG_WIDTH, Plot, finish, interval_cap, new_axes, new_figure, nice_ticks, placeholder, styled,
                       two_sided_errors)

POOLED_CLAIMS_COLUMNS = schema.columns(POOLED_CLAIMS_FILE)
POOLED_CLAIMS_NUMBERS = schema.of_kind(POOLED_CLAIMS_FILE, "number")
POOLED_CLAIMS_FLAGS = schema.of_kind(POOLED_CLAIMS_FILE, "flag")
POOLED_RUNS_COLUMNS = schema.columns(POOLED_RUNS_FILE)
POOLED_RUNS_NUMBERS = schema.of_kind(POOLED_RUNS_FILE, "number")
# A pooled comparison: which folder pooled it (several pooled folders can be read at once), and what it compares.
POOL = "pool"
COMPARISON = [POOL, "claim", "language", "row"]

NEEDS = ("no pooled-claims.csv in this folder: ./run-bench.sh pool RUN_A RUN_B ... writes it from the runs' "
         "claims.csv")


@dataclass
class PooledStudy:
    """pooled-claims.csv (one row per comparison pooled over the runs) and
    pooled-runs.csv (one row per comparison and run that went into it), each
    with a leading pool column naming the pooled folder; runs is empty where
    the folder has no pooled-runs.csv."""
    claims: pd.DataFrame
    runs: pd.DataFrame

    def runs_of(self, comparison) -> pd.DataFrame:
        """pooled-runs.csv's rows of one pooled comparison (a pooled-claims.csv row), in the order written."""
        mask = np.ones(len(self.runs), dtype=bool)
        for k in COMPARISON:
            mask &= (self.runs[k] == getattr(comparison, k)).to_numpy()
        return self.runs[mask]


def read_pooled_claims(path) -> pd.DataFrame:
    return read_contract_csv(path, POOLED_CLAIMS_COLUMNS, POOLED_CLAIMS_NUMBERS, POOLED_CLAIMS_FLAGS)


def read_pooled_runs(path) -> pd.DataFrame:
    return read_contract_csv(path, POOLED_RUNS_COLUMNS, POOLED_RUNS_NUMBERS)


def _with_pool(frame: pd.DataFrame, pool) -> pd.DataFrame:
    return frame.assign(**{POOL: pool})[[POOL] + list(frame.columns)]


def read_pooled(folder, pool=None) -> PooledStudy | None:
    """A pooled folder's files, their rows marked with pool (default: the folder's name);
    None where the folder has no pooled-claims.csv."""
    folder = Path(folder)
    if not (folder / POOLED_CLAIMS_FILE).is_file():
        return None
    pool = folder.name if pool is None else pool
    claims = _with_pool(read_pooled_claims(folder / POOLED_CLAIMS_FILE), pool)
    runs_file = folder / POOLED_RUNS_FILE
    runs = (_with_pool(read_pooled_runs(runs_file), pool) if runs_file.is_file()
            else pd.DataFrame(columns=[POOL] + POOLED_RUNS_COLUMNS))
    return PooledStudy(claims, runs)


def load_pooled(folders: dict) -> PooledStudy | None:
    """The pooled claims of the folders (id -> folder) that hold a pooled-claims.csv, each
    marked with its id; None when none does."""
    found = [s for s in (read_pooled(folder, pool) for pool, folder in folders.items()) if s is not None]
    if not found:
        return None
    return PooledStudy(pd.concat([s.claims for s in found], ignore_index=True),
                       pd.concat([s.runs for s in found], ignore_index=True))


def is_pooled_manifest(manifest: dict) -> bool:
    """A manifest.json written by `run-bench.sh pool` (it names the runs pooled, not a run of its own)."""
    return manifest.get("kind") == "pooled-claims"


# ---- text

def interval_text(low, high, unit) -> str:
    """"[-12.3, 45.6]" in the unit's number format; "-" where the suite wrote none."""
    if math.isnan(low) or math.isnan(high):
        return "-"
    f, _ = number_format(unit)
    return f"[{f(low)}, {f(high)}]"


def _point_text(v, unit) -> str:
    # Short: the pooled estimate next to it names the unit in full.
    f, suffix = number_format(unit, short=True)
    return "-" if math.isnan(v) else f(v) + suffix


def split_run_estimates(text) -> list[float]:
    """run_estimates as written (space-separated numbers, one per run in the order pooled)."""
    return [float(v) for v in str(text).split()]


def split_run_verdicts(text) -> list[str]:
    """run_verdicts as written ("; "-separated, one per run)."""
    return [v.strip() for v in str(text).split(";") if v.strip()]


def runs_text(r) -> str:
    """"35.3 % (inconclusive); 12.2 % (partly)": each run's estimate and verdict as pooled-claims.csv lists them."""
    estimates, verdicts = split_run_estimates(r.run_estimates), split_run_verdicts(r.run_verdicts)
    verdicts += [""] * (len(estimates) - len(verdicts))
    return "; ".join(_point_text(e, r.unit) + (f" ({v})" if v else "")
                     for e, v in zip(estimates, verdicts)) or "-"


def heterogeneity_texts(r) -> tuple[str, str]:
    """("5 %", "4.96 log-%"): I² and tau as written, tau in the precision unit."""
    i2 = "-" if math.isnan(r.i2_pct) else f"{r.i2_pct:.0f}\u00a0%"
    tau = "-" if math.isnan(r.tau) else f"{fmt_sig(r.tau)} {r.precision_unit}".strip()
    return i2, tau


def verdict_text(r) -> str:
    """The pooled verdict; a dagger where the pooled interval is wider than the target precision."""
    return str(r.verdict) + ("" if r.precision_met or math.isnan(r.precision) else " \u2020")


def pooled_display(study: PooledStudy) -> pd.DataFrame:
    """pooled-claims.csv as a table to read: one row per pooled comparison, a pool column
    only where several pooled folders are shown; * marks the primary row, which decides the claim."""
    claims = study.claims
    multi = claims[POOL].nunique() > 1
    rows = []
    for r in claims.itertuples():
        i2, tau = heterogeneity_texts(r)
        rows.append({
            **({"pool": r.pool} if multi else {}),
            "claim": claim_name(r.claim) + (" *" if r.primary else ""),
            "language": language_name(r.language),
            "comparison": r.comparison,
            "claimed": claimed_range_text(r.claimed_low, r.claimed_high, r.unit),
            "runs": fmt_int(r.runs),
            "pooled [95 % CI]": estimate_text(r),
            "prediction (95 %)": interval_text(r.prediction_low, r.prediction_high, r.unit),
            "I\u00b2": i2,
            "tau": tau,
            "runs: estimate (verdict)": runs_text(r),
            "verdict": verdict_text(r),
        })
    return pd.DataFrame(rows)


# ---- the forest plot

TITLE = "The claims pooled over runs: each run and the pooled estimate (95 % intervals)"
ROW_IN = 0.2  # inches per drawn row (a run, or the pooled estimate)
PANEL_IN = 0.78  # inches per panel besides its rows: title, axis, tick labels
POOLED_COLOR_EDGE = "black"
PREDICTION_STYLE = dict(color="#333333", linewidth=0.9, solid_capstyle="butt", zorder=4)


def primary_comparisons(claims: pd.DataFrame) -> pd.DataFrame:
    """The primary pooled-claims.csv rows, one panel each: every comparison's languages together
    (Java, Python, then any other), comparisons in the order written."""
    primary = claims[claims["primary"]]
    keys = primary[[POOL, "claim", "row"]].drop_duplicates()
    order = {l: i for i, l in enumerate(languages(primary))}
    panels = [g.sort_values("language", key=lambda s: s.map(order), kind="stable")
              for _, g in primary.groupby([POOL, "claim", "row"], sort=False)]
    return pd.concat(panels).reset_index(drop=True) if len(keys) else primary


class AxisScale:
    """The x axis of one panel: log10 for a ratio unit whose values are all positive, else linear;
    center is the reference line (no difference) in axis space."""

    def __init__(self, unit: str, values: np.ndarray):
        _what, ratio, reference = CLAIM_UNITS.get(unit, ("", False, math.nan))
        finite = values[np.isfinite(values)]
        self.log = bool(ratio and finite.size and (finite > 0).all())
        self.reference = reference
        self.center = self.to_axis(reference) if np.isfinite(reference) else (
            float(np.median(finite)) if finite.size else 0.0)

    def to_axis(self, v):
        v = np.asarray(v, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(v) if self.log else v

    def from_axis(self, v):
        v = np.asarray(v, dtype=float)
        return np.power(10.0, v) if self.log else v


def interval_reach(scale: AxisScale, points, bounds) -> float:
    """How far from the reference line an interval may reach before it is cut: interval_cap
    of the estimates' and claimed bounds' distances from it (twice the farthest), in axis space."""
    distances = np.abs(scale.to_axis(points) - scale.center)
    cap = interval_cap(np.append(distances, np.abs(scale.to_axis(bounds) - scale.center)))
    return cap if cap is not None else 1.0


def interval_line(ax, scale: AxisScale, reach, at, v, lo, hi, vertical=False, **line):
    """One interval as a line at at (a y, or with vertical an x), capped at reach from the reference,
    an arrowhead at a cut end; returns its drawn ends in axis space (empty where there is no interval)."""
    known, low, high, cut_low, cut_high = two_sided_errors(
        scale.to_axis([v]), scale.to_axis([lo]), scale.to_axis([hi]), scale.center, reach)
    if not known[0]:
        return []
    v0, v1 = scale.from_axis([low[0], high[0]])
    ax.plot(*(([at, at], [v0, v1]) if vertical else ([v0, v1], [at, at])), **line)
    for cut, end, marker in ((cut_low[0], v0, "v" if vertical else "<"), (cut_high[0], v1, "^" if vertical else ">")):
        if cut:
            ax.plot(*(([at], [end]) if vertical else ([end], [at])), marker=marker, markersize=4, linestyle="none",
                    color=line.get("color", "black"), zorder=line.get("zorder", 5))
    return [low[0], high[0]]


def claimed_range(ax, low, high, limits, vertical=False):
    """The claimed range shaded across the panel (with vertical, along its y axis), an unbounded side
    to the axis edge; limits: the value axis's."""
    if math.isnan(low) and math.isnan(high):
        return
    start = limits[0] if math.isnan(low) else max(low, limits[0])
    end = limits[1] if math.isnan(high) else min(high, limits[1])
    if end > start:
        (ax.axhspan if vertical else ax.axvspan)(start, end, zorder=1, **CLAIM_BAND)


def axis_limits(scale: AxisScale, ends: list, bounds) -> tuple[float, float]:
    """Over every drawn end, finite claimed bound and the reference line, padded (axis space in, data space out)."""
    vals = np.array(ends + list(scale.to_axis(bounds)) + [scale.center], dtype=float)
    vals = vals[np.isfinite(vals)]
    lo, hi = vals.min(), vals.max()
    pad = 0.06 * (hi - lo) if hi > lo else 1.0
    return tuple(scale.from_axis([lo - pad, hi + pad]))


def _label(ax, y, text, color, bold=False):
    ax.text(1.02, y, text, transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=6.2,
            color=color, fontweight="bold" if bold else "normal", clip_on=False)


def forest_panel(ax, pooled, runs: pd.DataFrame):
    """One pooled comparison: a row per run (its estimate and 95 % interval, coloured by its own
    verdict), then the pooled estimate (diamond) with its 95 % interval (thick) and prediction
    interval (thin), over the claimed range; values as the suite wrote them."""
    unit = pooled.unit
    values = np.concatenate([runs[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float).ravel(),
                             [pooled.estimate, pooled.ci_low, pooled.ci_high, pooled.prediction_low,
                              pooled.prediction_high, pooled.claimed_low, pooled.claimed_high]])
    scale = AxisScale(unit, values)
    bounds = [b for b in (pooled.claimed_low, pooled.claimed_high) if np.isfinite(b)]
    reach = interval_reach(scale, np.append(runs["estimate"].to_numpy(dtype=float), pooled.estimate), bounds)
    if scale.log:
        ax.set_xscale("log")
    ys = list(range(len(runs), 0, -1))
    ends = []
    for y, r in zip(ys, runs.itertuples()):
        color = VERDICT_COLORS.get(r.verdict, "#000000")
        ends += interval_line(ax, scale, reach, y, r.estimate, r.ci_low, r.ci_high, color=color, linewidth=1.0, zorder=5)
        if np.isfinite(r.estimate):
            ax.plot([r.estimate], [y], marker="o", markersize=4, linestyle="none", color=color, zorder=6)
        _label(ax, y, f"{estimate_text(_in_unit(r, unit))}  {r.verdict}", color)
    color = VERDICT_COLORS.get(pooled.verdict, "#000000")
    ends += interval_line(ax, scale, reach, 0, pooled.estimate, pooled.prediction_low, pooled.prediction_high,
                      **PREDICTION_STYLE)
    ends += interval_line(ax, scale, reach, 0, pooled.estimate, pooled.ci_low, pooled.ci_high, color=color,
                      linewidth=2.6, solid_capstyle="butt", zorder=5)
    if np.isfinite(pooled.estimate):
        ax.plot([pooled.estimate], [0], marker="D", markersize=6.5, linestyle="none", color=color,
                markeredgecolor=POOLED_COLOR_EDGE, markeredgewidth=0.8, zorder=7)
    i2, tau = heterogeneity_texts(pooled)
    prediction = interval_text(pooled.prediction_low, pooled.prediction_high, unit)
    prediction = "no prediction interval" if prediction == "-" else f"prediction {prediction}"
    _label(ax, 0, f"{estimate_text(pooled)}  {verdict_text(pooled)}\n{prediction}; I\u00b2 {i2}, tau {tau}",
           color, bold=True)
    xlim = axis_limits(scale, ends + list(scale.to_axis(np.append(runs["estimate"], pooled.estimate))), bounds)
    ax.set_xlim(*xlim)
    claimed_range(ax, pooled.claimed_low, pooled.claimed_high, xlim)
    if np.isfinite(scale.reference):
        ax.axvline(scale.reference, color="black", linewidth=0.8, zorder=2)
    ax.axhline(0.5, color="#999999", linewidth=0.6, linestyle=":")
    ax.set_yticks(ys + [0], [str(r) for r in runs["run"]] + [f"pooled ({fmt_int(pooled.runs)} runs)"], fontsize=7)
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.set_ylim(-0.6, len(runs) + 0.6)
    ax.grid(axis="y", visible=False)
    value_axis(ax, scale, unit, xlim)


def value_axis(ax, scale: AxisScale, unit: str, limits, vertical=False):
    """A claim's value axis (x, or with vertical y): its unit and what the number is as the label, and on a
    log axis ticks at round ratios, written "2x"."""
    what = CLAIM_UNITS.get(unit, ("",))[0]
    notes = [n for n in (what, "log scale" if scale.log else "") if n]
    axis = ax.yaxis if vertical else ax.xaxis
    axis.set_label_text(unit + (("\n(" if vertical else " (") + ", ".join(notes) + ")" if notes else ""),
                        fontsize=7 if vertical else 7.5)
    ax.tick_params(axis="y" if vertical else "x", labelsize=7)
    if scale.log:
        axis.set_ticks(nice_ticks(*limits))
        axis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
        axis.set_minor_formatter(ticker.NullFormatter())


def _in_unit(run, unit):
    """A pooled-runs.csv row with its comparison's unit, as estimate_text reads it."""
    return SimpleNamespace(estimate=run.estimate, ci_low=run.ci_low, ci_high=run.ci_high, unit=unit)


def _panel_title(ax, pooled, several_pools: bool):
    """"conversion: upfront vs per chunk, Java" (and the pooled folder, where the figure has several)."""
    name = f"{claim_name(pooled.claim)}: {claim_row_name(pooled.row)}, {language_name(pooled.language)}"
    ax.set_title(name + (f" [{pooled.pool}]" if several_pools else ""), loc="left", fontsize=8, fontweight="bold")


def _forest_legend(fig):
    line = matplotlib.lines.Line2D
    handles = [line([], [], marker="o", markersize=4, color="#555555", linewidth=1.0,
                    label="a run's estimate, 95 % interval (its own verdict's colour)"),
               line([], [], marker="D", markersize=6, color="#555555", markeredgecolor="black", linewidth=2.6,
                    label="pooled estimate, 95 % interval"),
               line([], [], label="prediction interval (95 %, three runs or more)", **PREDICTION_STYLE),
               Patch(label="claimed range", **CLAIM_BAND)]
    handles += [line([], [], marker="o", linestyle="none", color=c, label=v) for v, c in VERDICT_COLORS.items()
                if v != "no claim"]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=6.8, bbox_to_anchor=(0.5, 0.0))


def _pools_text(study: PooledStudy, manifests: dict | None) -> str:
    """"pooled over 3 runs: a (0123456789ab), b, c": the runs of each pooled folder, from its manifest."""
    texts = []
    for pool in dict.fromkeys(study.claims[POOL]):
        runs = ((manifests or {}).get(pool) or {}).get("runs") or []
        named = [str(r.get("folder") or r.get("id")) + (f" ({str(r['commit'])[:12]})" if r.get("commit") else "")
                 for r in runs if isinstance(r, dict)]
        if not named:
            named = list(dict.fromkeys(study.runs.loc[study.runs[POOL] == pool, "run"]))
        texts.append(f"{pool}: pooled over {len(named)} runs" + (f" ({', '.join(named)})" if named else ""))
    return "; ".join(texts)


@styled
def pooled_forest(study: PooledStudy | None, manifests=None, language: str | None = None) -> Plot:
    """Per primary comparison and language a panel: each run's estimate with its
    95 % interval, then the pooled estimate with its 95 % interval and prediction
    interval, over the claimed range, as pooled-claims.csv and pooled-runs.csv hold them.
    With a language, that language's panels alone: half the height, legible on a page."""
    title = TITLE if language is None else f"{TITLE}, {language_name(language)}"
    if study is None:
        return placeholder(title, NEEDS)
    panels = primary_comparisons(study.claims)
    if language is not None:
        panels = panels[panels["language"] == language].reset_index(drop=True)
    if panels.empty:
        return placeholder(title, "pooled-claims.csv has no primary comparison"
                           + ("" if language is None else f" measured in {language_name(language)}"))
    rows = [study.runs_of(p) for p in panels.itertuples()]
    # A panel a row per run and one for the pooled estimate; stacked, so that the values fit on the right.
    heights = [(len(runs) + 1) * ROW_IN + PANEL_IN for runs in rows]
    fig = new_figure(FIG_WIDTH, sum(heights) + 1.9)
    axes = new_axes(fig, len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    several_pools = panels[POOL].nunique() > 1
    for ax, pooled, runs in zip(axes, panels.itertuples(), rows):
        forest_panel(ax, pooled, runs)
        _panel_title(ax, pooled, several_pools)
    _forest_legend(fig)
    finish(fig, title, "; ".join(b for b in (
        _pools_text(study, manifests),
        "the primary comparisons of the claims; every number as the suite wrote it (pooled-claims.csv, "
        "pooled-runs.csv): a random-effects model over the runs, as the folder's pooled-claims.md describes; "
        "right: the values as written and each verdict (\u2020 the pooled interval is wider than the target "
        "precision); an arrowhead marks an interval cut at twice the farthest estimate or claimed bound from "
        "the reference line") if b), bottom_in=0.6, h_pad=0.4)
    return Plot(fig, [])


def pooled_forest_java(study: PooledStudy | None, manifests=None) -> Plot:
    """The forest plot's Java panels (the appendix has a figure per language)."""
    return pooled_forest(study, manifests, language="java")


def pooled_forest_python(study: PooledStudy | None, manifests=None) -> Plot:
    """The forest plot's Python panels."""
    return pooled_forest(study, manifests, language="python")
