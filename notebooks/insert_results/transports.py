"""The transport study: which configurations compare TCP, TLS and the Unix-domain
socket under the same strategy, and their figure. Selection and drawing only:
every number is a summary.csv column as the suite wrote it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .figures import CI_NOTE, NO_INTERVAL_NOTE
from .fmt import fmt_sig
from .load import PARAMS
from .plotting import (FIG_WIDTH, PALETTE, Plot, errorbars, finish, label_end, limit_axis, new_axes, new_figure,
                       placeholder, rate_formatter, styled, subtitle_text)
from .strategies import config_text, plot_data, strategy_name, this_run_note

TRANSPORT = "transport"
# In the order of the suite's Transport enum: plain TCP first, the reference of the others.
TRANSPORT_ORDER = ["TCP", "TLS", "UNIX_SOCKET"]
TRANSPORT_NAMES = {"TCP": "TCP", "TLS": "TCP + TLS", "UNIX_SOCKET": "Unix-domain socket"}
# Colour and hatch per transport, so the bars stay apart in grayscale print.
TRANSPORT_STYLE = {"TCP": (PALETTE[0], ""), "TLS": (PALETTE[1], "///"), "UNIX_SOCKET": (PALETTE[2], "...")}
# The parameters besides the transport: a comparison holds them equal.
_OTHER_PARAMS = [p for p in PARAMS if p != TRANSPORT]

TITLE = "Transport and connection cost"
NEEDS = ("needs NewConnectionPerChunk, PooledBatch or PooledCopy configurations that differ only in transport: "
         "run profile standard or thesis (smoke measures pooled executeBatch over TLS, with tiny data)")


def _order(values, known):
    return values.map(lambda v: known.index(v) if v in known else len(known))


def transport_points(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """Configurations of one benchmark that differ from each other only in
    transport, per run at its dataset size, ordered by run, strategy, then
    transport; each with its strategy's name."""
    data = plot_data(df, manifests)
    data = data[data[TRANSPORT] != ""]
    if data.empty:
        return data
    keys = ["run", "benchmark", "rows"] + _OTHER_PARAMS
    counts = data.groupby(keys, dropna=False, sort=False)[TRANSPORT].transform("nunique")
    points = data[counts > 1]
    if points.empty:
        return points
    names = pd.Series([f"{strategy_name(r)}\n{config_text([(p, r.get(p)) for p in ('chunkSize', 'tasks')])}"
                       for r in points.to_dict("records")], index=points.index, dtype=object)
    return (points.assign(point=names, _t=_order(points[TRANSPORT], TRANSPORT_ORDER))
            .sort_values(["run", "bench_order", "chunkSize", "tasks", "_t"]).drop(columns=["_t"])
            .reset_index(drop=True))


def _panel(ax, points: pd.DataFrame, title: str | None):
    groups = list(dict.fromkeys(points["point"]))
    transports = [t for t in TRANSPORT_ORDER if t in set(points[TRANSPORT])] + \
        sorted(set(points[TRANSPORT]) - set(TRANSPORT_ORDER))
    width = 0.8 / len(transports)
    for i, transport in enumerate(transports):
        p = points[points[TRANSPORT] == transport].set_index("point").reindex(groups)
        x = np.arange(len(groups)) + (i - (len(transports) - 1) / 2) * width
        color, hatch = TRANSPORT_STYLE.get(transport, ("#999999", "---"))
        ax.bar(x, p["rows_per_s"].fillna(0), width * 0.9, color=color, hatch=hatch, edgecolor="black", linewidth=0.5,
               label=TRANSPORT_NAMES.get(transport, transport))
        errorbars(ax, x, p["rows_per_s"], p["rows_per_s_low"], p["rows_per_s_high"])
        for xx, v, hi, ok in zip(x, p["rows_per_s"], p["rows_per_s_high"], p["rows_per_s_low"].notna()):
            if np.isfinite(v):
                ax.annotate(fmt_sig(v) + ("" if ok else "*"), (xx, label_end(v, hi)), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", fontsize=6, rotation=90)
    ax.set_xticks(np.arange(len(groups)), groups, fontsize=7)
    ax.set_ylabel("throughput (rows/s)")
    ax.yaxis.set_major_formatter(rate_formatter())
    limit_axis(ax, points["rows_per_s"], "y", pad=1.3, highs=points["rows_per_s_high"])
    ax.grid(axis="x", visible=False)
    if title:
        ax.set_title(title, loc="left")
    return transports


@styled
def transport_cost(df, manifests=None) -> Plot:
    """rows/s (with its 95 % interval) per transport, grouped by strategy."""
    points = transport_points(df, manifests)
    if points.empty:
        return placeholder(TITLE, NEEDS + this_run_note(manifests))
    runs = list(dict.fromkeys(points["run"]))
    fig = new_figure(FIG_WIDTH, 2.9 * len(runs) + 0.9)
    axes = np.atleast_1d(new_axes(fig, len(runs), 1))
    shown = set()
    for ax, run in zip(axes, runs):
        shown |= set(_panel(ax, points[points["run"] == run], f"run {run}" if len(runs) > 1 else None))
    handles = [Patch(facecolor=TRANSPORT_STYLE[t][0], hatch=TRANSPORT_STYLE[t][1], edgecolor="black", linewidth=0.5,
                     label=TRANSPORT_NAMES[t]) for t in TRANSPORT_ORDER if t in shown]
    axes[0].legend(handles=handles, title="transport", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7,
                   title_fontsize=7)
    finish(fig, TITLE, subtitle_text(points, manifests, f"every login scram-sha-256; {CI_NOTE}; {NO_INTERVAL_NOTE}"))
    absent = [t for t in TRANSPORT_ORDER if t not in shown]
    missing = [f"transports not measured in this run: {', '.join(absent)} ({NEEDS})"] if absent else []
    return Plot(fig, missing)
