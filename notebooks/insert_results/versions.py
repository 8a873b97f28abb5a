"""PostgreSQL's major version and the server profile as factors: each strategy's
rows/s on each server of a run over several servers (summary.csv's server
column). Selection and
drawing only: every number is a summary.csv column as the suite wrote it.
"""
from __future__ import annotations

import pandas as pd

from .figures import CI_NOTE, NO_INTERVAL_NOTE
from .plotting import PALETTE, Plot, finish, placeholder, run_panels, styled, subtitle_text
from .strategies import plot_data, this_run_note

SERVER = "server"
# Hatches keep the servers apart in grayscale print.
HATCHES = ["", "///", "...", "xxx", "\\\\\\", "---"]
# The sync baseline and the strategies under study, with psql as the client-side reference.
FAMILIES = ("baseline", "strategy", "reference")

TITLE = "Throughput of each strategy per PostgreSQL server"
NEEDS = ("needs a run over several servers: run profile versions, standard or thesis (their bulk comparison), "
         "or any profile with --pg-version (and --pg-bin) or --server-profile durable,bulk")


def server_points(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """The strategies' configurations of every run that measured more than one
    server, each configuration kept only where it was measured on two servers
    or more; servers in the order the run measured them."""
    data = plot_data(df, manifests, every_server=True)
    data = data[data["family"].isin(FAMILIES) & (data[SERVER] != "")]
    if data.empty:
        return data
    data = data[data.groupby("run")[SERVER].transform("nunique") > 1]
    data = data[data.groupby(["run", "strategy", "configuration"])[SERVER].transform("nunique") > 1]
    # what is compared across servers: the strategy (its name) at one configuration
    return data.assign(_point=data["strategy"] + " " + data["configuration"]).reset_index(drop=True)


def server_styles(servers: list) -> dict:
    """Colour and hatch per server, in the order the servers ran."""
    return {s: (PALETTE[i % len(PALETTE)], HATCHES[i % len(HATCHES)]) for i, s in enumerate(servers)}


def _bar_options(points: pd.DataFrame) -> dict:
    """A run's strategy points, sync baseline first, ticked with the strategy's name."""
    order = points.sort_values(["family_order", "bench_order"])["_point"].drop_duplicates().tolist()
    labels = points.drop_duplicates("_point").set_index("_point")["strategy"].reindex(order)
    return {"groups": order, "tick_labels": [str(s) for s in labels], "pad": 1.35}


@styled
def throughput_per_server(df, manifests=None) -> Plot:
    """rows/s (with its 95 % interval) per strategy, one bar per server."""
    points = server_points(df, manifests)
    if points.empty:
        return placeholder(TITLE, NEEDS + this_run_note(manifests))
    # one colour and hatch per server across the panels, in the order the servers ran
    servers = list(dict.fromkeys(points[SERVER]))
    styles = {s: (PALETTE[i % len(PALETTE)], HATCHES[i % len(HATCHES)]) for i, s in enumerate(servers)}
    fig, _ = run_panels(points, "_point", SERVER, servers, styles, {}, "server", lambda run, _: f"run {run}",
                        panel_height=3.2, bar_options=_bar_options)
    finish(fig, TITLE, subtitle_text(points, manifests, f"servers in the order run; {CI_NOTE}; {NO_INTERVAL_NOTE}"))
    return Plot(fig, [])
