"""The scale study: scale.csv (per strategy, language and size the time per row with its 95 % interval,
CPU and WAL per row and the memory held) and scale-fits.csv (per strategy and language the straight lines
time = a + b x rows and memory = c + d x rows, with 95 % intervals), their tables and figures.

Every number is the suite's, the fits included: the lines drawn are scale-fits.csv's coefficients, not a fit
made here. The memory limits drawn are scale-fits.csv's (older files: the manifest's fork heap and machine memory).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import ticker

from . import schema
from .claims import JAVA, language_name, languages
from .fmt import fmt_int, fmt_interval, fmt_sig
from .load import SCALE_FILE, SCALE_FITS_FILE, read_contract_csv, read_study
from .plotting import FIG_WIDTH, LABEL_BOX, Plot, finish, new_axes, new_figure, placeholder, series_style, styled

POINT_COLUMNS = schema.columns(SCALE_FILE)
POINT_NUMBERS = schema.of_kind(SCALE_FILE, "number")
FIT_COLUMNS = schema.columns(SCALE_FITS_FILE)
FIT_NUMBERS = schema.of_kind(SCALE_FITS_FILE, "number")
KEY = schema.require(SCALE_FILE, ["strategy", "language"])
TIME = schema.require(SCALE_FILE, ["us_per_row", "us_per_row_low", "us_per_row_high"])
COSTS = schema.require(SCALE_FILE, ["client_cpu_ns_per_row", "server_cpu_ns_per_row", "wal_bytes_per_row",
                                    "held_mb", "held_bytes_per_row", "generator_ns_per_row"])
schema.require(SCALE_FILE, ["rows", "forks", "shots", "replicate"])
schema.require(SCALE_FITS_FILE, KEY + ["forks"])
# Each coefficient with its interval, in scale-fits.csv's order: a (s) and b (us per row) of the time,
# c (10^6 bytes) and d (bytes per row) of the memory held.
A, B, C, D = (schema.require(SCALE_FITS_FILE, [name, name + "_low", name + "_high"])
              for name in ("a_s", "b_us_per_row", "c_mb", "d_bytes_per_row"))
# The memory the loads had (MB) and the rows at which the fitted memory fills it; older files lack both.
ROOM, AT_LIMIT = schema.require(SCALE_FITS_FILE, ["room_mb", "rows_at_limit"])
# scale.csv's replicate where the interval is over the forks' mean times; any other value (one fork's
# shots) says nothing about another day (results/README.md).
OVER_ROUNDS = "rounds"

NEEDS = f"no {SCALE_FILE} in this run: run-bench.sh profile scale writes it ({schema.benchmark_class('SCALE')})"
TIME_TITLE = "Time per row against the load's size (95 % intervals)"
MEMORY_TITLE = "Memory held against the load's size"


def _strategy_names() -> dict:
    """Strategy id -> name: the claims' arms and the interleaved references name the scale study's strategies
    (results/schema.json); a label's words before a colon name the arm, the rest describes it."""
    names = {}
    for claim in schema.claims():
        for arm in claim["arms"]:
            names.setdefault(arm["id"], arm["label"])
    for reference in schema.references():
        names.setdefault(reference["id"], reference["label"])
    return {k: v.split(":")[0] for k, v in names.items()}


STRATEGY_NAMES = _strategy_names()


def strategy_name(strategy) -> str:
    return STRATEGY_NAMES.get(str(strategy), str(strategy).replace("_", " "))


@dataclass
class ScaleStudy:
    """scale.csv and scale-fits.csv of every run that has scale.csv, each with a leading run column;
    fits is empty (with its columns) where no such run wrote scale-fits.csv."""
    points: pd.DataFrame
    fits: pd.DataFrame

    def strategies(self) -> list:
        """The strategies in the order scale.csv first lists them: each keeps its style in every panel."""
        return list(dict.fromkeys(self.points["strategy"]))

    def fit(self, run, strategy, language):
        """scale-fits.csv's row of one strategy and language, or None."""
        f = self.fits
        rows = f[(f["run"] == run) & (f["strategy"] == strategy) & (f["language"] == language)]
        return rows.iloc[0] if len(rows) else None


def read_points(path) -> pd.DataFrame:
    return read_contract_csv(path, POINT_COLUMNS, POINT_NUMBERS)


