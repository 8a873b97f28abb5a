"""The claims study: claims.csv and claim-shots.csv as the suite wrote them.

Every number of the claims study (estimates, 95 % intervals, precision,
verdicts) is computed once, by the benchmark suite; here it is read and
turned into text for tables and figures.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import schema
from .fmt import fmt_int, fmt_sig
from .load import CLAIM_SHOTS_FILE, CLAIMS_FILE, read_contract_csv, read_study

# The analysis scale's columns after verdict: the estimate and its standard error on that scale (what
# pooling runs reads), the variance components and the warm-up check (first measured block against the
# later ones), sd_* and warmup_* in the row's precision_unit; then, for memory rows only (empty for times),
# what each arm held, the dataset's own size in memory, the extra per row and the ratio where it means something.
ANALYSIS_SCALE_COLUMNS = schema.require(CLAIMS_FILE, [
    "scale", "scale_estimate", "scale_se", "df", "sd_within_round", "sd_between_rounds", "warmup_difference",
    "warmup_low", "warmup_high", "warmup_forks", "warmup_flagged"])
MEMORY_COLUMNS = schema.require(CLAIMS_FILE, ["changed_mb", "original_mb", "dataset_mb", "extra_bytes_per_row",
                                              "memory_ratio"])
# Each file's columns, and which are numbers or flags, as the suite writes them (results/schema.json).
CLAIMS_COLUMNS = schema.columns(CLAIMS_FILE)
CLAIMS_NUMBERS = schema.of_kind(CLAIMS_FILE, "number")
CLAIMS_FLAGS = schema.of_kind(CLAIMS_FILE, "flag")
CLAIM_SHOTS_COLUMNS = schema.columns(CLAIM_SHOTS_FILE)
CLAIM_SHOTS_NUMBERS = schema.of_kind(CLAIM_SHOTS_FILE, "number")
# Every claim measured in the Java port and in the Python port of the original loader; files
# written before the Python port existed have no language column and hold the Java port only,
# and their claim-shots.csv lacks peak RSS (Python only) and, the oldest, the allocation per row.
# Files from before the analysis-scale and memory columns lack them: empty there (numbers NaN,
# scale "", warmup_flagged false; warmup_forks NaN says no warm-up check was made).
JAVA, PYTHON = "java", "python"
# The round-trip time a claims fork's latency relay added (rtt, and rtt_ms in milliseconds); files written
# before it connected every fork directly: loopback, 0 ms. claim-shots.csv's network counters (round trips,
# the relay's CPU, SELECT 1 on each path) are empty there.
RTT, RTT_MS = schema.require(CLAIMS_FILE, ["rtt", "rtt_ms"])
# claims.csv's rows per load of each comparison's forks; empty in files written before it (one size per language).
# A run at several sizes in one language (the scale profile) has a row per size; claims.md compares them.
(ROWS,) = schema.require(CLAIMS_FILE, ["rows"])
LOOPBACK = "loopback"
SHOT_NETWORK_COLUMNS = schema.require(CLAIM_SHOTS_FILE, ["chunks", "round_trips", "relay_cpu_ns_per_row",
                                                         "loader_rtt_ms", "direct_rtt_ms", "zero_delay_rtt_ms"])
LATER_CLAIMS = {"language": JAVA, RTT: LOOPBACK, RTT_MS: "0", ROWS: "",
                **dict.fromkeys(ANALYSIS_SCALE_COLUMNS + MEMORY_COLUMNS, "")}
LATER_CLAIM_SHOTS = {"language": JAVA, RTT: LOOPBACK, "alloc_bytes_per_row": "", "peak_rss_growth_mb": "",
                     "dataset_mb": "", **dict.fromkeys(SHOT_NETWORK_COLUMNS, "")}
# Language ids in the suite's order, with their display names.
LANGUAGE_NAMES = {language["id"]: language["label"] for language in schema.languages()}
if list(LANGUAGE_NAMES) != [JAVA, PYTHON]:
    raise schema.SchemaError(f"{schema.PATH}: the languages are {', '.join(LANGUAGE_NAMES)}; the notebook draws "
                             f"{JAVA} and {PYTHON}")
# Claim ids in the order the suite defines them, with their display names.
CLAIM_NAMES = {claim["id"]: claim["title"] for claim in schema.claims()}
# Row ids read otherwise than with their underscores as spaces.
ROW_NAMES = {"peak_rss": "peak RSS"}
VERDICTS = schema.verdicts()


@dataclass
class ClaimStudy:
    """claims.csv (one row per claim row) and claim-shots.csv (one row per
    measured shot) of every run that has them, each with a leading run column.
    shots is empty where the run wrote no claim-shots.csv. level: where the study
    is one round-trip time of runs measured at several (first_level), which, in words."""
    claims: pd.DataFrame
    shots: pd.DataFrame
    level: str = ""

    def rounds(self, run) -> int:
        """How many rounds a run's shots span (0 without claim-shots.csv)."""
        return int(self.shots.loc[self.shots["run"] == run, "round"].nunique())


