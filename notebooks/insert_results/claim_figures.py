"""The claims study's figures: claims.csv and claim-shots.csv drawn as written."""
from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.patches import Patch

from . import schema
from .claims import (CLAIM_NAMES, JAVA, PYTHON, VERDICTS, ClaimStudy, claim_name, claim_row_name, comparison_keys,
                     language_name, languages)
from .fmt import fmt_int
from .load import NAN
from .plotting import (FIG_WIDTH, MARKERS, PALETTE, Plot, errorbars, finish, new_axes, new_figure, nice_ticks,
                       placeholder, round_axis, styled)

# The claims study's figures draw claims.csv and claim-shots.csv as written.
# Units: (what the number is, ratio?, reference line: no difference); a ratio axis is
# log-scaled where every value on it is positive. "x memory" is the memory unit of files
# written before memory was compared as a difference ("% of dataset more held": 0 is as much
# as the original arm holds, above it more).
CLAIM_UNITS = {
    "x faster": ("time ratio", True, 1.0),
    "% less time": ("", False, 0.0),
    "x memory": ("memory ratio", True, 1.0),
    "% of dataset more held": ("changed arm minus the original", False, 0.0),
}
# A colour per verdict, in the suite's order of verdicts: confirmed, smaller, larger, partly, inconclusive, no claim.
VERDICT_COLORS = dict(zip(VERDICTS, ["#009E73", "#D55E00", "#0072B2", "#E69F00", "#777777", "#000000"], strict=True))
CLAIM_BAND = dict(facecolor="#dddddd", edgecolor="#888888", hatch="////", linewidth=0.6)
CLAIMS_STUDY_NOTE = ("no claims.csv in this run: run-bench.sh profile claims writes it "
                     f"({schema.benchmark_class('CLAIM')})")


