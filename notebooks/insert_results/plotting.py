"""Drawing helpers shared by every figure: style, layout, error bars, axes."""
from __future__ import annotations

import functools
import math
import textwrap
from dataclasses import dataclass, field

import numpy as np
import matplotlib
from matplotlib import ticker
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .fmt import fmt_int, fmt_sig
from .strategies import main_rows

STYLE = {
    "font.size": 9, "axes.titlesize": 9, "axes.labelsize": 9, "legend.fontsize": 7.5,
    "xtick.labelsize": 8, "ytick.labelsize": 8, "figure.titlesize": 11,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
    "grid.alpha": 0.3, "grid.linewidth": 0.6, "axes.axisbelow": True,
    "pdf.fonttype": 42, "ps.fonttype": 42, "savefig.dpi": 200, "figure.dpi": 100,
    "hatch.linewidth": 0.6, "legend.frameon": False,
}
# Okabe-Ito: distinguishable for colour-blind readers; hatches, markers and
# line styles keep series apart in grayscale print.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 1)), "-"]
FAMILY_COLORS = {"baseline": "#555555", "strategy": "#0072B2", "original": "#D55E00", "factor": "#009E73",
                 "reference": "#CC79A7", "ceiling": "#E69F00", "other": "#999999"}
FAMILY_HATCH = {"baseline": "", "strategy": "", "original": "///", "factor": "...", "reference": "xxx",
                "ceiling": "\\\\\\", "other": "---"}
FIG_WIDTH = 6.5  # inches: a thesis text width


@dataclass
class Plot:
    """A figure, what data it lacked (empty when complete), and its file stem
    (set from the figure registry, outputs.FIGURES)."""
    fig: Figure
    missing: list = field(default_factory=list)
    name: str = ""