def read_claims(path) -> pd.DataFrame:
    return read_contract_csv(path, CLAIMS_COLUMNS, CLAIMS_NUMBERS, CLAIMS_FLAGS, later=LATER_CLAIMS)


def read_claim_shots(path) -> pd.DataFrame:
    return read_contract_csv(path, CLAIM_SHOTS_COLUMNS, CLAIM_SHOTS_NUMBERS, later=LATER_CLAIM_SHOTS)


def load_claim_study(folders: dict) -> ClaimStudy | None:
    """The claims study of the runs (run id -> folder) that hold a claims.csv;
    None when none does."""
    files = read_study(folders, (CLAIMS_FILE, read_claims), (CLAIM_SHOTS_FILE, read_claim_shots), CLAIM_SHOTS_COLUMNS)
    return ClaimStudy(*files) if files else None


def rtt_levels(frame: pd.DataFrame) -> list[str]:
    """The round-trip times a frame holds (its rtt column), loopback first, then by rtt_ms: a relay adding
    0 ms after the direct connection it is compared with."""
    ms = frame.groupby(RTT, sort=False)[RTT_MS].first()
    return sorted(ms.index, key=lambda level: (level != LOOPBACK, ms[level]))


def rtt_label(level, ms) -> str:
    """"loopback", "0 ms", "2 ms": a round-trip time as the figures and tables name it."""
    return LOOPBACK if level == LOOPBACK or math.isnan(ms) else f"{ms:g}\u00a0ms"


def over_rtt(claims: pd.DataFrame) -> bool:
    """Whether claims.csv rows were measured through a relay: at more than one round-trip time, or any but loopback."""
    return claims[RTT].nunique() > 1 or bool((claims[RTT] != LOOPBACK).any())


def first_level(study: ClaimStudy) -> ClaimStudy:
    """The study at each run's first round-trip time (loopback where measured), which the claims figures and
    table show; the study itself where every run has one level only."""
    study = smallest_size(study)
    claims, shots = study.claims, study.shots
    first = {run: rtt_levels(g)[0] for run, g in claims.groupby("run", sort=False)}
    if not over_rtt(claims):
        return study
    kept = claims[claims[RTT] == claims["run"].map(first)]
    kept_shots = shots[shots[RTT] == shots["run"].map(first)] if not shots.empty else shots
    labels = {rtt_label(level, kept.loc[kept[RTT] == level, RTT_MS].iloc[0]) for level in set(first.values())}
    level = (f"at round-trip time {next(iter(labels))} only" if len(labels) == 1 else
             "each run at its first round-trip time only")
    if claims[RTT].nunique() > 1:
        level += " (every round-trip time: the figure and table of the claims per round-trip time)"
    return ClaimStudy(kept, kept_shots, level)


