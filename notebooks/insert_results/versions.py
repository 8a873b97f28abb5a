"""PostgreSQL's major version as a factor: each strategy's rows/s on each server
of a run over several servers (summary.csv's server column). Selection and
drawing only: every number is a summary.csv column as the suite wrote it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .figures import CI_NOTE, NO_INTERVAL_NOTE
from .plotting import (PALETTE, Plot, finish, panel_per_run, placeholder, rows_per_s_axis, styled, subtitle_text,
                       vertical_bar_values)
from .strategies import plot_data, this_run_note

SERVER = "server"
# Hatches keep the servers apart in grayscale print.
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "---"]
# The sync baseline and the strategies under study, with psql as the client-side reference.
FAMILIES = ("baseline", "strategy", "reference")

TITLE = "Throughput of each strategy per PostgreSQL server"
NEEDS = ("needs a run over several servers: run profile versions, or any profile with --pg-version "
         "(and --pg-bin)")


def server_points(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """The strategies' configurations of every run that measured more than one
    server, each configuration kept only where it was measured on two servers
    or more; servers in the order the run measured them."""
    data = plot_data(df, manifests)
    data = data[data["family"].isin(FAMILIES) & (data[SERVER] != "")]
    if data.empty:
        return data
    data = data[data.groupby("run")[SERVER].transform("nunique") > 1]
    data = data[data.groupby(["run", "strategy", "configuration"])[SERVER].transform("nunique") > 1]
    # what is compared across servers: the strategy (its name) at one configuration
    return data.assign(_point=data["strategy"] + " " + data["configuration"]).reset_index(drop=True)


def _panel(ax, points: pd.DataFrame, title: str | None) -> list:
    servers = list(dict.fromkeys(points[SERVER]))
    order = points.sort_values(["family_order", "bench_order"])["_point"].drop_duplicates().tolist()
    width = 0.8 / len(servers)
    for i, server in enumerate(servers):
        p = points[points[SERVER] == server].set_index("_point").reindex(order)
        x = np.arange(len(order)) + (i - (len(servers) - 1) / 2) * width
        ax.bar(x, p["rows_per_s"].fillna(0), width * 0.9, color=PALETTE[i % len(PALETTE)],
               hatch=HATCHES[i % len(HATCHES)], edgecolor="black", linewidth=0.5, label=server)
        vertical_bar_values(ax, x, p["rows_per_s"], p["rows_per_s_low"], p["rows_per_s_high"])
    labels = points.drop_duplicates("_point").set_index("_point")["strategy"].reindex(order)
    ax.set_xticks(np.arange(len(order)), [str(s) for s in labels], fontsize=7, rotation=15, ha="right")
    rows_per_s_axis(ax, points, pad=1.35, title=title)
    return servers


@styled
def throughput_per_server(df, manifests=None) -> Plot:
    """rows/s (with its 95 % interval) per strategy, one bar per server."""
    points = server_points(df, manifests)
    if points.empty:
        return placeholder(TITLE, NEEDS + this_run_note(manifests))
    fig, axes, runs = panel_per_run(points, 3.2)
    for ax, run in zip(axes, runs):
        servers = _panel(ax, points[points["run"] == run], f"run {run}" if len(runs) > 1 else None)
        handles = [Patch(facecolor=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)], edgecolor="black",
                         linewidth=0.5, label=s) for i, s in enumerate(servers)]
        ax.legend(handles=handles, title="server", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7,
                  title_fontsize=7)
    finish(fig, TITLE, subtitle_text(points, manifests, f"servers in the order run; {CI_NOTE}; {NO_INTERVAL_NOTE}"))
    return Plot(fig, [])
