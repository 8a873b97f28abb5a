"""The transport study: which configurations compare TCP, TLS and the Unix-domain
socket under the same strategy, and their figure. Selection and drawing only:
every number is a summary.csv column as the suite wrote it.
"""
from __future__ import annotations

import pandas as pd

from .figures import CI_NOTE, NO_INTERVAL_NOTE
from .load import PARAMS
from .plotting import PALETTE, Plot, finish, not_measured, placeholder, run_panels, styled, subtitle_text
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


@styled
def transport_cost(df, manifests=None) -> Plot:
    """rows/s (with its 95 % interval) per transport, grouped by strategy."""
    points = transport_points(df, manifests)
    if points.empty:
        return placeholder(TITLE, NEEDS + this_run_note(manifests))
    fig, shown = run_panels(points, "point", TRANSPORT, TRANSPORT_ORDER, TRANSPORT_STYLE, TRANSPORT_NAMES, "transport",
                            lambda run, _: f"run {run}")
    finish(fig, TITLE, subtitle_text(points, manifests, f"every login scram-sha-256; {CI_NOTE}; {NO_INTERVAL_NOTE}"))
    return Plot(fig, not_measured(TRANSPORT_ORDER, shown, "transports", NEEDS))