def styled(fn):
    """Run a plotting function inside the style, so every artist it creates
    (not only the figure) picks the style up."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return fn(*args, **kwargs)
    return wrapper


def new_figure(w=FIG_WIDTH, h=3.6, **kw) -> Figure:
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(w, h), **kw)


def new_axes(fig, *args, **kw):
    with matplotlib.rc_context(STYLE):
        return fig.subplots(*args, **kw)


def finish(fig, title, subtitle=None, bottom_in=0.0, **layout):
    """Bold title and grey subtitle in a header of fixed height (inches), then
    lay the axes out below it. Plain figure text, not suptitle, because
    tight_layout would reserve room for a suptitle a second time."""
    h = fig.get_figheight()
    lines = textwrap.wrap(subtitle or "", 125)
    with matplotlib.rc_context(STYLE):
        fig.text(0.01, 1 - 0.05 / h, title, fontweight="bold", fontsize=11, ha="left", va="top")
        if lines:
            fig.text(0.01, 1 - 0.30 / h, "\n".join(lines), ha="left", va="top", fontsize=7.5, color="#444444")
        header = 0.40 + 0.13 * len(lines)
        fig.tight_layout(rect=(0, bottom_in / h, 1, 1 - header / h), **layout)


def rows_text(df, manifests=None):
    rows = [r for r in sorted(set(main_rows(df, manifests).values())) if not math.isnan(r)]
    return ("rows = " + ", ".join(fmt_int(r) for r in rows)) if rows else ""


def subtitle_text(df, manifests, extra=""):
    runs = list(dict.fromkeys(df["run"])) if not df.empty else []
    servers = [s for s in dict.fromkeys(df["server"]) if s] if "server" in df and not df.empty else []
    server = f"server {servers[0]}" if len(servers) == 1 else ""
    bits = [b for b in (rows_text(df, manifests), ("run " + ", ".join(runs)) if runs else "", server, extra) if b]
    return "; ".join(bits)


@styled
def placeholder(title: str, message: str) -> Plot:
    """A figure that says which data it needs, so every expected file exists."""
    fig = new_figure(FIG_WIDTH, 2.2)
    ax = new_axes(fig)
    panel_note(ax, message)
    finish(fig, title)
    return Plot(fig, [message])


def panel_note(ax, message, width=70):
    ax.set_axis_off()
    text = "No data in this run for this figure.\n" + "\n".join(textwrap.wrap(message, width))
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=8, transform=ax.transAxes,
            bbox=dict(boxstyle="round,pad=0.6", fc="#f3f3f3", ec="#999999"))


def finite_errors(v, lo, hi, cap=None):
    """Asymmetric error bars: no interval (no low bound) draws no bar; a low
    bound without a high one (summary.csv leaves it empty when the interval of
    the time reaches zero) is unbounded. With a cap, an upper bound above it
    (unbounded ones included) ends at the cap; the third value says which did."""
    v, lo, hi = (np.asarray(x, dtype=float) for x in (v, lo, hi))
    hi = np.where(np.isnan(hi) & ~np.isnan(lo), np.inf, hi)
    known = ~np.isnan(lo) & np.isfinite(v)
    cut = known & (hi > cap) if cap is not None else np.zeros_like(known)
    top = np.where(cut, cap if cap is not None else 0.0, np.where(np.isinf(hi), 1e300, hi))
    lower = np.where(known, np.clip(v - lo, 0, None), 0.0)
    upper = np.where(known, np.clip(top - v, 0, None), 0.0)
    return known, np.vstack([lower, upper]), cut


def interval_cap(values):
    """Where drawn intervals stop: twice the largest finite value, so that a wide
    interval from a couple of shots (or one without an upper bound) cannot
    squeeze every point to one side or stretch the figure; None without values."""
    vals = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    return 2 * vals.max() if vals.size and vals.max() > 0 else None


def two_sided_errors(v, lo, hi, center, reach):
    """finite_errors on both sides of center, for values that may lie on either
    side of it (a difference, a log ratio): an interval ends at most reach
    (interval_cap of the values' distances from center) away from center, an
    unbounded side there too. Returns (known, left end, right end, cut on the
    left, cut on the right); known as finite_errors has it."""
    v, lo = np.asarray(v, dtype=float), np.asarray(lo, dtype=float)
    hi = upper_bounds(lo, hi)
    known, right, cut_right = finite_errors(v - center, lo - center, hi - center, reach)
    # The left side is the right side of the mirrored interval.
    _, left, cut_left = finite_errors(center - v, center - hi, center - lo, reach)
    return known, v - left[1], v + right[1], cut_left & known, cut_right & known


CUT_NOTE = "an arrowhead marks an interval cut at twice the largest value (its bound is in summary.csv)"
# Behind a value label that an interval's line runs through (an unbounded or cut one).
LABEL_BOX = dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.85)


def errorbars(ax, x, y, lo, hi, horizontal=False, cap=None, **kw):
    """95 % intervals as error bars; with a cap (interval_cap), upper bounds
    above it end there in an arrowhead."""
    known, err, cut = finite_errors(x if horizontal else y, lo, hi, cap)
    if not known.any():
        return
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    style = dict(fmt="none", ecolor="black", elinewidth=0.9, capsize=2.5, zorder=5)
    style.update(kw)
    if horizontal:
        ax.errorbar(x[known], y[known], xerr=err[:, known], **style)
    else:
        ax.errorbar(x[known], y[known], yerr=err[:, known], **style)
    if cut.any():
        at_x, at_y = (np.full(cut.sum(), cap), y[cut]) if horizontal else (x[cut], np.full(cut.sum(), cap))
        ax.plot(at_x, at_y, linestyle="none", marker=">" if horizontal else "^", markersize=4,
                color=style["ecolor"], zorder=style["zorder"])


def label_end(v, hi, cap=None):
    """Where a value label goes: past the error bar when there is one, and no
    further than the cap (interval_cap) where the bar was cut."""
    end = hi if hi is not None and np.isfinite(hi) and hi > v else v
    return min(end, cap) if cap is not None and np.isfinite(v) and end > cap else end


def upper_bounds(lo, hi):
    """The upper bounds as errorbars draws them: infinite where an interval has
    a low bound but no high one (unbounded), NaN where there is no interval."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    return np.where(np.isnan(hi) & ~np.isnan(lo), np.inf, hi)


def limit_axis(ax, values, axis="x", lower=0.0, pad=1.12, highs=(), cap=None):
    """Axis range from the finite values, padded. highs (upper_bounds) widen it
    up to the cap only (default interval_cap of the values): a wide or unbounded
    interval ends at the cap in an arrowhead instead of squeezing every point to
    its left."""
    vals = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    if vals.size == 0:
        return
    cap = interval_cap(vals) if cap is None else cap
    tops = [min(h, cap) for h in highs if h is not None and not np.isnan(h) and (np.isfinite(h) or cap is not None)]
    top = max([vals.max()] + tops) * pad
    (ax.set_xlim if axis == "x" else ax.set_ylim)(lower, top if top > lower else lower + 1)


def rate_formatter():
    def f(v, _pos=None):
        if v == 0:
            return "0"
        for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
            if abs(v) >= div:
                x = v / div
                return f"{x:.0f}{suf}" if x >= 10 or x == int(x) else f"{x:.1f}{suf}"
        return f"{v:g}"
    return ticker.FuncFormatter(f)


def series_style(i):
    return dict(color=PALETTE[i % len(PALETTE)], marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)])



def run_suffix(frame):
    return (" (" + frame["run"] + ")") if frame["run"].nunique() > 1 else ""


def log_ticks(ax, values, axis="x"):
    """Ticks exactly at the measured values of a log axis."""
    ticks = sorted(set(float(v) for v in values if np.isfinite(v)))
    setter = ax.set_xticks if axis == "x" else ax.set_yticks
    setter(ticks, [fmt_int(t) for t in ticks])
    (ax.xaxis if axis == "x" else ax.yaxis).set_minor_locator(ticker.NullLocator())
    if len(ticks) == 1:  # a one-point log axis needs a range around the point
        (ax.set_xlim if axis == "x" else ax.set_ylim)(ticks[0] / 1.6, ticks[0] * 1.6)