def smallest_size(study: ClaimStudy) -> ClaimStudy:
    """The study at each run and language's smallest size, where one measured several (the scale profile: its
    claims.md compares the sizes); the study itself elsewhere."""
    claims, shots = study.claims, study.shots
    sizes = pd.to_numeric(claims[ROWS], errors="coerce")
    smallest = sizes.groupby([claims["run"], claims["language"]]).transform("min")
    if sizes.groupby([claims["run"], claims["language"]]).nunique().max() <= 1:
        return study
    keep = (sizes == smallest) | sizes.isna()
    kept = claims[keep]
    kept_shots = shots
    if not shots.empty and "rows" in shots.columns:
        pairs = set(zip(kept["run"], kept["language"], pd.to_numeric(kept[ROWS], errors="coerce")))
        shot_rows = pd.to_numeric(shots["rows"], errors="coerce")
        kept_shots = shots[[(r, lang, n) in pairs for r, lang, n in zip(shots["run"], shots["language"], shot_rows)]]
    note = "at each language's smallest size only (every size: claims.md, \"As the load grows\")"
    level = note if not study.level else f"{study.level}; {note}"
    return ClaimStudy(kept, kept_shots, level)


def claim_name(claim_id) -> str:
    return CLAIM_NAMES.get(str(claim_id), str(claim_id).replace("_", " "))


def language_name(language) -> str:
    return LANGUAGE_NAMES.get(str(language), str(language).capitalize())


def languages(frame: pd.DataFrame) -> list[str]:
    """The languages a frame holds: Java, Python, then any other, as first written."""
    present = list(dict.fromkeys(frame["language"]))
    return [l for l in LANGUAGE_NAMES if l in present] + [l for l in present if l not in LANGUAGE_NAMES]


def comparison_keys(claims: pd.DataFrame) -> pd.DataFrame:
    """(run, claim, row) of every comparison once, whatever languages measured it: in the
    order written, but every claim's rows together (a row only one language has, such as the
    Python port's peak RSS, joins its claim's)."""
    keys = claims[["run", "claim", "row"]].drop_duplicates().reset_index(drop=True)
    first = {k: i for i, k in reversed(list(enumerate(zip(keys["run"], keys["claim"]))))}
    order = sorted(range(len(keys)), key=lambda i: (first[(keys["run"][i], keys["claim"][i])], i))
    return keys.iloc[order].reset_index(drop=True)


def claim_row_name(row_id, primary=False) -> str:
    """A claim row's id for reading; * marks the primary row, which decides the claim."""
    return ROW_NAMES.get(str(row_id), str(row_id).replace("_", " ")) + (" *" if primary else "")


def _bound(v) -> str:
    """A claimed bound as written: 2 -> "2", 26.4706 (the author's 34 -> 25 minutes) -> "26.5"."""
    return f"{v:g}" if float(v).is_integer() else f"{v:.1f}"


# The unit of a memory comparison read as a difference: how much more the changed arm holds, in percent of
# the dataset's own size in memory (older files compared memory as a ratio, "x memory").
MEMORY_DIFFERENCE_UNIT = "% of dataset more held"


def is_difference_unit(unit) -> bool:
    return str(unit) == MEMORY_DIFFERENCE_UNIT


def _value_in_unit(v, unit: str) -> str:
    """2 -> "2x faster", 10 -> "10 % less time", 10 -> "10 % of dataset more held": the number as the claim says it."""
    head, _, rest = str(unit).partition(" ")
    if head == "x":
        return f"{_bound(v)}x {rest}"
    if head == "%":
        return f"{_bound(v)} % {rest}"
    return f"{_bound(v)} {unit}"


def claimed_range_text(low, high, unit: str) -> str:
    """"2–5x faster", "at least 1.5x faster", "at most 0.5x memory", "0–10 % of dataset more held",
    "above 0 % of dataset more held", or "no claimed range"."""
    has_low, has_high = not math.isnan(low), not math.isnan(high)
    if has_low and has_high:
        return f"{_bound(low)}\u2013" + _value_in_unit(high, unit)
    if has_low:
        # "at least 0 % more held" would read as no claim at all; the claim is "more", above 0.
        lead = "above " if is_difference_unit(unit) and low == 0 else "at least "
        return lead + _value_in_unit(low, unit)
    if has_high:
        return "at most " + _value_in_unit(high, unit)
    return "no claimed range"


def number_format(unit, short: bool = False) -> tuple:
    """(format of one number, what follows the point estimate) in a unit; a no-break space, so that
    a narrow column never breaks "-16.7 %" from its sign. short: "%" alone for a difference in
    percent of the dataset, where a column names the unit elsewhere."""
    head = str(unit).partition(" ")[0]
    if is_difference_unit(unit):
        # A difference: its sign says more or less held.
        return (lambda v: f"{v:+.1f}"), "\u00a0%" if short else "\u00a0% of dataset"
    if head == "x":
        return (lambda v: f"{v:.2f}"), "x"
    if head == "%":
        return (lambda v: f"{v:.1f}"), "\u00a0%"
    return fmt_sig, ""


