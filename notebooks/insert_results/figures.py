"""The strategy figures: each draws summary.csv columns as the suite wrote them.

A figure function takes the configurations (load.load_runs + strategies.with_names)
and the manifests, and returns a Plot; a figure whose data the run lacks is a
placeholder that names the run-bench.sh profile producing it. Which file each
becomes is the registry's business (outputs.FIGURES).
"""
from __future__ import annotations

import math
import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.patches import Patch

from .fmt import fmt_int, fmt_sig
from .load import PARAMS
from .plotting import (CUT_NOTE, FAMILY_COLORS, FAMILY_HATCH, FIG_WIDTH, LABEL_BOX, PALETTE, STYLE, Plot, errorbars,
                       finish,
                       interval_cap, label_end, limit_axis, log_ticks, new_axes, new_figure, nice_ticks, panel_note, placeholder,
                       rate_formatter, run_suffix, series_style, styled, subtitle_text, upper_bounds)
from .strategies import (CEIL_INSERT_SELECT, CEIL_PARALLEL, CEIL_SERVER_COPY, FACTOR, FAMILY_NAMES, FAMILY_ORDER,
                         NEW_CONN, POOLED_BATCH, POOLED_COPY, SYNC, best_over, best_per_strategy, hint_for_missing,
                         plot_data, strategy_order)

CI_NOTE = ("error bars: 95 % interval (Student's t over the n measured shots, from summary.csv); "
           "none where fewer than two shots were measured; " + CUT_NOTE)
NO_INTERVAL_NOTE = "* fewer than two shots, no interval"


@styled
def throughput_best(df, manifests=None) -> Plot:
    """rows/s per strategy at its best configuration."""
    title = "Throughput of each strategy at its best configuration"
    best = best_per_strategy(plot_data(df, manifests))
    if best.empty:
        return placeholder(title, hint_for_missing(df, [SYNC, POOLED_COPY], manifests))
    runs = list(dict.fromkeys(best["run"]))
    order = best.groupby("strategy")["rows_per_s"].max().sort_values().index.tolist()
    height = 1.3 + 0.24 * len(order) * max(1.0, len(runs) * 0.75)
    fig = new_figure(FIG_WIDTH, height)
    ax = new_axes(fig)
    bar_h = 0.8 / len(runs)
    cap = interval_cap(best["rows_per_s"])
    for i, run in enumerate(runs):
        b = best[best["run"] == run].set_index("strategy").reindex(order)
        y = np.arange(len(order)) + ((len(runs) - 1) / 2 - i) * bar_h
        fam = b["family"].fillna("other")
        colors = [FAMILY_COLORS.get(f, FAMILY_COLORS["other"]) for f in fam] if len(runs) == 1 \
            else PALETTE[i % len(PALETTE)]
        bars = ax.barh(y, b["rows_per_s"].fillna(0), height=bar_h * 0.85, color=colors, edgecolor="black",
                       linewidth=0.5)
        for bar, f in zip(bars, fam):
            bar.set_hatch(FAMILY_HATCH.get(f, ""))
        errorbars(ax, b["rows_per_s"], y, b["rows_per_s_low"], b["rows_per_s_high"], horizontal=True, cap=cap)
        for yy, v, hi, ok in zip(y, b["rows_per_s"], b["rows_per_s_high"], b["rows_per_s_low"].notna()):
            if np.isfinite(v):
                ax.text(label_end(v, hi, cap), yy, " " + fmt_sig(v) + ("" if ok else " *"), va="center", ha="left",
                        fontsize=7, bbox=LABEL_BOX)
    ax.set_yticks(np.arange(len(order)), order)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.set_xlabel("throughput (rows/s, higher is better)")
    ax.xaxis.set_major_formatter(rate_formatter())
    limit_axis(ax, best["rows_per_s"], "x", pad=1.22, highs=upper_bounds(best["rows_per_s_low"], best["rows_per_s_high"]),
               cap=cap)
    ax.grid(axis="y", visible=False)
    fams = [f for f in FAMILY_ORDER if f in set(best["family"])]
    if len(runs) == 1:
        handles = [Patch(facecolor=FAMILY_COLORS[f], hatch=FAMILY_HATCH[f], edgecolor="black", linewidth=0.5,
                         label=FAMILY_NAMES[f]) for f in fams]
    else:
        # Colour tells the runs apart; families sharing a hatch share a legend entry.
        by_hatch = {}
        for f in fams:
            by_hatch.setdefault(FAMILY_HATCH[f], []).append(FAMILY_NAMES[f])
        handles = [Patch(facecolor="white", hatch=h, edgecolor="black", linewidth=0.5, label=", ".join(n))
                   for h, n in by_hatch.items()]
        handles += [Patch(facecolor=PALETTE[i % len(PALETTE)], edgecolor="black", label=r)
                    for i, r in enumerate(runs)]
    finish(fig, title, subtitle_text(best, manifests, CI_NOTE + "; " + NO_INTERVAL_NOTE))
    # below the figure, where no bar, interval or value label can be: the longest bars reach the right edge
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(handles), 3), fontsize=7,
               frameon=False)
    missing = [] if (best["benchmark"] == SYNC).any() else [hint_for_missing(df, [SYNC], manifests)]
    return Plot(fig, missing)