def read_fits(path) -> pd.DataFrame:
    return read_contract_csv(path, FIT_COLUMNS, FIT_NUMBERS, later=[ROOM, AT_LIMIT])


def load_scale(folders: dict) -> ScaleStudy | None:
    """The scale files of the runs (run id -> folder); None where no run has scale.csv."""
    found = read_study(folders, (SCALE_FILE, read_points), (SCALE_FITS_FILE, read_fits), FIT_COLUMNS)
    return None if found is None else ScaleStudy(*found)


def _ordered(frame: pd.DataFrame, strategies: list) -> pd.DataFrame:
    """Rows by run (as read), language (Java, Python), strategy (as scale.csv first lists them) and size."""
    runs = {r: i for i, r in enumerate(dict.fromkeys(frame["run"]))}
    langs = {l: i for i, l in enumerate(languages(frame))}
    ranks = {s: i for i, s in enumerate(strategies)}
    key = pd.DataFrame({"run": frame["run"].map(runs), "language": frame["language"].map(langs),
                        "strategy": frame["strategy"].map(ranks).fillna(len(ranks))}, index=frame.index)
    if "rows" in frame:
        key["rows"] = frame["rows"]
    return frame.loc[key.sort_values(list(key.columns), kind="stable").index]


def one_fork(r) -> bool:
    """The size ran in one fork: its interval, where it has one (two shots or more), is over that fork's shots."""
    return str(r.replicate) != OVER_ROUNDS


def over_one_forks_shots(r) -> bool:
    """The row's interval is over one fork's shots, not over rounds."""
    return one_fork(r) and pd.notna(r.us_per_row_low)


# ---- tables

ONE_FORK_MARK = "\u2020"
# "[95 % CI]" kept whole where a header wraps
CI = "[95\u00a0%\u00a0CI]"
TIME_COLUMN = f"\u00b5s per row {CI}"
# The table's columns after the time, in words; held bytes per row is held MB over rows (the CSV has both).
COST_NAMES = {COSTS[0]: "client CPU ns/row", COSTS[1]: "server CPU ns/row", COSTS[2]: "WAL B/row", COSTS[3]: "held MB",
              COSTS[5]: "generator ns/row"}


def scale_points(study: ScaleStudy) -> pd.DataFrame:
    """scale.csv's rows as written, by run, language, strategy and size (the table's CSV)."""
    return _ordered(study.points, study.strategies()).reset_index(drop=True)


def scale_display(study: ScaleStudy) -> pd.DataFrame:
    """Per strategy, language and size: forks (shots), the time per row with its 95 % interval (a dagger where it
    is over one fork's shots), CPU and WAL per row, memory held and the generator's CPU per row, as scale.csv has
    them."""
    rows = scale_points(study)
    multi = rows["run"].nunique() > 1
    return pd.DataFrame([{
        **({"run": r.run} if multi else {}),
        "strategy": strategy_name(r.strategy),
        "language": language_name(r.language),
        "rows": fmt_int(r.rows),
        "forks (shots)": f"{fmt_int(r.forks)} ({fmt_int(r.shots)})",
        TIME_COLUMN: fmt_interval(r.us_per_row, r.us_per_row_low, r.us_per_row_high) + (
            f" {ONE_FORK_MARK}" if over_one_forks_shots(r) else ""),
        **{name: fmt_sig(getattr(r, column)) for column, name in COST_NAMES.items()},
    } for r in rows.itertuples()], columns=(["run"] if multi else []) + [
        "strategy", "language", "rows", "forks (shots)", TIME_COLUMN] + list(COST_NAMES.values()))


FIT_NAMES = {"a_s": "a: s per load", "b_us_per_row": "b: \u00b5s per row", "c_mb": "c: MB per load",
             "d_bytes_per_row": "d: bytes per row"}


def scale_fits(study: ScaleStudy) -> pd.DataFrame:
    """scale-fits.csv's rows as written, by run, language and strategy (the table's CSV)."""
    return _ordered(study.fits, study.strategies()).reset_index(drop=True)


STOPS = "stops fitting at, M rows"


def _stops(r) -> str:
    """Where a fit's memory fills the room its loads had, in rows, as scale-fits.csv says."""
    if pd.isna(getattr(r, ROOM)):
        return "n/a"
    at = getattr(r, AT_LIMIT)
    return "does not grow" if pd.isna(at) else fmt_sig(at / 1e6)


