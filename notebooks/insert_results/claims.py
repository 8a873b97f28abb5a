"""The claims study: claims.csv and claim-shots.csv as the suite wrote them.

Every number of the claims study (estimates, 95 % intervals, precision,
verdicts) is computed once, by the benchmark suite; here it is read and
turned into text for tables and figures.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .fmt import fmt_int, fmt_sig
from .load import CLAIM_SHOTS_FILE, CLAIMS_FILE, read_contract_csv

CLAIMS_COLUMNS = ["claim", "row", "statement", "comparison", "unit", "primary", "claimed_low", "claimed_high",
                  "estimate", "ci_low", "ci_high", "precision", "target", "precision_unit", "precision_met",
                  "n_pairs", "n_forks", "verdict"]
CLAIMS_NUMBERS = ["claimed_low", "claimed_high", "estimate", "ci_low", "ci_high", "precision", "target",
                  "n_pairs", "n_forks"]
CLAIMS_FLAGS = ["primary", "precision_met"]
CLAIM_SHOTS_COLUMNS = ["claim", "round", "fork", "shot", "block", "arm", "seconds", "rows", "mean_chunk_ms",
                       "retained_heap_mb"]
CLAIM_SHOTS_NUMBERS = ["round", "fork", "shot", "block", "seconds", "rows", "mean_chunk_ms", "retained_heap_mb"]
# Claim ids in the order the suite defines them, with their display names.
CLAIM_NAMES = {"copy": "COPY", "pool": "pool", "conversion": "conversion", "adaptive": "adaptive chunking",
               "end_to_end": "end to end", "sync_vs_async": "sync vs async"}
VERDICTS = ["confirmed", "smaller than claimed", "larger than claimed", "partly", "inconclusive", "no claim"]


@dataclass
class ClaimStudy:
    """claims.csv (one row per claim row) and claim-shots.csv (one row per
    measured shot) of every run that has them, each with a leading run column.
    shots is empty where the run wrote no claim-shots.csv."""
    claims: pd.DataFrame
    shots: pd.DataFrame

    def rounds(self, run) -> int:
        """How many rounds a run's shots span (0 without claim-shots.csv)."""
        return int(self.shots.loc[self.shots["run"] == run, "round"].nunique())


def read_claims(path) -> pd.DataFrame:
    return read_contract_csv(path, CLAIMS_COLUMNS, CLAIMS_NUMBERS, CLAIMS_FLAGS)


def read_claim_shots(path) -> pd.DataFrame:
    return read_contract_csv(path, CLAIM_SHOTS_COLUMNS, CLAIM_SHOTS_NUMBERS)


def _with_run(frame: pd.DataFrame, run) -> pd.DataFrame:
    return frame.assign(run=run)[["run"] + list(frame.columns)]


def load_claim_study(folders: dict) -> ClaimStudy | None:
    """The claims study of the runs (run id -> folder) that hold a claims.csv;
    None when none does."""
    claims, shots = [], []
    for run, folder in folders.items():
        folder = Path(folder)
        if not (folder / CLAIMS_FILE).is_file():
            continue
        claims.append(_with_run(read_claims(folder / CLAIMS_FILE), run))
        if (folder / CLAIM_SHOTS_FILE).is_file():
            shots.append(_with_run(read_claim_shots(folder / CLAIM_SHOTS_FILE), run))
    if not claims:
        return None
    no_shots = pd.DataFrame(columns=["run"] + CLAIM_SHOTS_COLUMNS)
    return ClaimStudy(pd.concat(claims, ignore_index=True),
                      pd.concat(shots, ignore_index=True) if shots else no_shots)


def claim_name(claim_id) -> str:
    return CLAIM_NAMES.get(str(claim_id), str(claim_id).replace("_", " "))


def claim_row_name(row_id, primary=False) -> str:
    """A claim row's id for reading; * marks the primary row, which decides the claim."""
    return str(row_id).replace("_", " ") + (" *" if primary else "")


def _bound(v) -> str:
    """A claimed bound as written: 2 -> "2", 26.4706 (the author's 34 -> 25 minutes) -> "26.5"."""
    return f"{v:g}" if float(v).is_integer() else f"{v:.1f}"


def _value_in_unit(v, unit: str) -> str:
    """2 -> "2x faster", 10 -> "10 % less time": the number as the claim says it."""
    head, _, rest = str(unit).partition(" ")
    if head == "x":
        return f"{_bound(v)}x {rest}"
    if head == "%":
        return f"{_bound(v)} % {rest}"
    return f"{_bound(v)} {unit}"


def claimed_range_text(low, high, unit: str) -> str:
    """"2–5x faster", "at least 1.5x faster", "at most 0.5x memory", or "no claimed range"."""
    has_low, has_high = not math.isnan(low), not math.isnan(high)
    if has_low and has_high:
        return f"{_bound(low)}\u2013" + _value_in_unit(high, unit)
    if has_low:
        return "at least " + _value_in_unit(low, unit)
    if has_high:
        return "at most " + _value_in_unit(high, unit)
    return "no claimed range"


def estimate_text(r) -> str:
    """"3.10x [2.80, 3.40]" or "14.2 % [11.5, 16.9]": the suite's estimate and 95 % interval."""
    if math.isnan(r.estimate):
        return "not measured"
    head = str(r.unit).partition(" ")[0]
    f, suffix = ((lambda v: f"{v:.2f}"), "x") if head == "x" else \
        ((lambda v: f"{v:.1f}"), " %") if head == "%" else (fmt_sig, "")
    point = f(r.estimate) + suffix
    if math.isnan(r.ci_low) or math.isnan(r.ci_high):
        return point
    return f"{point} [{f(r.ci_low)}, {f(r.ci_high)}]"


def precision_text(r) -> str:
    """"4.8 / 5 % of ratio, met": reached half-width / target half-width."""
    if math.isnan(r.precision):
        return "-"
    met = "met" if r.precision_met else "not met"
    return f"{r.precision:.3g} / {r.target:.3g} {r.precision_unit}, {met}"


def sample_size_text(r) -> str:
    """"5 / 40": forks / paired comparisons."""
    return f"{fmt_int(r.n_forks)} / {fmt_int(r.n_pairs)}"


def claim_study_display(claims: pd.DataFrame) -> pd.DataFrame:
    """claims.csv as a table to read: one row per claims.csv row, verdicts as written."""
    multi = claims["run"].nunique() > 1
    rows = list(claims.itertuples())
    return pd.DataFrame({
        **({"run": claims["run"].tolist()} if multi else {}),
        "claim": [claim_name(r.claim) for r in rows],
        "row": [claim_row_name(r.row, r.primary) for r in rows],
        "claimed": [claimed_range_text(r.claimed_low, r.claimed_high, r.unit) for r in rows],
        "estimate [95 % CI]": [estimate_text(r) for r in rows],
        "n (forks / pairs)": [sample_size_text(r) for r in rows],
        "half-width / target": [precision_text(r) for r in rows],
        "verdict": [r.verdict for r in rows],
    })