@styled
def throughput_vs_chunk(df, manifests=None) -> Plot:
    """rows/s vs chunk size, one line per strategy (best over tasks)."""
    title = "Throughput vs chunk size"
    data = plot_data(df, manifests)
    data = data[data["chunkSize"].notna() & data["family"].isin(["baseline", "strategy", "factor"])].copy()
    if data.empty:
        return placeholder(title, hint_for_missing(df, [SYNC, POOLED_BATCH, POOLED_COPY], manifests))
    data["strategy"] = data["strategy"] + run_suffix(data)
    panels = [(t, data[data["family"].isin(f)]) for t, f in
              (("strategies under study, best over tasks", ["baseline", "strategy"]),
               ("factor study by protocol, best over the other factors", ["factor"]))]
    panels = [(t, g) for t, g in panels if not g.empty]
    fig = new_figure(FIG_WIDTH, 3.0 * len(panels) + 0.7)
    axes = new_axes(fig, len(panels), 1, squeeze=False)[:, 0]
    for ax, (panel, g) in zip(axes, panels):
        pts = best_over(g, ["run", "strategy", "chunkSize"])
        order = strategy_order(pts)
        cap = interval_cap(pts["rows_per_s"])
        for i, s in enumerate(order):
            p = pts[pts["strategy"] == s].sort_values("chunkSize")
            # Nudge series apart on the log axis so their error bars do not overlap.
            x = p["chunkSize"] * (1 + 0.035 * (i - (len(order) - 1) / 2))
            st = series_style(i)
            ax.plot(x, p["rows_per_s"], label=s, markersize=4.5, linewidth=1.3, **st)
            errorbars(ax, x, p["rows_per_s"], p["rows_per_s_low"], p["rows_per_s_high"], ecolor=st["color"],
                      elinewidth=0.8, cap=cap)
        ax.set_xscale("log")
        log_ticks(ax, pts["chunkSize"])
        ax.set_xlabel("chunk size (rows per chunk and transaction, log scale)")
        ax.set_ylabel("throughput (rows/s)")
        ax.yaxis.set_major_formatter(rate_formatter())
        limit_axis(ax, pts["rows_per_s"], "y", pad=1.1, highs=upper_bounds(pts["rows_per_s_low"], pts["rows_per_s_high"]),
                   cap=cap)
        ax.set_title(panel, loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    finish(fig, title, subtitle_text(data, manifests, CI_NOTE))
    missing = [] if (data["family"] == "factor").any() else \
        [hint_for_missing(df, [FACTOR], manifests) + " for the per-protocol panel"]
    return Plot(fig, missing)


@styled
def scaling(df, manifests=None) -> Plot:
    """rows/s vs tasks per strategy, with the ideal linear line as a guide."""
    title = "Scaling with parallel tasks"
    data = plot_data(df, manifests)
    data = data[data["tasks"].notna() & data["family"].isin(["strategy", "original", "ceiling"])]
    if data.empty:
        return placeholder(title, hint_for_missing(df, [POOLED_COPY, POOLED_BATCH, CEIL_PARALLEL], manifests))
    panels = [(run, s) for run in dict.fromkeys(data["run"]) for s in strategy_order(data[data["run"] == run])]
    ncol = min(4, len(panels))
    nrow = math.ceil(len(panels) / ncol)
    fig = new_figure(FIG_WIDTH, 1.95 * nrow + 1.2)
    axes = new_axes(fig, nrow, ncol, squeeze=False)
    sync = best_per_strategy(plot_data(df, manifests))
    sync = sync[sync["benchmark"] == SYNC].set_index("run")["rows_per_s"]
    multi = data["run"].nunique() > 1
    for k, ax in enumerate(axes.flat):
        if k >= len(panels):
            ax.set_axis_off()
            continue
        run, strategy = panels[k]
        g = best_over(data[(data["run"] == run) & (data["strategy"] == strategy)], ["tasks"])
        ax.plot(g["tasks"], g["rows_per_s"], color=PALETTE[0], marker="o", markersize=4, linewidth=1.3,
                label="measured (best chunk size)")
        cap = interval_cap(g["rows_per_s"])
        errorbars(ax, g["tasks"], g["rows_per_s"], g["rows_per_s_low"], g["rows_per_s_high"], ecolor=PALETTE[0], cap=cap)
        # The guide line: the fewest tasks' throughput scaled by the task count.
        t0, r0 = g["tasks"].iloc[0], g["rows_per_s"].iloc[0]
        tt = np.array(sorted(g["tasks"]), dtype=float)
        ax.plot(tt, r0 * tt / t0, color="#666666", linestyle=(0, (4, 2)), linewidth=1.0, label="ideal linear")
        if run in sync.index:
            ax.axhline(sync[run], color="black", linewidth=0.8, linestyle=":", label="sync baseline (best)")
        ax.set_xscale("log", base=2)
        log_ticks(ax, tt)
        ax.yaxis.set_major_formatter(rate_formatter())
        limit_axis(ax, list(g["rows_per_s"]) + list(r0 * tt / t0) + ([sync[run]] if run in sync.index else []),
                   "y", pad=1.12, highs=upper_bounds(g["rows_per_s_low"], g["rows_per_s_high"]), cap=cap)
        ax.set_title("\n".join(textwrap.wrap(strategy + (f" ({run})" if multi else ""), 24)), fontsize=8)
        if k % ncol == 0:
            ax.set_ylabel("throughput (rows/s)")
        if k + ncol >= len(panels):
            ax.set_xlabel("parallel tasks")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=7.5, bbox_to_anchor=(0.5, 0.0))
    finish(fig, title, subtitle_text(data, manifests, "x axis log2; ideal: throughput at the fewest tasks times "
                                                      "the task ratio; " + CI_NOTE), bottom_in=0.3)
    return Plot(fig, [])


