"""The table-shape study: which factor-study configurations compare the shapes of
the target table (no index, primary key, primary key and two indexes, UNLOGGED),
and their figure. Selection and drawing only: every number is a summary.csv
column as the suite wrote it.
"""
from __future__ import annotations

import pandas as pd

from . import schema
from .figures import CI_NOTE, NO_INTERVAL_NOTE
from .load import PARAMS
from .plotting import PALETTE, Plot, finish, not_measured, placeholder, run_panels, styled, subtitle_text
from .strategies import FACTOR, config_text, plot_data, this_run_note

SHAPE = "tableShape"
# In the order of the suite's TableShape enum: the plain heap first, the reference of the others.
SHAPE_ORDER = ["HEAP", "PRIMARY_KEY", "PRIMARY_KEY_AND_INDEXES", "UNLOGGED"]
SHAPE_NAMES = {"HEAP": "no index", "PRIMARY_KEY": "primary key", "PRIMARY_KEY_AND_INDEXES": "primary key + 2 indexes",
               "UNLOGGED": "UNLOGGED, no index"}
# Colour and hatch per shape, so the bars stay apart in grayscale print.
SHAPE_STYLE = {"HEAP": (PALETTE[0], ""), "PRIMARY_KEY": (PALETTE[1], "///"),
               "PRIMARY_KEY_AND_INDEXES": (PALETTE[3], "xxx"), "UNLOGGED": (PALETTE[2], "...")}
PROTOCOL_ORDER = ["BATCH", "BATCH_REWRITE", "MULTI_VALUES", "UNNEST", "COPY_TEXT", "COPY_CSV", "COPY_BINARY"]
# The factors besides the two this study varies.
_OTHER_PARAMS = [p for p in PARAMS if p not in ("protocol", SHAPE)]

TITLE = "Cost of each table shape per protocol"
NEEDS = (f"needs {schema.benchmark_class('FACTOR_POINT')} configurations that differ only in tableShape and protocol: run profile standard "
         "or thesis (smoke fills one indexed table, with tiny data)")


def _order(values, known):
    return values.map(lambda v: known.index(v) if v in known else len(known))


def _shape_base(run_points: pd.DataFrame) -> pd.DataFrame:
    """One run's configurations at the setting of the other factors measured in
    the most table shapes (the factor base, in the profiles); empty unless that
    is at least two shapes."""
    groups = [g for _, g in run_points.groupby(["rows"] + _OTHER_PARAMS, dropna=False, sort=False)]
    best = max(groups, key=lambda g: (g[SHAPE].nunique(), len(g)))
    return best if best[SHAPE].nunique() > 1 else best.iloc[0:0]


def shape_points(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """Factor-study configurations that differ from each other only in
    tableShape and protocol, per run at its dataset size: the protocols measured
    in at least two shapes, ordered by protocol, then shape."""
    data = plot_data(df, manifests)
    factor = data[(data["benchmark"] == FACTOR) & (data[SHAPE] != "")]
    if factor.empty:
        return factor
    points = pd.concat([_shape_base(g) for _, g in factor.groupby("run", sort=False)])
    points = points[points.groupby(["run", "protocol"])[SHAPE].transform("nunique") > 1]
    return (points.assign(_p=_order(points["protocol"], PROTOCOL_ORDER), _s=_order(points[SHAPE], SHAPE_ORDER))
            .sort_values(["run", "_p", "_s"]).drop(columns=["_p", "_s"]).reset_index(drop=True))


def base_text(points: pd.DataFrame) -> str:
    """The other factors' setting the points share, e.g. "chunkSize 5,000, tasks 4; POOLED, ..."."""
    row = points.iloc[0]
    return config_text([(p, row[p]) for p in _OTHER_PARAMS])


@styled
def table_shape_cost(df, manifests=None) -> Plot:
    """rows/s (with its 95 % interval) per table shape, grouped by protocol."""
    points = shape_points(df, manifests)
    if points.empty:
        return placeholder(TITLE, NEEDS + this_run_note(manifests))
    fig, shown = run_panels(points, "protocol", SHAPE, SHAPE_ORDER, SHAPE_STYLE, SHAPE_NAMES, "table shape",
                            lambda run, mine: f"run {run}: other factors at {base_text(mine)}")
    others = (f"other factors at {base_text(points)}" if points["run"].nunique() == 1
              else "other factors as each panel says")
    finish(fig, TITLE, subtitle_text(points, manifests, f"factor study, {others}; {CI_NOTE}; {NO_INTERVAL_NOTE}"))
    return Plot(fig, not_measured(SHAPE_ORDER, shown, "table shapes", NEEDS))