def _claim_panels(claims: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """One panel per unit: the known units in a fixed order, then any other."""
    units = [u for u in CLAIM_UNITS if u in set(claims["unit"])]
    units += [u for u in dict.fromkeys(claims["unit"]) if u not in CLAIM_UNITS]
    return [(u, claims[claims["unit"] == u]) for u in units]


def _claim_axis_range(rows: pd.DataFrame, log: bool, reference: float) -> tuple[float, float]:
    """Axis range over every finite bound, estimate and the reference line, padded."""
    cols = ["estimate", "ci_low", "ci_high", "claimed_low", "claimed_high"]
    vals = np.append(rows[cols].to_numpy(dtype=float).ravel(), reference)
    vals = vals[np.isfinite(vals) & ((vals > 0) if log else True)]
    if vals.size == 0:  # nothing measured and nothing claimed: an empty axis
        return (0.5, 2.0) if log else (0.0, 1.0)
    lo, hi = vals.min(), vals.max()
    if log:
        return lo / 1.35, hi * 1.35
    pad = 0.08 * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


def _claimed_band(ax, y, low, high, xlim):
    """The claimed range as a hatched band; an unbounded side runs to the axis
    edge and ends in an arrowhead there."""
    if math.isnan(low) and math.isnan(high):
        return
    left = xlim[0] if math.isnan(low) else max(low, xlim[0])
    right = xlim[1] if math.isnan(high) else min(high, xlim[1])
    ax.add_patch(matplotlib.patches.Rectangle((left, y - 0.3), right - left, 0.6, zorder=1, **CLAIM_BAND))
    for unbounded, edge, marker in ((math.isnan(low), 0.012, "<"), (math.isnan(high), 0.988, ">")):
        if unbounded:
            ax.plot([edge], [y], marker=marker, color="#555555", markersize=6, clip_on=False, zorder=2,
                    transform=ax.get_yaxis_transform())


# Each language's marker, and where its row sits in a comparison's slot where two or more languages are drawn.
LANGUAGE_MARKERS = {JAVA: "o", PYTHON: "s"}
LANGUAGE_SPREAD = 0.36  # of a slot's height, between the first and the last language


def language_marker(language, languages: list) -> str:
    return LANGUAGE_MARKERS.get(language, MARKERS[(languages.index(language) + 2) % len(MARKERS)])


def _language_offsets(languages: list) -> dict:
    """Vertical offset of each language within a slot: the first on top; none for one language."""
    if len(languages) < 2:
        return dict.fromkeys(languages, 0.0)
    step = LANGUAGE_SPREAD / (len(languages) - 1)
    return {l: LANGUAGE_SPREAD / 2 - i * step for i, l in enumerate(languages)}


def _claim_estimate(ax, y, r, marker="o"):
    """The estimate with its 95 % interval, coloured by verdict; filled for a primary row."""
    if not np.isfinite(r.estimate):
        return
    color = VERDICT_COLORS.get(r.verdict, "#000000")
    ax.plot([r.estimate], [y], marker=marker, linestyle="none", markersize=5.5, markeredgecolor=color,
            markeredgewidth=1.2, color=color if r.primary else "white", zorder=6)
    errorbars(ax, [r.estimate], [y], [r.ci_low], [r.ci_high], horizontal=True, ecolor=color, capsize=2.5)


def _verdict_label(r, language: str = "") -> str:
    dagger = "" if r.precision_met else " \u2020"
    head = f"{language_name(language)}: " if language else ""
    return f"{head}{r.verdict}{dagger}  ({fmt_int(r.n_forks)}/{fmt_int(r.n_pairs)})"


def _claims_panel(ax, rows: pd.DataFrame, unit: str, multi_run: bool, langs: list):
    """One slot per comparison (run, claim, row); in it a marker per language that measured it."""
    what, ratio_unit, reference = CLAIM_UNITS.get(unit, ("", False, NAN))
    vals = rows[["estimate", "ci_low", "ci_high", "claimed_low", "claimed_high"]].to_numpy(dtype=float)
    log = ratio_unit and bool((vals[np.isfinite(vals)] > 0).all())
    if log:
        ax.set_xscale("log")
    xlim = _claim_axis_range(rows, log, reference)
    ax.set_xlim(*xlim)
    keys = comparison_keys(rows)
    offsets = _language_offsets(langs)
    several = len(langs) > 1
    y = np.arange(len(keys))[::-1].astype(float)
    primary = []
    for yy, key in zip(y, keys.itertuples(index=False)):
        slot = rows[(rows["run"] == key.run) & (rows["claim"] == key.claim) & (rows["row"] == key.row)]
        first = slot.iloc[0]
        _claimed_band(ax, yy, first["claimed_low"], first["claimed_high"], xlim)
        primary.append(bool(slot["primary"].any()))
        for language in langs:
            for r in slot[slot["language"] == language].itertuples():
                at = yy + offsets[language]
                _claim_estimate(ax, at, r, language_marker(language, langs))
                ax.text(1.03, at, _verdict_label(r, language if several else ""), transform=ax.get_yaxis_transform(),
                        ha="left", va="center", fontsize=6.5 if several else 7,
                        color=VERDICT_COLORS.get(r.verdict, "#000000"), fontweight="bold" if r.primary else "normal")
    # A dotted line between claims keeps each claim's rows together.
    changes = [yy + 0.5 for yy, a, b in zip(y[1:], keys["claim"].iloc[:-1], keys["claim"].iloc[1:]) if a != b]
    for yy in changes:
        ax.axhline(yy, color="#999999", linewidth=0.6, linestyle=":")
    if np.isfinite(reference):
        ax.axvline(reference, color="black", linewidth=0.8)
    labels = [f"{claim_name(k.claim)}: {claim_row_name(k.row, p)}" + (f" [{k.run}]" if multi_run else "")
              for k, p in zip(keys.itertuples(index=False), primary)]
    ax.set_yticks(y, labels, fontsize=7.5)
    for tick, p in zip(ax.get_yticklabels(), primary):
        tick.set_fontweight("bold" if p else "normal")
    ax.set_ylim(-0.6, len(keys) - 0.4)
    ax.grid(axis="y", visible=False)
    if log:
        ax.set_xticks(nice_ticks(*xlim))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
        ax.xaxis.set_minor_formatter(ticker.NullFormatter())
    notes = [n for n in (what, "log scale" if log else "") if n]
    ax.set_xlabel(unit + (f" ({', '.join(notes)})" if notes else ""), fontsize=8)


def _claims_legend(fig, langs: list):
    handles = [Patch(label="claimed range (arrowhead: unbounded)", **CLAIM_BAND)]
    handles += [matplotlib.lines.Line2D([], [], marker="o", linestyle="none", color=c, markeredgecolor=c,
                                        label=v) for v, c in VERDICT_COLORS.items()]
    if len(langs) > 1:
        # First, so that the languages fill the legend's first column (it fills column by column).
        handles = [matplotlib.lines.Line2D([], [], marker=language_marker(l, langs), linestyle="none",
                                           color="#444444", markeredgecolor="#444444", label=language_name(l))
                   for l in langs] + handles
    fig.legend(handles=handles, loc="lower center", ncol=4 if len(langs) < 2 else 5, fontsize=7,
               bbox_to_anchor=(0.5, 0.0))


def marker_name(marker: str) -> str:
    return {"o": "circle", "s": "square", "^": "triangle", "D": "diamond", "v": "triangle down"}.get(marker, marker)


def _runs_text(frame: pd.DataFrame) -> str:
    runs = list(dict.fromkeys(frame["run"]))
    return ("run " + ", ".join(str(r) for r in runs)) if runs else ""


@styled
def claim_intervals(study: ClaimStudy | None, manifests=None) -> Plot:
    """Per claims.csv row, the claimed range and the measured
    estimate with its 95 % interval, and the suite's verdict."""
    title = "The claims against the measurements (95 % interval, n forks / pairs)"
    if study is None or study.claims.empty:
        return placeholder(title, CLAIMS_STUDY_NOTE if study is None else "claims.csv has no rows")
    claims = study.claims
    langs = languages(claims)
    panels = _claim_panels(claims)
    # A comparison's slot is taller where it holds a row per language.
    per_slot = 0.27 if len(langs) < 2 else 0.14 + 0.13 * len(langs)
    heights = [len(comparison_keys(rows)) * per_slot + 0.55 for _, rows in panels]
    fig = new_figure(FIG_WIDTH, sum(heights) + 1.35)
    axes = new_axes(fig, len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    multi = claims["run"].nunique() > 1
    for ax, (unit, rows) in zip(axes, panels):
        _claims_panel(ax, rows, unit, multi, langs)
    _claims_legend(fig, langs)
    both = (", ".join(f"{marker_name(language_marker(l, langs))}: the {language_name(l)} port" for l in langs)
            + " of the original loader (no marker: no such comparison in that port)") if len(langs) > 1 else ""
    finish(fig, title, "; ".join(b for b in (
        _runs_text(claims), study.level, both,
        "estimate and 95 % interval as computed by the suite (claims.csv); right: its verdict and "
        "(n forks / n paired comparisons); \u2020 target precision not reached; bold, * and filled: the "
        "primary row, which decides the claim") if b), bottom_in=0.45 if len(langs) < 2 else 0.6, h_pad=0.6)
    return Plot(fig, [])


def _shot_facets(shots: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """One facet per run and claim (and per rows, where a claim measured several sizes in one
    language), holding every language's shots: ports that loaded different numbers of rows
    share a facet, each panel naming its rows."""
    claims = [c for c in CLAIM_NAMES if c in set(shots["claim"])]
    claims += [c for c in dict.fromkeys(shots["claim"]) if c not in CLAIM_NAMES]
    multi = shots["run"].nunique() > 1
    facets = []
    for run in dict.fromkeys(shots["run"]):
        for claim in claims:
            g = shots[(shots["run"] == run) & (shots["claim"] == claim)]
            split = bool((g.groupby("language")["rows"].nunique() > 1).any())
            sizes = sorted(g["rows"].dropna().unique()) if split else []
            for size in sizes or [NAN]:
                part = g[g["rows"] == size] if split else g
                title = claim_name(claim) + (f", rows = {fmt_int(size)}" if split else "") \
                    + (f" [{run}]" if multi else "")
                if not part.empty:
                    facets.append((title, part))
    return facets


def _arm_styles(shots: pd.DataFrame) -> dict:
    """Colour and marker per arm of a facet, the same in every language's panel."""
    return {arm: dict(color=PALETTE[i % len(PALETTE)], marker=MARKERS[i % len(MARKERS)], markersize=3.2,
                      linewidth=0.7) for i, arm in enumerate(sorted(shots["arm"].unique()))}


def _shots_panel(ax, shots: pd.DataFrame, title: str, styles: dict):
    """One arm's shots joined by a line within each round (rounds are separate runs)."""
    g = shots.sort_values(["round", "fork", "shot"]).reset_index(drop=True)
    g["x"] = np.arange(1, len(g) + 1)
    for arm in sorted(g["arm"].unique()):
        for k, (_, part) in enumerate(g[g["arm"] == arm].groupby("round", sort=True)):
            ax.plot(part["x"], part["seconds"], label=arm if k == 0 else None, **styles[arm])
    round_axis(ax, g["round"].to_numpy())
    ax.grid(axis="x", visible=False)
    ax.set_ylabel("seconds", fontsize=8)
    ax.set_title(title, loc="left", fontsize=8.5)


def _arm_legend(ax, styles: dict):
    handles = [matplotlib.lines.Line2D([], [], label=arm, **style) for arm, style in styles.items()]
    ax.legend(handles=handles, title="arm", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7,
              title_fontsize=7)


@styled
def claim_shots(study: ClaimStudy | None, manifests=None) -> Plot:
    """Every measured shot of the claims study in the order it ran,
    per claim, so drift shows before a mean is trusted; where the study
    measured several languages, one column per language (each its own
    seconds axis: the ports' times differ by more than their drift)."""
    title = "The claims study's shots in the order they ran"
    if study is None:
        return placeholder(title, CLAIMS_STUDY_NOTE)
    if study.shots.empty:
        return placeholder(title, "no claim-shots.csv in this run (the suite writes it next to claims.csv)")
    facets = _shot_facets(study.shots)
    langs = languages(study.shots)
    several = len(langs) > 1
    fig = new_figure(FIG_WIDTH, (1.25 if not several else 1.35) * len(facets) + 0.9)
    axes = new_axes(fig, len(facets), len(langs), squeeze=False)
    for row, (facet, shots) in zip(axes, facets):
        styles = _arm_styles(shots)
        for ax, language in zip(row, langs):
            mine = shots[shots["language"] == language]
            name = f"{facet}, {language_name(language)}" if several else facet
            if several and shots["rows"].nunique() > 1 and not mine.empty:
                rows = mine["rows"].max()
                name += f", {rows / 1000:.0f}k rows" if rows % 1000 == 0 else f", {fmt_int(rows)} rows"
            if mine.empty:
                ax.set_title(name, loc="left", fontsize=8.5)
                ax.set_axis_off()
                ax.text(0.5, 0.5, f"no {language_name(language)} shots of this claim in claim-shots.csv",
                        ha="center", va="center", fontsize=7.5, color="#555555", transform=ax.transAxes)
                continue
            _shots_panel(ax, mine, name, styles)
            if language != langs[0]:
                ax.set_ylabel("")
        _arm_legend(row[-1], styles)
    for ax in axes[-1]:
        ax.set_xlabel("round (its measured shots in the order they ran; dotted lines separate rounds)"
                      if not several else "round", fontsize=8)
    finish(fig, title, "; ".join(b for b in (
        _runs_text(study.shots), study.level,
        ("left to right: the " + " and the ".join(language_name(l) for l in langs) + " port, each panel its own "
         "seconds axis; an arm has one colour in every panel; x: a round's measured shots in the order they ran, "
         "dotted lines between rounds") if several else "",
        "one shot of every arm per block, in random order; rounds are the claim's "
        "separate JMH runs (param round); from claim-shots.csv") if b), h_pad=0.8, w_pad=0.6)
    return Plot(fig, [])