@styled
def speedup_heatmap(df, manifests=None) -> Plot:
    """x_sync (summary.csv) by chunk size x tasks, per parallel strategy under study."""
    title = "Speedup over the sync baseline by chunk size and parallel tasks"
    data = plot_data(df, manifests)
    data = data[(data["family"] == "strategy") & data["tasks"].notna() & data["chunkSize"].notna()
                & data["x_sync"].notna()]
    if data.empty:
        need = [SYNC] if not (df["benchmark"] == SYNC).any() else [POOLED_COPY, POOLED_BATCH, NEW_CONN]
        return placeholder(title, hint_for_missing(df, need, manifests))
    panels = [(run, s) for run in dict.fromkeys(data["run"]) for s in strategy_order(data[data["run"] == run])]
    ncol = min(2, len(panels))
    nrow = math.ceil(len(panels) / ncol)
    fig = new_figure(FIG_WIDTH, 2.2 * nrow + 0.9)
    gs = fig.add_gridspec(nrow, ncol + 1, width_ratios=[1] * ncol + [0.05])
    cax = fig.add_subplot(gs[:, -1])
    vals = data["x_sync"].to_numpy(dtype=float)
    lo_, hi_ = min(np.nanmin(vals), 1.0), max(np.nanmax(vals), 1.0)
    norm = matplotlib.colors.LogNorm(vmin=lo_, vmax=hi_ if hi_ > lo_ else lo_ * 1.01)
    cmap = matplotlib.colormaps["cividis"]
    multi = data["run"].nunique() > 1
    for k in range(nrow * ncol):
        with matplotlib.rc_context(STYLE):
            ax = fig.add_subplot(gs[k // ncol, k % ncol])
        if k >= len(panels):
            ax.set_axis_off()
            continue
        run, strategy = panels[k]
        g = best_over(data[(data["run"] == run) & (data["strategy"] == strategy)], ["chunkSize", "tasks"])
        grid = g.pivot(index="chunkSize", columns="tasks", values="x_sync").sort_index()
        grid = grid.reindex(columns=sorted(grid.columns))
        lows = g.pivot(index="chunkSize", columns="tasks", values="x_sync_low").reindex_like(grid)
        arr = grid.to_numpy(dtype=float)
        ax.imshow(arr, cmap=cmap, norm=norm, aspect="auto", origin="lower")
        for (i, j), v in np.ndenumerate(arr):
            if np.isfinite(v):
                r, gg, b = cmap(norm(v))[:3]
                dark = 0.299 * r + 0.587 * gg + 0.114 * b < 0.5
                star = "" if np.isfinite(lows.iat[i, j]) else "*"
                ax.text(j, i, f"{v:.2f}x{star}", ha="center", va="center", fontsize=7.5,
                        color="white" if dark else "black")
        ax.set_xticks(range(arr.shape[1]), [fmt_int(t) for t in grid.columns])
        ax.set_yticks(range(arr.shape[0]), [fmt_int(c) for c in grid.index])
        ax.grid(False)
        ax.set_title("\n".join(textwrap.wrap(strategy + (f" ({run})" if multi else ""), 34)), fontsize=8.5)
        if k + ncol >= len(panels):
            ax.set_xlabel("parallel tasks")
        if k % ncol == 0:
            ax.set_ylabel("chunk size (rows)")
    cb = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax)
    cb.set_label("speedup over sync baseline (x, log scale)")
    cb.set_ticks(nice_ticks(lo_, hi_))
    cb.ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
    cb.ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    finish(fig, title, subtitle_text(data, manifests, "x_sync of summary.csv: over the fastest sync-baseline "
                                                      "configuration; " + NO_INTERVAL_NOTE))
    return Plot(fig, [])


def _metric_bars(ax, best: pd.DataFrame, column: str, xlabel: str, title: str, labels: bool = True,
                 marker_column: str | None = None):
    """One horizontal bar per strategy (rows of best, in order) for one
    summary.csv column; "-" where the column is empty for a strategy.
    marker_column: a second column drawn as a tick on the bar (e.g. the slowest chunk)."""
    y = np.arange(len(best))
    values = best[column].astype(float)
    bars = ax.barh(y, values.fillna(0), height=0.7, edgecolor="black", linewidth=0.5,
                   color=[FAMILY_COLORS.get(f, FAMILY_COLORS["other"]) for f in best["family"]])
    for bar, f in zip(bars, best["family"]):
        bar.set_hatch(FAMILY_HATCH.get(f, ""))
    ends = list(values)
    if marker_column is not None:
        marks = best[marker_column].astype(float)
        ax.plot(marks, y, linestyle="none", marker="|", markersize=9, markeredgewidth=1.4, color="black", zorder=6)
        ends = [max(v, m) if np.isfinite(m) else v for v, m in zip(values, marks)]
    for yy, v, end in zip(y, values, ends):
        ax.text(end if np.isfinite(end) else 0, yy, " " + fmt_sig(v), va="center", fontsize=6.5)
    if labels:
        ax.set_yticks(y, list(best["label"]), fontsize=7.5)
    else:  # a panel sharing the y axis of one that names the strategies
        ax.tick_params(axis="y", labelleft=False)
    ax.set_ylim(-0.6, len(best) - 0.4)
    ax.set_xlabel(xlabel, fontsize=7.5)
    ax.xaxis.set_major_formatter(rate_formatter())
    ax.xaxis.set_major_locator(ticker.MaxNLocator(3))
    limit_axis(ax, ends, "x", pad=1.45)
    ax.grid(axis="y", visible=False)
    ax.set_title(title, loc="left", fontsize=8.5)


def _best_labelled(df, manifests, families=None) -> pd.DataFrame:
    best = best_per_strategy(plot_data(df, manifests))
    if families is not None:
        best = best[best["family"].isin(families)]
    best = best.assign(label=best["strategy"] + run_suffix(best))
    return best.iloc[::-1]  # barh draws from the bottom: the first strategy on top


def _conversion_pairs(df, manifests) -> pd.DataFrame:
    """Factor-study configurations converted UPFRONT next to their PER_CHUNK twin
    (equal in every other param): per protocol, the twin of the fastest UPFRONT one."""
    data = plot_data(df, manifests)
    factor = data[data["benchmark"] == FACTOR]
    keys = ["run"] + [p for p in PARAMS if p != "conversion"]
    cols = keys + ["alloc_bytes_per_row", "heap_peak_growth_mb", "rows_per_s"]
    up = factor.loc[factor["conversion"] == "UPFRONT", cols]
    per_chunk = factor.loc[factor["conversion"] == "PER_CHUNK", cols]
    pairs = up.merge(per_chunk, on=keys, suffixes=("_upfront", "_per_chunk"))
    return (pairs.sort_values("rows_per_s_upfront", ascending=False)
            .drop_duplicates(["run", "protocol"]).sort_values(["run", "protocol"]))


def _conversion_panel(ax, pairs: pd.DataFrame, column: str, ylabel: str, title: str):
    x = np.arange(len(pairs))
    w = 0.38
    ax.bar(x - w / 2, pairs[f"{column}_upfront"], w, color=PALETTE[2], edgecolor="black", linewidth=0.5,
           label="UPFRONT")
    ax.bar(x + w / 2, pairs[f"{column}_per_chunk"], w, color="white", edgecolor="black", linewidth=0.5,
           hatch="///", label="PER_CHUNK")
    ax.set_xticks(x, pairs["protocol"] + run_suffix(pairs), rotation=20, ha="right", fontsize=7.5)
    ax.set_ylabel(ylabel, fontsize=7.5)
    ax.yaxis.set_major_formatter(rate_formatter())
    limit_axis(ax, list(pairs[f"{column}_upfront"]) + list(pairs[f"{column}_per_chunk"]), "y", pad=1.45)
    ax.grid(axis="x", visible=False)
    ax.legend(title="conversion", loc="upper right", fontsize=7, title_fontsize=7, frameon=True, framealpha=0.95)
    ax.set_title(title, loc="left", fontsize=8.5)


@styled
def memory(df, manifests=None) -> Plot:
    """Allocation per row and heap peak growth per strategy; conversion UPFRONT vs PER_CHUNK."""
    title = "Memory: allocated per row and heap peak growth"
    best = _best_labelled(df, manifests, ["baseline", "strategy", "original", "factor"])
    if best.empty:
        return placeholder(title, hint_for_missing(df, [SYNC, POOLED_COPY], manifests))
    pairs = _conversion_pairs(df, manifests)
    fig = new_figure(FIG_WIDTH, 1.2 + 0.22 * len(best) + 2.4)
    gs = fig.add_gridspec(2, 2, height_ratios=[0.22 * len(best) + 0.6, 2.0])
    with matplotlib.rc_context(STYLE):
        top = [fig.add_subplot(gs[0, 0])]
        top.append(fig.add_subplot(gs[0, 1], sharey=top[0]))
        bottom = [fig.add_subplot(gs[1, 0]), fig.add_subplot(gs[1, 1])]
    missing = []
    _metric_bars(top[0], best, "alloc_bytes_per_row", "allocated (B/row)", "(a) JVM allocation per row")
    _metric_bars(top[1], best, "heap_peak_growth_mb", "heap peak growth (MB)", "(b) heap peak growth",
                 labels=False)
    if best["alloc_bytes_per_row"].isna().all():
        missing.append("no allocation data in this run: benchmarks must run with JMH -prof gc (the default)")
    if pairs.empty:
        msg = hint_for_missing(df, [FACTOR], manifests)
        panel_note(bottom[0], "(c) conversion UPFRONT vs PER_CHUNK: " + msg, 40)
        bottom[1].set_axis_off()
        missing.append(msg + " for the conversion panels")
    else:
        _conversion_panel(bottom[0], pairs, "alloc_bytes_per_row", "allocated (B/row)",
                          "(c) conversion, factor study: allocation")
        _conversion_panel(bottom[1], pairs, "heap_peak_growth_mb", "heap peak growth (MB)",
                          "(d) conversion: heap peak growth")
    finish(fig, title, subtitle_text(best, manifests, "each strategy at its fastest configuration; allocation: "
                                                      "JMH -prof gc per row; heap peak growth: the worst shot's "
                                                      "rise above its start (includes uncollected garbage)"),
           w_pad=1.0, h_pad=1.0)
    return Plot(fig, missing)


@styled
def cpu_and_chunk_time(df, manifests=None) -> Plot:
    """Client and server CPU per row and the mean (and slowest) chunk time per strategy."""
    title = "CPU per row and chunk time"
    best = _best_labelled(df, manifests)
    if best.empty:
        return placeholder(title, hint_for_missing(df, [SYNC, POOLED_COPY], manifests))
    fig = new_figure(FIG_WIDTH, 1.5 + 0.22 * len(best))
    axes = new_axes(fig, 1, 3, sharey=True, gridspec_kw={"width_ratios": [1, 1, 1]})
    _metric_bars(axes[0], best, "client_cpu_ns_per_row", "client CPU (ns/row)", "(a) client CPU")
    _metric_bars(axes[1], best, "server_cpu_ns_per_row", "server CPU (ns/row)", "(b) server CPU", labels=False)
    _metric_bars(axes[2], best, "mean_chunk_ms", "chunk time (ms)", "(c) mean chunk (| slowest)", labels=False,
                 marker_column="max_chunk_ms")
    missing = []
    if best["server_cpu_ns_per_row"].isna().all():
        missing.append("no server CPU in this run: the server's processes were not visible (remote or container)")
    finish(fig, title, subtitle_text(best, manifests, "each strategy at its fastest configuration; CPU time during "
                                                      "a shot per row (mean over shots; 10 ms ticks); chunk time "
                                                      "from taking a connection to the commit, loaders only"),
           w_pad=0.8)
    return Plot(fig, missing)


CEILING_SERIES = [("x_server_copy", "server-side COPY, 1 session", PALETTE[0], "o"),
                  ("x_insert_select", "INSERT ... SELECT, 1 session", PALETTE[1], "s"),
                  ("x_parallel_ceiling", "parallel server-side COPY, same tasks", PALETTE[2], "^"),
                  ("x_frozen_copy", "server-side COPY FREEZE, 1 session", PALETTE[3], "D")]
# Only standard and thesis (and smoke) run the COPY FREEZE ceiling: a quick run is complete without it.
OPTIONAL_CEILINGS = {"x_frozen_copy"}


@styled
def percent_of_ceiling(df, manifests=None) -> Plot:
    """Each strategy's rows/s over the server ceilings (summary.csv's x_* ratios), shown in percent."""
    title = "Throughput as percent of the server's own ingest ceiling"
    best = best_per_strategy(plot_data(df, manifests))
    best = best[best["family"] != "ceiling"]
    series = [s for s in CEILING_SERIES if best[s[0]].notna().any()] if not best.empty else []
    if not series:
        return placeholder(title, hint_for_missing(df, [CEIL_SERVER_COPY, CEIL_INSERT_SELECT, CEIL_PARALLEL],
                                                   manifests))
    best = best.assign(label=best["strategy"] + run_suffix(best))
    best = best.sort_values([series[0][0], "rows_per_s"], na_position="first")
    n = len(best)
    fig = new_figure(FIG_WIDTH, 1.4 + 0.24 * n)
    ax = new_axes(fig)
    y0 = np.arange(n)
    points, highs = [1.0], []
    cap = interval_cap([1.0] + [v for col, *_ in series for v in best[col]])
    for i, (col, label, color, marker) in enumerate(series):
        y = y0 + (i - (len(series) - 1) / 2) * -0.22
        ax.plot(best[col], y, linestyle="none", marker=marker, color=color, markeredgecolor="black",
                markeredgewidth=0.5, markersize=5, label=label, zorder=6)
        errorbars(ax, best[col], y, best[col + "_low"], best[col + "_high"], horizontal=True, ecolor=color,
                  elinewidth=0.8, capsize=1.8, cap=cap)
        points += list(best[col])
        highs += list(upper_bounds(best[col + "_low"], best[col + "_high"]))
    ax.axvline(1.0, color="black", linewidth=0.9, linestyle="--")
    ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    ax.set_yticks(y0, best["label"])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("percent of the ceiling's throughput")
    limit_axis(ax, points, "x", pad=1.08, highs=highs, cap=cap)
    ax.grid(axis="y", linestyle=":", alpha=0.4)
    finish(fig, title, subtitle_text(best, manifests, "100 % = what the server ingests by itself; each strategy "
                                                      "at its fastest configuration; error bars: 95 % interval of "
                                                      "the ratio (summary.csv); " + CUT_NOTE))
    # below the figure: wide intervals reach every corner of the axes
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, title="ceiling", loc="upper center", bbox_to_anchor=(0.5, 0.0),
               ncol=min(len(handles), 2), fontsize=7, title_fontsize=7, frameon=False)
    drawn = {s[0] for s in series}
    missing = [] if all(s[0] in drawn for s in CEILING_SERIES if s[0] not in OPTIONAL_CEILINGS) else \
        [hint_for_missing(df, [CEIL_SERVER_COPY, CEIL_INSERT_SELECT, CEIL_PARALLEL], manifests)]
    return Plot(fig, missing)