def _present(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def memory_held_text(r) -> str:
    """"2.3 vs 0.1 MB, +1,114 B/row" (and ", 1.02x" where the suite wrote the ratio): what each arm
    of a memory comparison held, from claims.csv's memory columns; "" where the row has none."""
    changed, original = getattr(r, "changed_mb", None), getattr(r, "original_mb", None)
    if not (_present(changed) and _present(original)):
        return ""
    text = f"{changed:.1f} vs {original:.1f} MB"
    extra = getattr(r, "extra_bytes_per_row", None)
    if _present(extra):
        text += f", {extra:+,.0f} B/row"
    ratio = getattr(r, "memory_ratio", None)
    if _present(ratio):
        text += f", {ratio:.2f}x"
    return text


def estimate_text(r) -> str:
    """"3.10x [2.80, 3.40]", "14.2\u00a0% [11.5, 16.9]" or, for memory held more, "+76.3\u00a0% of dataset
    [+70.1, +82.5]; 2.3 vs 0.1 MB, +1,114 B/row": the suite's estimate and 95 % interval (and, for
    memory, what the arms held)."""
    if math.isnan(r.estimate):
        return "not measured"
    f, suffix = number_format(r.unit)
    point = f(r.estimate) + suffix
    if not (math.isnan(r.ci_low) or math.isnan(r.ci_high)):
        point += f" [{f(r.ci_low)}, {f(r.ci_high)}]"
    held = memory_held_text(r)
    return f"{point}; {held}" if held else point


def sample_size_text(r) -> str:
    """"5 / 40": forks / paired comparisons."""
    return f"{fmt_int(r.n_forks)} / {fmt_int(r.n_pairs)}"


def verdict_text(r) -> str:
    """The suite's verdict; a dagger where the interval is wider than the target precision."""
    return str(r.verdict) + ("" if r.precision_met or math.isnan(r.precision) else " \u2020")


# The per-language columns of the claims table, after "<Language> ".
LANGUAGE_COLUMNS = ["estimate [95 % CI]", "n", "verdict"]


def claim_study_display(claims: pd.DataFrame) -> pd.DataFrame:
    """claims.csv as a table to read: one row per comparison (run, claim, row), the
    languages that measured it side by side ("-" where one did not), verdicts as
    written (with a dagger where the target precision was not reached)."""
    multi = claims["run"].nunique() > 1
    keys = comparison_keys(claims)
    langs = languages(claims)
    by_key = {k: g for k, g in claims.groupby(["run", "claim", "row"], sort=False)}
    columns = {c: [] for c in (["run"] if multi else []) + ["claim", "row", "claimed"]
               + [f"{language_name(l)} {c}" for l in langs for c in LANGUAGE_COLUMNS]}
    for key in keys.itertuples(index=False):
        rows = by_key[tuple(key)]
        if multi:
            columns["run"].append(key.run)
        columns["claim"].append(claim_name(key.claim))
        columns["row"].append(claim_row_name(key.row, bool(rows["primary"].any())))
        # The claimed range is the claim's, the same in every language; should the ports' rows differ, each is shown.
        claimed = {language_name(r.language): claimed_range_text(r.claimed_low, r.claimed_high, r.unit)
                   for r in rows.itertuples()}
        columns["claimed"].append(next(iter(claimed.values())) if len(set(claimed.values())) == 1
                                  else "; ".join(f"{n}: {c}" for n, c in claimed.items()))
        for l in langs:
            mine = list(rows[rows["language"] == l].itertuples())
            name = language_name(l)
            r = mine[0] if mine else None
            columns[f"{name} estimate [95 % CI]"].append(estimate_text(r) if r else "-")
            columns[f"{name} n"].append(sample_size_text(r) if r else "-")
            columns[f"{name} verdict"].append(verdict_text(r) if r else "-")
    return pd.DataFrame(columns)