def scale_fits_display(study: ScaleStudy) -> pd.DataFrame:
    """Per strategy and language the forks fitted and each coefficient with its 95 % interval, as written, and
    where its memory stops fitting (files that say so)."""
    rows = scale_fits(study)
    multi = rows["run"].nunique() > 1
    stops = rows[ROOM].notna().any()
    columns = (["run"] if multi else []) + ["strategy", "language", "forks"] + [
        f"{name} {CI}" for name in FIT_NAMES.values()] + ([STOPS] if stops else [])
    return pd.DataFrame([{
        **({"run": r.run} if multi else {}),
        "strategy": strategy_name(r.strategy),
        "language": language_name(r.language),
        "forks": fmt_int(r.forks),
        # an interval whole on its line, under its estimate where the column wraps: no break after a comma or a
        # bound's minus sign (a non-breaking hyphen)
        **{f"{name} {CI}": fmt_interval(*(getattr(r, c) for c in (column, column + "_low", column + "_high")))
           .replace(", ", ",\u00a0").replace("[-", "[\u2011").replace("\u00a0-", "\u00a0\u2011")
           for column, name in FIT_NAMES.items()},
        **({STOPS: _stops(r)} if stops else {}),
    } for r in rows.itertuples()], columns=columns)


# ---- the memory limits, from the manifests

_SIZE = re.compile(r"^-Xmx(\d+)([kKmMgGtT]?)$")
_UNITS = {"": 1, "k": 2 ** 10, "m": 2 ** 20, "g": 2 ** 30, "t": 2 ** 40}


def fork_heap(manifest: dict) -> tuple[str, float] | None:
    """The fork's -Xmx flag and its bytes (the JVM's binary units; the last one counts, as for the JVM),
    from the manifest's jvm.forkFlags; None where they have none."""
    found = None
    for flag in (manifest.get("jvm") or {}).get("forkFlags") or []:
        m = _SIZE.match(str(flag))
        if m:
            found = (str(flag), float(int(m.group(1)) * _UNITS[m.group(2).lower()]))
    return found


def machine_memory(manifest: dict) -> float | None:
    """The machine's memory in bytes (the manifest's host.memoryBytes), or None."""
    v = (manifest.get("host") or {}).get("memoryBytes")
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 else None


def memory_limits(language, runs: list, manifests: dict | None, fits: pd.DataFrame | None = None) -> tuple[list, str]:
    """The limits a language's loads ran under: scale-fits.csv's room where it has one (Java the fork's heap,
    Python the machine's memory less that heap), else from the manifest: the Java fork's heap (-Xmx), the
    machine's memory for Python. ([(MB, label)], what is missing, in words)."""
    java = language == JAVA
    found, lacking = {}, []
    for run in runs:
        written = None if fits is None else fits[(fits["run"] == run) & (fits["language"] == language)][ROOM].dropna()
        if written is not None and len(written):
            found.setdefault(float(written.iloc[0]), "fork heap" if java else "machine memory less the fork heap")
            continue
        manifest = (manifests or {}).get(run) or {}
        if java:
            heap = fork_heap(manifest)
            if heap is None:
                lacking.append(run)
            else:
                found.setdefault(heap[1] / 1e6, f"fork heap {heap[0]}")
        else:
            memory = machine_memory(manifest)
            if memory is None:
                lacking.append(run)
            else:
                found.setdefault(memory / 1e6, "machine memory")
    what = "no -Xmx in the fork flags" if java else "no machine memory in the manifest"
    note = (f"{language_name(language)}: {what}" + (f" ({', '.join(map(str, lacking))})" if len(runs) > 1 else "")
            + ", no limit drawn") if lacking else ""
    return [(mb, f"{label}: {fmt_int(mb)} MB") for mb, label in found.items()], note


# ---- the figures

PANEL_HEIGHT_IN = 3.2
# Markers of one size spread sideways by this factor per strategy, so that their intervals do not hide each other.
DODGE = 1.06
# What each drawn line is (its gid), for whoever reads the figure back: a size's markers, an interval cut at
# the axis, a fitted line, a memory limit.
POINT_GID, CUT_GID, FIT_GID, LIMIT_GID = "scale-point", "scale-cut", "scale-fit", "scale-limit"
LIMIT_COLOR = "#b22222"
ROUNDS_NOTE = "filled marker: interval over rounds (forks)"
ONE_FORK_NOTE = ("open marker: one fork, interval over its shots, none where it ran one shot (says nothing about "
                 "another day)")


