"""What the benchmarks are, and selecting among their configurations.

Selection only: which configurations a figure or table shows (the fastest per
strategy, at the run's dataset size, the complete ones). Every number shown is
a summary.csv column as the suite wrote it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from . import schema
from .fmt import fmt_int
from .load import NAME_PARAMS, NAN, PARAMS, num

# The benchmarks the figures single out, by catalogue key (results/schema.json names each one's id).
SYNC = schema.benchmark("SYNC_BASELINE")
NEW_CONN = schema.benchmark("NEW_CONNECTION_PER_CHUNK")
POOLED_BATCH = schema.benchmark("POOLED_BATCH")
POOLED_COPY = schema.benchmark("POOLED_COPY")
FACTOR = schema.benchmark("FACTOR_POINT")
CEIL_INSERT_SELECT = schema.benchmark("INSERT_SELECT_CEILING")
CEIL_SERVER_COPY = schema.benchmark("SERVER_COPY_CEILING")
CEIL_PARALLEL = schema.benchmark("PARALLEL_CEILING")
PSQL_COPY = schema.benchmark("PSQL_COPY")
# The claims study: its JMH entries interleave several arms and are not in
# summary.csv; its numbers are claims.csv and claim-shots.csv.
CLAIM_MIX = schema.benchmark("CLAIM")
# The scale study: its summary.csv rows are each one strategy at one size, not a strategy's configuration to
# compare; its numbers are scale.csv and scale-fits.csv.
SCALE_STUDY = schema.benchmark("SCALE")

_MATRIX_PROFILES = ("quick", "standard", "thesis")
PROFILE_ORDER = ["quick", "standard", "thesis", "claims"]
# The run-bench.sh profiles that run a family's benchmarks (smoke runs every class once).
_FAMILY_PROFILES = {"original": ("thesis",), "factor": ("thesis",), "claims": ("claims",), "scale": ("scale",)}


@dataclass(frozen=True)
class BenchInfo:
    name: str  # short, for axes and tables; summary.csv's label says more
    profiles: tuple  # the run-bench.sh profiles that run it (smoke runs every class once)
    label_params: tuple = ()  # params that tell its strategies apart, named after the name


# Every benchmark of the catalogue, in its order, as the schema describes it.
BENCHMARKS = {b["id"]: BenchInfo(b["shortName"], _FAMILY_PROFILES.get(b["family"], _MATRIX_PROFILES),
                                 tuple(b["nameParameters"]))
              for b in schema.benchmarks()}
BENCH_ORDER = list(BENCHMARKS)
# What a run's coverage lists, missing or not: the benchmarks with summary.csv rows of their own that a
# matrix profile runs. The frozen COPY ceiling is listed where a run has it (standard and thesis, bulk
# server); the interleaved references' rows are under the benchmarks their arms stand for; the claims
# forks write claims.csv.
COVERED = [b for b in BENCH_ORDER if b not in {schema.benchmark("FROZEN_COPY_CEILING"),
                                                 schema.benchmark("INTERLEAVED_REFERENCES"),
                                                 schema.benchmark("CLAIM"), schema.benchmark("PYTHON_CLAIM")}]
# summary.csv's families, in the order figures and tables list them, with their names; "other" is a
# benchmark the catalogue does not know.
FAMILY_ORDER = [family["id"] for family in schema.families()]
FAMILY_NAMES = {**{family["id"]: family["label"] for family in schema.families()}, "other": "other"}
FORMAT_NAMES = {"COPY_BINARY": "binary", "COPY_CSV": "CSV", "COPY_TEXT": "text"}


def profile_hint(benches: Iterable[str]) -> str:
    """Which run-bench.sh profile produces the given benchmarks."""
    benches = list(benches)
    classes = list(dict.fromkeys(b.split(".")[0] for b in benches))
    profiles = list(dict.fromkeys(p for b in benches for p in (BENCHMARKS[b].profiles if b in BENCHMARKS
                                                              else ("thesis",))))
    profiles.sort(key=lambda p: PROFILE_ORDER.index(p) if p in PROFILE_ORDER else len(PROFILE_ORDER))
    names = profiles[0] if len(profiles) == 1 else ", ".join(profiles[:-1]) + " or " + profiles[-1]
    return (f"needs {', '.join(classes)}: run profile {names} "
            f"(smoke runs every class once, with tiny data)")


def _param_word(param: str, value: str) -> str:
    if param == "format":
        return FORMAT_NAMES.get(value, value)
    return value.lower() if param == "variant" else value


def strategy_name(row) -> str:
    """The benchmark's short name (summary.csv's label for one this module does
    not know), with the params that tell its strategies apart:
    "pooled COPY (binary)", "original loader (after)"."""
    info = BENCHMARKS.get(row.get("benchmark"))
    name = info.name if info else (row.get("label") or row.get("benchmark"))
    values = [_param_word(p, row.get(p)) for p in (info.label_params if info else ()) if row.get(p)]
    return f"{name} ({', '.join(values)})" if values else str(name)


def config_text(values: Sequence[tuple]) -> str:
    """Compact configuration: numeric params by name, then the factor values
    (BATCH, POOLED, ...) which name themselves, e.g.
    "chunkSize 500, tasks 2; COPY_BINARY, POOLED, PLATFORM"."""
    nums = [f"{k} {fmt_int(v)}" for k, v in values if isinstance(v, float) and not math.isnan(v)]
    cats = [str(v) for _, v in values if isinstance(v, str) and v]
    text = ", ".join(nums) + ("; " if nums and cats else "") + ", ".join(cats)
    return text or "-"


def configuration_text(row) -> str:
    """The params that identify a configuration, minus those in its strategy name."""
    info = BENCHMARKS.get(row.get("benchmark"))
    skip = set(info.label_params if info else ())
    return config_text([(p, row.get(p)) for p in PARAMS if p not in skip])


def _order(values, known):
    return values.map(lambda v: known.index(v) if v in known else len(known))


def with_names(summary: pd.DataFrame) -> pd.DataFrame:
    """summary.csv rows with what selection and display need: strategy name,
    configuration text, sort keys and whether every chunk committed."""
    records = summary.to_dict("records")
    # The scale study's strategy and language parameters are part of its strategy's name, which takes the
    # strategy column after the file's own, as before those parameters existed.
    out = summary.drop(columns=NAME_PARAMS)
    out["strategy"] = pd.Series([strategy_name(r) for r in records], index=out.index, dtype=object)
    out["configuration"] = pd.Series([configuration_text(r) for r in records], index=out.index, dtype=object)
    out["family_order"] = _order(out["family"], FAMILY_ORDER)
    out["bench_order"] = _order(out["benchmark"], BENCH_ORDER)
    # A shot with a failed chunk fails the benchmark, so a result should never
    # show one; where it does, the configuration is left out of every comparison.
    out["complete"] = ~(out["successful_chunks"] < out["chunks"])
    return out


def main_rows(df: pd.DataFrame, manifests: dict | None = None) -> dict:
    """The dataset size each run's figures use: the manifest's dataset rows
    when measured, else the largest rows value of the run."""
    out = {}
    for run, g in df.groupby("run", sort=False):
        have = set(g["rows"].dropna())
        want = num((((manifests or {}).get(run) or {}).get("dataset") or {}).get("rows"))
        out[run] = want if want in have else (max(have) if have else NAN)
    return out


def main_server(df: pd.DataFrame) -> dict:
    """The server each run's figures use: the first it measured on (in a run over
    several servers, the one every configuration ran on; the others repeat all or
    some of them, which only the per-server figure compares)."""
    return {run: (g["server"].iloc[0] if len(g) else "") for run, g in df.groupby("run", sort=False)}


def plot_data(df: pd.DataFrame, manifests: dict | None = None, every_server: bool = False) -> pd.DataFrame:
    """What the figures draw: complete configurations at each run's main rows,
    on each run's first server unless every_server; not the scale study's rows."""
    ok = df[df["complete"] & (df["benchmark"] != SCALE_STUDY)]
    ok = ok[ok["rows"] == ok["run"].map(main_rows(df, manifests))]
    return ok if every_server else ok[ok["server"] == ok["run"].map(main_server(df))]


def best_over(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Fastest complete configuration per key combination (e.g. per chunk size)."""
    ok = df[df["complete"] & df["rows_per_s"].notna()]
    return ok.sort_values("rows_per_s", ascending=False).drop_duplicates(keys).sort_values(keys)


def best_per_strategy(df: pd.DataFrame) -> pd.DataFrame:
    """Fastest complete configuration per (run, strategy, rows), in family order."""
    best = best_over(df, ["run", "strategy", "rows"])
    return best.sort_values(["run", "family_order", "bench_order", "rows_per_s"],
                            ascending=[True, True, True, False]).reset_index(drop=True)


def strategy_order(frame: pd.DataFrame) -> list:
    return frame.sort_values(["family_order", "bench_order", "strategy"])["strategy"].drop_duplicates().tolist()


def this_run_note(manifests: dict | None = None) -> str:
    """" (this run: profile quick)", or "" without a manifest naming one."""
    profiles = sorted({str((m.get("run") or {}).get("profile")) for m in (manifests or {}).values()
                       if (m.get("run") or {}).get("profile")})
    return f" (this run: profile {', '.join(profiles)})" if profiles else ""


def hint_for_missing(df: pd.DataFrame, benches, manifests: dict | None = None) -> str:
    """profile_hint, with the profile of the runs at hand."""
    return profile_hint(benches) + this_run_note(manifests)