def nice_ticks(lo, hi):
    cands = [0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000]
    ticks = [t for t in cands if lo <= t <= hi]
    # Keep ticks at least a factor 1.3 apart on the log axis, and at most about seven on it.
    gap = max(1.3, (hi / lo) ** (1 / 7)) if lo > 0 else 1.3
    out = []
    for t in ticks:
        if not out or t / out[-1] >= gap or t == 1:
            if out and t == 1 and t / out[-1] < gap:
                out.pop()
            out.append(t)
    return out or [lo, hi]


def grouped_rate_bars(ax, points, group: str, series: str, order: list, styles: dict, names: dict, title=None, *,
                      groups: list | None = None, tick_labels: list | None = None, pad: float = 1.3):
    """rows/s bars with their 95 % intervals: one group per value of the group
    column (as they come, or the given groups in their order) and one bar per
    value of the series column (in order, unknown values last), each labelled
    upright with its value ("*": no interval). styles maps a series value to
    (colour, hatch), names to its legend label (default: the value itself).
    The groups are ticked with their values, or with tick_labels (slanted).
    Returns the series values drawn."""
    groups = list(dict.fromkeys(points[group])) if groups is None else groups
    values = [v for v in order if v in set(points[series])] + sorted(set(points[series]) - set(order))
    width = 0.8 / len(values)
    cap = interval_cap(points["rows_per_s"])
    for i, value in enumerate(values):
        p = points[points[series] == value].set_index(group).reindex(groups)
        x = np.arange(len(groups)) + (i - (len(values) - 1) / 2) * width
        color, hatch = styles.get(value, ("#999999", "---"))
        ax.bar(x, p["rows_per_s"].fillna(0), width * 0.9, color=color, hatch=hatch, edgecolor="black", linewidth=0.5,
               label=names.get(value, value))
        errorbars(ax, x, p["rows_per_s"], p["rows_per_s_low"], p["rows_per_s_high"], cap=cap)
        for xx, v, hi, ok in zip(x, p["rows_per_s"], p["rows_per_s_high"], p["rows_per_s_low"].notna()):
            if np.isfinite(v):
                ax.annotate(fmt_sig(v) + ("" if ok else "*"), (xx, label_end(v, hi, cap)), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", fontsize=6, rotation=90,
                            bbox=LABEL_BOX)
    if tick_labels is None:
        ax.set_xticks(np.arange(len(groups)), groups, fontsize=7.5)
    else:
        ax.set_xticks(np.arange(len(groups)), tick_labels, fontsize=7, rotation=15, ha="right")
    ax.set_ylabel("throughput (rows/s)")
    ax.yaxis.set_major_formatter(rate_formatter())
    limit_axis(ax, points["rows_per_s"], "y", pad=pad, highs=upper_bounds(points["rows_per_s_low"], points["rows_per_s_high"]),
               cap=cap)
    ax.grid(axis="x", visible=False)
    if title:
        ax.set_title(title, loc="left")
    return values


def run_panels(points, group: str, series: str, order: list, styles: dict, names: dict, legend_title: str,
               panel_title, *, panel_height: float = 2.9, bar_options=None):
    """One panel of grouped_rate_bars per run, stacked; panel_title(run, its
    points) names a panel when there are several runs; bar_options(its points),
    when given, adds grouped_rate_bars' keyword arguments (groups, tick_labels,
    pad). A legend lists the series shown, in order (names default to the
    values). Returns the figure and the series shown."""
    runs = list(dict.fromkeys(points["run"]))
    fig = new_figure(FIG_WIDTH, panel_height * len(runs) + 0.9)
    axes = np.atleast_1d(new_axes(fig, len(runs), 1))
    shown = set()
    for ax, run in zip(axes, runs):
        mine = points[points["run"] == run]
        shown |= set(grouped_rate_bars(ax, mine, group, series, order, styles, names,
                                       panel_title(run, mine) if len(runs) > 1 else None,
                                       **(bar_options(mine) if bar_options else {})))
    handles = [Patch(facecolor=styles[v][0], hatch=styles[v][1], edgecolor="black", linewidth=0.5,
                     label=names.get(v, v)) for v in order if v in shown]
    axes[0].legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7,
                   title_fontsize=7)
    return fig, shown


def not_measured(order: list, shown, what: str, needs: str) -> list:
    """The line for Plot.missing naming the values of order a figure did not show, if any."""
    absent = [v for v in order if v not in shown]
    return [f"{what} not measured in this run: {', '.join(absent)} ({needs})"] if absent else []


def round_axis(ax, rounds: np.ndarray):
    """Dotted separators between rounds; a tick per round, at its middle."""
    starts = np.flatnonzero(np.r_[True, rounds[1:] != rounds[:-1]])
    ends = np.r_[starts[1:], len(rounds)]
    for s in starts[1:]:
        ax.axvline(s + 0.5, color="#777777", linewidth=0.7, linestyle=":")
    mids = (starts + ends - 1) / 2 + 1
    step = max(1, math.ceil(len(starts) / (16 if ax.get_subplotspec().get_gridspec().ncols < 2 else 8)))
    ax.set_xticks(mids[::step], [fmt_int(r) for r in rounds[starts][::step]])
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    ax.set_xlim(0.5, len(rounds) + 0.5)