def _series(study: ScaleStudy) -> list:
    """(run, strategy) of every line, in order, with its style: a strategy keeps colour, marker and line in
    every panel; several runs each get their own."""
    keys = list(dict.fromkeys(zip(study.points["run"], study.points["strategy"])))
    return [(run, strategy, series_style(i)) for i, (run, strategy) in enumerate(keys)]


def _label(run, strategy, multi: bool) -> str:
    return strategy_name(strategy) + (f" ({run})" if multi else "")


def _log_ticks(lo: float, hi: float) -> list:
    """Readable ticks for a log axis from lo to hi: 1, 2, 5 per decade, or finer where the range is narrow."""
    if not (lo > 0 and hi > lo):
        return []
    decades = range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 1)
    for steps in ((1,), (1, 2, 5), (1, 1.5, 2, 3, 5, 7), (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9)):
        ticks = [s * 10.0 ** k for k in decades for s in steps if lo <= s * 10.0 ** k <= hi]
        if len(ticks) >= 3 or steps[-1] == 9:
            return ticks if len(ticks) <= 9 else ticks[::math.ceil(len(ticks) / 9)]
    return []


def _log_axis(ax, lo: float, hi: float, axis: str = "y"):
    """A log axis from lo to hi, with labelled ticks whatever its span."""
    (ax.set_ylim if axis == "y" else ax.set_xlim)(lo, hi)
    which = ax.yaxis if axis == "y" else ax.xaxis
    ticks = _log_ticks(lo, hi)
    if len(ticks) >= 2:
        which.set_major_locator(ticker.FixedLocator(ticks))
    # 5 and 0.1, not 5.0 and 0.10: the ticks are round numbers
    which.set_major_formatter(ticker.FuncFormatter(lambda v, _pos=None: f"{v:,.6g}"))
    which.set_minor_locator(ticker.NullLocator())


def _rows_axis(ax, rows):
    """x: rows per load on a log axis, ticked at the sizes measured."""
    sizes = sorted(set(float(r) for r in rows if np.isfinite(r) and r > 0))
    if not sizes:
        return
    ax.set_xscale("log")
    ax.set_xlim(sizes[0] / 1.5, sizes[-1] * 1.5)
    ax.xaxis.set_major_locator(ticker.FixedLocator(sizes))
    ax.xaxis.set_major_formatter(ticker.FixedFormatter([fmt_int(s) for s in sizes]))
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    if len(sizes) > 3:
        for label in ax.get_xticklabels():
            label.set_rotation(20)
    ax.set_xlabel("rows per load")


def _span(values, floor=None, ceiling=None) -> tuple[float, float]:
    """The positive finite values' range, padded a little for the log axis."""
    vals = np.asarray([v for v in values if v is not None and np.isfinite(v) and v > 0], dtype=float)
    if vals.size == 0:
        return 1.0, 10.0
    lo, hi = vals.min(), vals.max()
    lo, hi = (max(lo, floor) if floor else lo), (min(hi, ceiling) if ceiling else hi)
    if hi <= lo * 1.2:
        mid = math.sqrt(lo * hi)
        lo, hi = mid / 1.5, mid * 1.5
    return lo / 1.5, hi * 1.5


def _legend(fig, series: list, multi: bool, fits_drawn: set, open_markers: bool):
    line = matplotlib.lines.Line2D
    handles = [line([], [], color=st["color"], marker=st["marker"], linestyle=st["linestyle"] if (run, s) in fits_drawn
                    else "none", linewidth=1.0, markersize=5, label=_label(run, s, multi))
               for run, s, st in series]
    if open_markers:
        handles += [line([], [], color="#555555", marker="o", linestyle="none", markersize=5, label="over rounds"),
                    line([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="none",
                         markersize=5, label="one fork: over its shots")]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=7, bbox_to_anchor=(0.5, 0.0))
    return math.ceil(len(handles) / 2)


def _draw_points(ax, x, y, lo, hi, bottom, top, st, hollow):
    """Markers with their 95 % intervals on a log axis: a bound past the axis ends at it in an arrowhead
    (a low bound at or below zero has no place on a log axis)."""
    y, lo, hi = (np.asarray(v, dtype=float) for v in (y, lo, hi))
    known = np.isfinite(y) & (y > 0) & ~np.isnan(lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    low_end, high_end = np.clip(lo, bottom, None), np.clip(hi, None, top)
    if known.any():
        ax.errorbar(x[known], y[known], yerr=[np.clip(y - low_end, 0, None)[known],
                                              np.clip(high_end - y, 0, None)[known]],
                    fmt="none", ecolor=st["color"], elinewidth=0.9, capsize=2.5, zorder=4)
        for cut, end, marker in ((known & (lo < bottom), bottom, "v"), (known & (hi > top), top, "^")):
            if cut.any():
                ax.plot(x[cut], np.full(cut.sum(), end), linestyle="none", marker=marker, markersize=4,
                        color=st["color"], zorder=4, clip_on=False, gid=CUT_GID)
    for filled, mask in ((True, ~hollow), (False, hollow)):
        if mask.any():
            ax.plot(x[mask], y[mask], linestyle="none", marker=st["marker"], markersize=5, color=st["color"],
                    markerfacecolor=st["color"] if filled else "white", zorder=5, gid=POINT_GID)


def _study_figure(study: ScaleStudy | None, manifests, title: str, value: str, fitted, ylabel: str,
                  interval: bool, limits: bool, notes: list) -> Plot:
    """A panel per language: value against rows (both log), a marker per strategy and size, the fitted line
    fitted(fit row, rows) of scale-fits.csv over the sizes measured, and (limits) the memory the loads run under."""
    if study is None or study.points.empty:
        return placeholder(title, NEEDS)
    points = study.points
    langs = languages(points)
    series = _series(study)
    multi = points["run"].nunique() > 1
    fig = new_figure(FIG_WIDTH, PANEL_HEIGHT_IN + 1.4)
    axes = new_axes(fig, 1, len(langs), squeeze=False).ravel()
    fits_drawn, no_fit, missing, unmeasured, open_markers = set(), [], [], [], False
    for ax, language in zip(axes, langs):
        mine = points[points["language"] == language]
        lows = mine[TIME[1]] if interval else []
        highs = mine[TIME[2]] if interval else []
        curves = {}
        for run, strategy, _ in series:
            rows = mine[(mine["run"] == run) & (mine["strategy"] == strategy)]
            fit = study.fit(run, strategy, language)
            if rows.empty or fit is None:
                if not rows.empty:
                    no_fit.append(f"{_label(run, strategy, multi)}, {language_name(language)}")
                continue
            xs = np.geomspace(rows["rows"].min(), rows["rows"].max(), 60)
            ys = np.asarray(fitted(fit, xs), dtype=float)
            if np.isfinite(ys).all() and len(set(rows["rows"])) > 1:
                curves[(run, strategy)] = (xs, ys)
            else:
                no_fit.append(f"{_label(run, strategy, multi)}, {language_name(language)}")
        limit_lines, note = (memory_limits(language, list(dict.fromkeys(mine["run"])), manifests, study.fits)
                             if limits else ([], ""))
        if note:
            notes.append(note)
        # The axis holds every value, fitted line and limit; an interval reaching further than a factor 4
        # past them ends at the axis in an arrowhead.
        values = [v for v in mine[value] if np.isfinite(v) and v > 0]
        limit_mb = [mb for mb, _ in limit_lines]
        bottom, top = _span(values + list(lows) + [v for c in curves.values() for v in c[1]] + limit_mb + list(highs),
                            floor=min(values) / 4 if values else None,
                            ceiling=max(values + limit_mb) * 4 if values else None)
        for i, (run, strategy, st) in enumerate(series):
            rows = mine[(mine["run"] == run) & (mine["strategy"] == strategy)].sort_values("rows")
            if rows.empty:
                continue
            x = rows["rows"].to_numpy(dtype=float) * DODGE ** (i - (len(series) - 1) / 2)
            hollow = np.array([one_fork(r) for r in rows.itertuples()]) if interval else np.zeros(len(rows), bool)
            open_markers |= bool(hollow.any())
            y = rows[value].to_numpy(dtype=float)
            nan = np.full(len(rows), np.nan)
            _draw_points(ax, x, y, rows[TIME[1]] if interval else nan, rows[TIME[2]] if interval else nan,
                         bottom, top, st, hollow)
            # unknown (a Java fork without a warm-up shot has no heap probe) or not positive: not on a log axis
            for why, gone in (("not measured", [fmt_int(r) for r, v in zip(rows["rows"], y) if np.isnan(v)]),
                              ("not positive, not drawn on the log axis",
                               [fmt_int(r) for r, v in zip(rows["rows"], y) if not np.isnan(v) and not v > 0])):
                if gone:
                    where = f"{_label(run, strategy, multi)}, {language_name(language)} at {', '.join(gone)} rows"
                    missing.append(f"{where}: {value} {why}")
                    if why == "not measured":
                        unmeasured.append(where)
            if (run, strategy) in curves:
                xs, ys = curves[(run, strategy)]
                shown = ys > 0
                ax.plot(xs[shown], ys[shown], color=st["color"], linestyle=st["linestyle"], linewidth=1.1, zorder=3,
                        gid=FIT_GID)
                fits_drawn.add((run, strategy))
        for mb, label in limit_lines:
            # named on the line itself: the panel says whose limit it is
            ax.axhline(mb, color=LIMIT_COLOR, linewidth=0.9, linestyle=(0, (4, 2)), zorder=2, gid=LIMIT_GID)
            ax.text(0.02, mb / 1.12, label, transform=ax.get_yaxis_transform(), ha="left", va="top", fontsize=7,
                    color=LIMIT_COLOR, gid=LIMIT_GID, bbox=LABEL_BOX, zorder=6)
        ax.set_yscale("log")
        _log_axis(ax, bottom, top)
        _rows_axis(ax, mine["rows"])
        ax.set_title(language_name(language), loc="left", fontweight="bold")
    axes[0].set_ylabel(ylabel)
    legend_rows = _legend(fig, series, multi, fits_drawn, open_markers)
    runs = list(dict.fromkeys(points["run"]))
    notes = ["run " + ", ".join(map(str, runs))] + notes
    if no_fit:
        notes.append("no fit (fewer than three forks or one size): " + "; ".join(no_fit))
    if unmeasured:
        notes.append("no marker where it was not measured: " + "; ".join(unmeasured))
    finish(fig, title, "; ".join(notes), bottom_in=0.25 + 0.17 * legend_rows, w_pad=1.5)
    return Plot(fig, missing + ([f"no fit in {SCALE_FITS_FILE}: " + "; ".join(no_fit)] if no_fit else []))


def _time_per_row(fit, rows):
    """time per row = a / rows + b, in us, from scale-fits.csv's a (s) and b (us per row)."""
    return fit[A[0]] * 1e6 / rows + fit[B[0]]


def _memory(fit, rows):
    """memory = c + d x rows, in 10^6 bytes, from scale-fits.csv's c (10^6 bytes) and d (bytes per row)."""
    return fit[C[0]] + fit[D[0]] * rows / 1e6


@styled
def scale_time(study: ScaleStudy | None, manifests=None) -> Plot:
    """Per language a panel: each strategy's time per row with its 95 % interval at every size, and the
    line a / rows + b of its fit (scale-fits.csv)."""
    notes = ["time per row (the load's time over its rows, generating streamed rows included) and its 95 % "
             f"interval from {SCALE_FILE}; {ROUNDS_NOTE}, {ONE_FORK_NOTE}; line: the fit time = a + b x rows of "
             f"{SCALE_FITS_FILE} drawn per row as a / rows + b; markers of one size spread slightly sideways"]
    return _study_figure(study, manifests, TIME_TITLE, TIME[0], _time_per_row, "time per row (\u00b5s, log)",
                         True, False, notes)


@styled
def scale_memory(study: ScaleStudy | None, manifests=None) -> Plot:
    """Per language a panel: each strategy's memory held at every size, the line c + d x rows of its fit
    (scale-fits.csv), and the memory the loads had (Java: the fork's -Xmx; Python: the machine's beside it)."""
    notes = [f"memory held at the load's fullest moment (MB: millions of bytes) from {SCALE_FILE} (Java: retained heap; "
             f"Python: the worker's models plus its peak RSS growth); line: the fit memory = c + d x rows of "
             f"{SCALE_FITS_FILE}; dashed red: the memory the loads had, Java the fork's heap (-Xmx), Python the "
             f"machine's memory less that heap ({SCALE_FITS_FILE}; runs without it: manifest.json's heap and "
             "machine memory)"]
    return _study_figure(study, manifests, MEMORY_TITLE, COSTS[3], _memory, "memory held (MB, log)", False, True,
                         notes)
