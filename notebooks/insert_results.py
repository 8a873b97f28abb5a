"""Load, analyse, plot and export pg-insert-bench results.

A results folder holds ``jmh-result.json`` (JMH's standard JSON) and
``manifest.json``; ``results/README.md`` is the contract both follow.
Everything shown or exported here is computed from those two files.

Conventions used throughout:

* ``score`` is seconds per operation; one operation loads ``rows`` rows once,
  so throughput is ``rows / score`` rows/s.
* Intervals are JMH's 99.9 % confidence intervals (``scoreConfidence``).
  With a single measured shot JMH reports none (NaN): the value is kept and
  drawn without an error bar.
* A ratio of two measurements (speedup, percent of ceiling, claims) gets the
  conservative interval formed by the extremes of both intervals.
"""
from __future__ import annotations

import functools
import json
import math
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import matplotlib
from matplotlib import ticker
from matplotlib.figure import Figure
from matplotlib.patches import Patch

NAN = float("nan")

NOTEBOOK_DIR = Path(__file__).resolve().parent
REPO_ROOT = NOTEBOOK_DIR.parent
RESULTS_ROOT = REPO_ROOT / "results"
SAMPLE_DIR = RESULTS_ROOT / "sample"
RESULT_FILE = "jmh-result.json"
MANIFEST_FILE = "manifest.json"
# results/<UTC timestamp>-<profile>/, e.g. 20261128T201500Z-quick
RUN_FOLDER_RE = re.compile(r"^\d{8}T\d{4,6}Z?-.+$")

CI_NOTE = "error bars: JMH 99.9 % confidence interval; none where only one shot was measured"

# --------------------------------------------------------------------------
# What the benchmarks are
# --------------------------------------------------------------------------

SYNC = "SyncBaselineBenchmark.load"
NEW_CONN = "NewConnectionPerChunkBenchmark.load"
POOLED_BATCH = "PooledBatchBenchmark.load"
POOLED_COPY = "PooledCopyBenchmark.load"
ORIGINAL = "OriginalLoaderBenchmark.load"
FACTOR = "FactorBenchmark.load"
CEIL_INSERT_SELECT = "CeilingBenchmark.insertSelect"
CEIL_SERVER_COPY = "CeilingBenchmark.serverCopy"
CEIL_PARALLEL = "ParallelCeilingBenchmark.serverCopy"
PSQL_COPY = "PsqlCopyBenchmark.psqlCopy"
# The claims study: each JMH entry interleaves several arms shot by shot, so its
# primary score is a mix of strategies and is never drawn or tabled as one.
# Its numbers come from claims.csv and claim-shots.csv, written by the suite.
CLAIM_MIX = "ClaimBenchmark.load"

_CARD_PROFILES = "quick, standard, thesis"


@dataclass(frozen=True)
class BenchInfo:
    family: str
    label: str
    profiles: str  # which run-bench.sh profiles produce it (smoke runs every class)
    label_params: tuple = ()  # params already spelled out in the strategy label


BENCHMARKS = {
    SYNC: BenchInfo("baseline", "sync baseline", _CARD_PROFILES),
    NEW_CONN: BenchInfo("card", "new connection per chunk", _CARD_PROFILES),
    POOLED_BATCH: BenchInfo("card", "pooled executeBatch", _CARD_PROFILES),
    POOLED_COPY: BenchInfo("card", "pooled COPY", _CARD_PROFILES, ("format",)),
    ORIGINAL: BenchInfo("original", "original loader", "thesis", ("variant",)),
    FACTOR: BenchInfo("factor", "factor study", "thesis", ("protocol", "connections")),
    PSQL_COPY: BenchInfo("reference", "psql \\copy", "thesis"),
    CEIL_INSERT_SELECT: BenchInfo("ceiling", "ceiling: INSERT ... SELECT", _CARD_PROFILES),
    CEIL_SERVER_COPY: BenchInfo("ceiling", "ceiling: server-side COPY", _CARD_PROFILES),
    CEIL_PARALLEL: BenchInfo("ceiling", "ceiling: parallel server-side COPY", _CARD_PROFILES),
    CLAIM_MIX: BenchInfo("claims", "claims study (a mix of arms, not a strategy)", "claims"),
}
BENCH_ORDER = list(BENCHMARKS)
FAMILY_ORDER = ["baseline", "card", "original", "factor", "reference", "ceiling", "claims", "other"]
FAMILY_NAMES = {
    "baseline": "sync baseline",
    "card": "card strategies",
    "original": "original loader",
    "factor": "factor study",
    "reference": "psql \\copy",
    "ceiling": "server ceilings",
    "claims": "claims study",
    "other": "other",
}
FORMAT_NAMES = {"COPY_BINARY": "binary", "COPY_CSV": "CSV", "COPY_TEXT": "text"}
FACTOR_PARAMS = ["rows", "protocol", "connections", "executor", "conversion",
                 "chunking", "chunkSize", "tasks"]
# Always present as columns, so joins and filters never hit a missing column.
CORE_PARAMS = ["rows", "chunkSize", "tasks"]


def profile_hint(benches: Iterable[str]) -> str:
    """Which run-bench.sh profile produces the given benchmarks."""
    classes = list(dict.fromkeys(b.split(".")[0] for b in benches))
    profiles = []
    for b in benches:
        info = BENCHMARKS.get(b)
        for p in (info.profiles if info else "thesis").split(", "):
            if p not in profiles:
                profiles.append(p)
    order = ["quick", "standard", "thesis", "claims"]
    profiles = sorted(profiles, key=lambda p: order.index(p) if p in order else len(order))
    names = profiles[0] if len(profiles) == 1 else ", ".join(profiles[:-1]) + " or " + profiles[-1]
    return (f"needs {', '.join(classes)}: run profile {names} "
            f"(smoke runs every class once, with tiny data)")


# --------------------------------------------------------------------------
# Locating results folders
# --------------------------------------------------------------------------

def _resolve_path(p) -> Path:
    """Relative paths are taken from the repository root, whatever the cwd."""
    p = Path(os.path.expanduser(str(p)))
    if p.is_absolute():
        return p
    from_root = REPO_ROOT / p
    if from_root.exists() or not (Path.cwd() / p).exists():
        return from_root
    return Path.cwd() / p


def newest_run_folder(root: Path | None = None) -> Path | None:
    """Newest results/<timestamp>-<profile>/ that holds a jmh-result.json."""
    root = RESULTS_ROOT if root is None else root
    if not root.is_dir():
        return None
    runs = [d for d in root.iterdir()
            if d.is_dir() and RUN_FOLDER_RE.match(d.name) and (d / RESULT_FILE).is_file()]
    # The timestamp prefix sorts chronologically.
    return max(runs, key=lambda d: d.name) if runs else None


def resolve_results(spec=None) -> list[Path]:
    """Turn the notebook's RESULTS parameter into a list of results folders.

    ``None``: the env var RESULTS_DIR (several separated by os.pathsep), else
    the newest results/<timestamp>-<profile>/, else results/sample/.
    """
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        env = os.environ.get("RESULTS_DIR", "").strip()
        if env:
            spec = [s for s in env.split(os.pathsep) if s.strip()]
        else:
            spec = newest_run_folder(RESULTS_ROOT) or SAMPLE_DIR
    if isinstance(spec, (str, Path)):
        spec = [spec]
    folders = []
    for s in spec:
        d = _resolve_path(s)
        if d.is_file() and d.name == RESULT_FILE:
            d = d.parent
        if not (d / RESULT_FILE).is_file():
            raise FileNotFoundError(f"no {RESULT_FILE} in results folder {d}")
        folders.append(d)
    if not folders:
        raise ValueError("no results folder given")
    return folders


def output_dir(folders: Sequence[Path], out=None) -> Path:
    """NOTEBOOK_OUT if set, else the first results folder."""
    out = out or os.environ.get("NOTEBOOK_OUT", "").strip() or folders[0]
    return _resolve_path(out)


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

_SPECIAL = {"nan": NAN, "+inf": math.inf, "inf": math.inf, "infinity": math.inf,
            "+infinity": math.inf, "-inf": -math.inf, "-infinity": -math.inf}


def num(v) -> float:
    """A JMH number as float: JMH 1.37 writes NaN/infinities as the strings
    "NaN", "+INF", "-INF"; other writers use bare NaN. Both are accepted."""
    if v is None or isinstance(v, bool):
        return NAN
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        s = v.strip().lower()
        if s in _SPECIAL:
            return _SPECIAL[s]
        try:
            return float(s)
        except ValueError:
            return NAN
    return NAN


def read_json(path) -> object:
    with open(path, encoding="utf-8") as f:
        # json accepts bare NaN/Infinity tokens as well.
        return json.load(f)


def _flatten(raw) -> list[float]:
    out = []
    if isinstance(raw, list):
        for x in raw:
            out.extend(_flatten(x) if isinstance(x, list) else [num(x)])
    return out


def metric_key(key: str) -> str:
    """Older JMH prefixes profiler metrics with a middle dot."""
    return key.lstrip("\u00b7\u2022. ").strip()


# s/op conversion for time-per-op and op-per-time score units.
_TIME_UNITS = {"ns": 1e-9, "us": 1e-6, "\u00b5s": 1e-6, "\u03bcs": 1e-6, "ms": 1e-3,
               "s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0, "hr": 3600.0}


def _time_factor(unit: str) -> float:
    """Seconds per unit of a time-per-op score unit; NaN for any other unit."""
    m = re.fullmatch(r"(\S+)/op", (unit or "s/op").strip())
    return _TIME_UNITS.get(m.group(1), NAN) if m else NAN


def _to_seconds_per_op(score, lo, hi, unit: str):
    unit = (unit or "s/op").strip()
    f = _time_factor(unit)
    if not math.isnan(f):
        return score * f, lo * f, hi * f
    m = re.fullmatch(r"ops?/(\S+)", unit)
    if m and m.group(1) in _TIME_UNITS:
        f = _TIME_UNITS[m.group(1)]
        inv = lambda x: f / x if x and x > 0 else (math.inf if x == 0 else NAN)
        return inv(score), inv(hi), inv(lo)
    return NAN, NAN, NAN


def _strategy(bench: str, params: dict) -> str:
    info = BENCHMARKS.get(bench)
    if bench == POOLED_COPY and params.get("format"):
        f = params["format"]
        return f"pooled COPY ({FORMAT_NAMES.get(f, f)})"
    if bench == ORIGINAL and params.get("variant"):
        return f"original loader: {params['variant'].lower()}"
    if bench == FACTOR:
        # "conn." keeps connections PER_CHUNK apart from conversion PER_CHUNK.
        parts = [params.get("protocol")] + ([f"conn. {params['connections']}"] if params.get("connections") else [])
        parts = [p for p in parts if p]
        return "factor: " + ", ".join(parts) if parts else "factor study"
    return info.label if info else bench


def _manifest_run_id(manifest: dict, folder: Path) -> str:
    return str((manifest.get("run") or {}).get("id") or folder.name)


def machine_label(manifest: dict) -> str:
    host = manifest.get("host") or {}
    cpu = host.get("cpuModel") or host.get("arch") or "unknown host"
    bits = [str(cpu).strip()]
    if host.get("cpuCount"):
        bits.append(f"{host['cpuCount']} CPUs")
    if host.get("memoryBytes"):
        bits.append(f"{num(host['memoryBytes']) / 2**30:.0f} GiB")
    return ", ".join(bits)


def _entry_row(entry: dict, run: str, manifest: dict, folder: Path) -> dict:
    full = str(entry.get("benchmark", ""))
    parts = full.split(".")
    bench = ".".join(parts[-2:]) if len(parts) >= 2 else full
    info = BENCHMARKS.get(bench)
    params = {k: str(v) for k, v in (entry.get("params") or {}).items()}

    pm = entry.get("primaryMetric") or {}
    conf = pm.get("scoreConfidence") or [NAN, NAN]
    score, lo, hi = _to_seconds_per_op(num(pm.get("score")), num(conf[0]),
                                       num(conf[1] if len(conf) > 1 else NAN),
                                       pm.get("scoreUnit", "s/op"))
    f = _time_factor(pm.get("scoreUnit", "s/op"))
    # A throughput-mode error does not convert linearly: take half the interval instead.
    err = num(pm.get("scoreError")) * f if not math.isnan(f) else \
        ((hi - lo) / 2 if not (math.isnan(lo) or math.isnan(hi)) else NAN)
    shots = len(_flatten(pm.get("rawData")))
    run_meta = manifest.get("run") or {}
    row = {
        "run": run,
        "profile": run_meta.get("profile"),
        "machine": machine_label(manifest),
        "folder": str(folder),
        "benchmark": full,
        "bench": bench,
        "benchClass": parts[-2] if len(parts) >= 2 else full,
        "method": parts[-1] if parts else "",
        "family": info.family if info else "other",
        "strategy": _strategy(bench, params),
        "mode": entry.get("mode"),
        "forks": entry.get("forks"),
        "warmupIterations": entry.get("warmupIterations"),
        "measurementIterations": entry.get("measurementIterations"),
        "shots": shots,
        "score": score,
        "scoreError": err,
        "ciLo": lo,
        "ciHi": hi,
        "scoreUnit": "s/op",
    }
    row.update({f"param:{k}": v for k, v in params.items()})

    sec = {metric_key(k): v for k, v in (entry.get("secondaryMetrics") or {}).items()}
    for key, m in sec.items():
        raw = [x for x in _flatten(m.get("rawData")) if not math.isnan(x)]
        conf = m.get("scoreConfidence") or [NAN, NAN]
        if key.startswith("gc."):
            # Profiler results are averaged per op by JMH: the score is the value.
            row[f"sec:{key}"] = num(m.get("score"))
            row[f"sec:{key}:lo"] = num(conf[0])
            row[f"sec:{key}:hi"] = num(conf[1] if len(conf) > 1 else NAN)
        else:
            # @AuxCounters(EVENTS) are summed over shots in "score"; rawData
            # holds one value per shot, so its mean is the per-shot value
            # whether the metric was summed or averaged.
            row[f"sec:{key}"] = float(np.mean(raw)) if raw else num(m.get("score"))
            row[f"sec:{key}:total"] = float(np.sum(raw)) if raw else num(m.get("score"))
    return row


def load_folder(folder) -> tuple[list[dict], dict]:
    folder = Path(folder)
    entries = read_json(folder / RESULT_FILE)
    if isinstance(entries, dict):
        entries = [entries]
    mpath = folder / MANIFEST_FILE
    manifest = read_json(mpath) if mpath.is_file() else {}
    run = _manifest_run_id(manifest, folder)
    return [_entry_row(e, run, manifest, folder) for e in entries or []], manifest


def _convert_param(s: pd.Series) -> pd.Series:
    vals = s.dropna()
    if vals.empty:
        return s.astype(float)
    try:
        return pd.to_numeric(s, errors="raise").astype(float)
    except (ValueError, TypeError):
        return s


def load_results(spec=None) -> tuple[pd.DataFrame, dict, dict]:
    """Load one or several results folders, for the strategy figures and tables.

    Returns (df, manifests, folders): df has one row per benchmark
    configuration with every param as a column and the derived columns of
    :func:`derive`, without the claims study's mixed entries (see
    :func:`strategy_entries`); manifests/folders map run id -> manifest / folder.
    """
    entries, manifests, where = load_entries(spec)
    return strategy_entries(entries), manifests, where


def load_entries(spec=None) -> tuple[pd.DataFrame, dict, dict]:
    """As :func:`load_results`, but every JMH entry, the claims study's too."""
    folders = resolve_results(spec)
    rows, manifests, where = [], {}, {}
    for folder in folders:
        r, manifest = load_folder(folder)
        run = _manifest_run_id(manifest, folder)
        if run in manifests:  # the same run id twice: keep both apart
            run = f"{run} ({folder.name})"
            for x in r:
                x["run"] = run
        manifests[run] = manifest
        where[run] = folder
        rows.extend(r)
    return tidy(rows, manifests), manifests, where


def tidy(rows: list[dict], manifests: dict | None = None) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    if df.empty:
        df = pd.DataFrame(columns=["run", "bench", "family", "strategy", "score",
                                   "scoreError", "ciLo", "ciHi"])
    params = [c[len("param:"):] for c in df.columns if c.startswith("param:")]
    df = df.rename(columns={f"param:{p}": p for p in params})
    for p in CORE_PARAMS:
        if p not in df.columns:
            df[p] = NAN
    for p in set(params) | set(CORE_PARAMS):
        df[p] = _convert_param(df[p])
    # Without a rows param, fall back to the dataset size in the manifest.
    if manifests:
        ds_rows = df["run"].map(lambda r: num(((manifests.get(r) or {}).get("dataset") or {}).get("rows")))
        df["rows"] = df["rows"].fillna(ds_rows)
    df.attrs["params"] = sorted(set(params) | set(CORE_PARAMS), key=_param_order)
    return derive(df)


def is_claim_mix(df: pd.DataFrame) -> pd.Series:
    """Entries of the claims study: mixes of arms, never a strategy."""
    return df["bench"] == CLAIM_MIX if "bench" in df.columns else pd.Series(False, index=df.index)


def strategy_entries(df: pd.DataFrame) -> pd.DataFrame:
    """The entries that measure one strategy each: all but the claims study's.
    Params that only the claims study had (claim, round) are dropped."""
    out = df[~is_claim_mix(df)].copy()
    params = [p for p in df.attrs.get("params", []) if p in CORE_PARAMS or out[p].notna().any()]
    out = out.drop(columns=[p for p in df.attrs.get("params", []) if p not in params])
    out.attrs["params"] = params
    return out


def _param_order(p: str):
    order = ["rows", "format", "variant"] + FACTOR_PARAMS
    return (order.index(p) if p in order else len(order), p)


def param_columns(df: pd.DataFrame) -> list[str]:
    known = df.attrs.get("params")
    if known:
        return [p for p in known if p in df.columns]
    return [p for p in CORE_PARAMS if p in df.columns]


# --------------------------------------------------------------------------
# Derived quantities
# --------------------------------------------------------------------------

def ratio(num_, num_lo, num_hi, den, den_lo, den_hi):
    """num/den with the conservative interval [num_lo/den_hi, num_hi/den_lo].

    An upper bound is +inf when the denominator's interval reaches zero, and
    NaN when either interval is unknown."""
    a = [np.asarray(x, dtype=float) for x in (num_, num_lo, num_hi, den, den_lo, den_hi)]
    n, nl, nh, d, dl, dh = np.broadcast_arrays(*a)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = n / d
        lo = nl / dh
        hi = np.where(dl > 0, nh / np.where(dl > 0, dl, 1.0), np.inf)
    unknown = np.isnan(nl) | np.isnan(nh) | np.isnan(dl) | np.isnan(dh)
    lo = np.where(unknown, np.nan, lo)
    hi = np.where(unknown, np.nan, hi)
    return r, lo, hi


def _sec(df, key):
    col = f"sec:{key}"
    return df[col].astype(float) if col in df.columns else pd.Series(NAN, index=df.index)


def derive(df: pd.DataFrame) -> pd.DataFrame:
    """Per-configuration derived columns (pure functions of one row)."""
    df = df.copy()
    rows = df["rows"].astype(float)
    r, lo, hi = ratio(rows, rows, rows, df["score"], df["ciLo"], df["ciHi"])
    df["rowsPerSec"], df["rowsPerSecLo"], df["rowsPerSecHi"] = r, lo, hi

    alloc, alo, ahi = _sec(df, "gc.alloc.rate.norm"), _sec(df, "gc.alloc.rate.norm:lo"), _sec(df, "gc.alloc.rate.norm:hi")
    df["allocBytesPerOp"] = alloc
    df["allocBytesPerRow"] = alloc / rows
    df["allocBytesPerRowLo"] = alo / rows
    df["allocBytesPerRowHi"] = ahi / rows
    df["walBytesPerRow"] = _sec(df, "walBytesPerRow")
    df["clientCpuNsPerRow"] = _sec(df, "clientCpuNsPerRow")
    df["checkpointsPerShot"] = _sec(df, "checkpoints")
    df["rowsInsertedPerShot"] = _sec(df, "rows")
    df["failedChunks"] = _sec(df, "failedChunks:total")
    df["bytesSentPerOp"] = _sec(df, "bytesSent")
    with np.errstate(divide="ignore", invalid="ignore"):
        df["mbPerSec"] = df["bytesSentPerOp"] / df["score"] / 1e6
    # A configuration whose counters show lost rows or failed chunks is not valid.
    # Only fewer rows than asked for counts as lost: more would be a counting
    # convention, not a failed load.
    lost = df["rowsInsertedPerShot"].notna() & (df["rowsInsertedPerShot"] < rows * (1 - 1e-9))
    failed = df["failedChunks"].fillna(0) > 0
    df["valid"] = ~(lost | failed)
    df["familyOrder"] = df["family"].map(lambda f: FAMILY_ORDER.index(f) if f in FAMILY_ORDER else len(FAMILY_ORDER))
    df["benchOrder"] = df["bench"].map(lambda b: BENCH_ORDER.index(b) if b in BENCH_ORDER else len(BENCH_ORDER))
    return add_comparisons(df)


def _best_ref(df, mask, keys, prefix):
    """Fastest configuration per key among mask, as prefix-named columns."""
    ref = df.loc[mask].sort_values("score", na_position="last").drop_duplicates(keys)
    ref = ref[keys + ["score", "ciLo", "ciHi"]]
    return ref.rename(columns={"score": f"{prefix}Score", "ciLo": f"{prefix}Lo", "ciHi": f"{prefix}Hi"})


def _lookup(df, ref, keys):
    return df[keys].merge(ref, on=keys, how="left").set_axis(df.index)


def add_comparisons(df: pd.DataFrame) -> pd.DataFrame:
    """Speedup over the sync baseline and percent of the server ceilings.

    speedupVsSync: the fastest sync-baseline configuration at the same run
    and rows (so no strategy gains from a poor baseline chunk size);
    speedupVsSyncSameChunk: the sync baseline at the same chunk size.
    pctOf*: 100 * ceiling time / strategy time at the same run and rows; the
    parallel ceiling also at the same tasks."""
    df = df.copy()
    comparisons = [
        ("speedupVsSync", df["bench"] == SYNC, ["run", "rows"], 1.0),
        ("speedupVsSyncSameChunk", df["bench"] == SYNC, ["run", "rows", "chunkSize"], 1.0),
        ("pctOfServerCopy", df["bench"] == CEIL_SERVER_COPY, ["run", "rows"], 100.0),
        ("pctOfInsertSelect", df["bench"] == CEIL_INSERT_SELECT, ["run", "rows"], 100.0),
        ("pctOfParallelCeiling", df["bench"] == CEIL_PARALLEL, ["run", "rows", "tasks"], 100.0),
    ]
    for name, mask, keys, scale in comparisons:
        ref = _best_ref(df, mask & df["valid"], keys, "ref")
        looked = _lookup(df, ref, keys)
        r, lo, hi = ratio(looked["refScore"], looked["refLo"], looked["refHi"],
                          df["score"], df["ciLo"], df["ciHi"])
        df[name], df[name + "Lo"], df[name + "Hi"] = r * scale, lo * scale, hi * scale
    # The parallel ceiling only means something for strategies with tasks.
    no_tasks = df["tasks"].isna()
    for c in ("pctOfParallelCeiling", "pctOfParallelCeilingLo", "pctOfParallelCeilingHi"):
        df.loc[no_tasks, c] = NAN
    return df


def main_rows(df: pd.DataFrame, manifests: dict | None = None) -> dict:
    """The dataset size each run's figures use: the manifest's dataset rows
    when measured, else the largest rows value of the run."""
    out = {}
    for run, g in df.groupby("run", sort=False):
        have = set(g["rows"].dropna())
        want = num((((manifests or {}).get(run) or {}).get("dataset") or {}).get("rows"))
        out[run] = want if want in have else (max(have) if have else NAN)
    return out


def at_main_rows(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    m = main_rows(df, manifests)
    return df[df["rows"] == df["run"].map(m)]


def plot_data(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """What the figures draw: valid configurations at each run's main rows."""
    return at_main_rows(df[df["valid"]], manifests) if "valid" in df.columns else at_main_rows(df, manifests)


def best_per_strategy(df: pd.DataFrame) -> pd.DataFrame:
    """Fastest valid configuration per (run, strategy, rows)."""
    ok = df[df["valid"] & df["rowsPerSec"].notna()]
    best = ok.sort_values("rowsPerSec", ascending=False).drop_duplicates(["run", "strategy", "rows"])
    return best.sort_values(["run", "familyOrder", "benchOrder", "rowsPerSec"],
                            ascending=[True, True, True, False]).reset_index(drop=True)


def best_over(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Fastest valid configuration per key combination (e.g. per chunk size)."""
    ok = df[df["valid"] & df["rowsPerSec"].notna()]
    return ok.sort_values("rowsPerSec", ascending=False).drop_duplicates(keys).sort_values(keys)


def _is_missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def config_text(values: Sequence[tuple]) -> str:
    """Compact configuration: numeric params by name, then the factor values
    (BATCH, POOLED, ...) which name themselves, e.g.
    "chunkSize 500, tasks 2; COPY_BINARY/POOLED/PLATFORM"."""
    nums = [f"{k} {fmt_int(v)}" for k, v in values if isinstance(v, (int, float)) and not _is_missing(v)]
    cats = [str(v) for _, v in values if isinstance(v, str) and v]
    text = ", ".join(nums) + ("; " if nums and cats else "") + "/".join(cats)
    return text or "-"


def configuration_text(row, params: Sequence[str]) -> str:
    """The params that identify a configuration, minus rows and those in the label."""
    info = BENCHMARKS.get(row.get("bench"))
    skip = {"rows"} | set(info.label_params if info else ())
    return config_text([(p, row.get(p)) for p in params if p not in skip])


# --------------------------------------------------------------------------
# The original loader's claims
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Claim:
    key: str
    claim: str
    claimed: str
    kind: str  # "factor": x times faster; "saving": fraction of time saved
    lo: float
    hi: float

    @property
    def speedup_range(self) -> tuple[float, float]:
        """The claimed range as time(before) / time(after)."""
        if self.kind == "factor":
            return self.lo, self.hi
        return 1 / (1 - self.lo), 1 / (1 - self.hi)


CLAIMS = [
    Claim("copy_vs_executemany", "COPY vs executemany", "2-5x faster", "factor", 2.0, 5.0),
    Claim("pool_vs_new_connection", "pool vs new connection per chunk", "10-20 % less time", "saving", 0.10, 0.20),
    Claim("conversion_once", "convert once vs per chunk", "5-10 % less time", "saving", 0.05, 0.10),
    Claim("adaptive_chunking", "adaptive vs fixed chunking", "5-15 % less time", "saving", 0.05, 0.15),
    Claim("before_vs_after", "before vs after (all changes)", "30-50 % less time", "saving", 0.30, 0.50),
]


@dataclass(frozen=True)
class Comparison:
    """`after` (the claimed improvement) vs `before`, matched on keys."""
    label: str
    before: str
    before_where: dict
    after: str
    after_where: dict
    keys: tuple
    group: str | None = None  # one result row per value of this param


def _factor_keys(varied: str) -> tuple:
    return tuple(p for p in FACTOR_PARAMS if p != varied)


def claim_comparisons(df: pd.DataFrame) -> dict:
    """The comparisons measuring each claim: card benchmarks first, the
    factor study where the card benchmarks are missing."""
    present = set(df["bench"])
    copy_protocols = [p for p in ("COPY_BINARY", "COPY_CSV", "COPY_TEXT")
                      if "protocol" in df.columns and p in set(df["protocol"].dropna())]
    out = {}
    if {POOLED_COPY, POOLED_BATCH} <= present:
        out["copy_vs_executemany"] = [Comparison("PooledCopy vs PooledBatch", POOLED_BATCH, {}, POOLED_COPY, {},
                                                 ("rows", "chunkSize", "tasks"), group="format")]
    else:
        out["copy_vs_executemany"] = [Comparison(f"FactorBenchmark protocol {p} vs BATCH",
                                                 FACTOR, {"protocol": "BATCH"}, FACTOR, {"protocol": p},
                                                 _factor_keys("protocol")) for p in copy_protocols] or \
            [Comparison("PooledCopy vs PooledBatch", POOLED_BATCH, {}, POOLED_COPY, {},
                        ("rows", "chunkSize", "tasks"), group="format")]
    if {POOLED_BATCH, NEW_CONN} <= present or FACTOR not in present:
        out["pool_vs_new_connection"] = [Comparison("PooledBatch vs NewConnectionPerChunk", NEW_CONN, {},
                                                    POOLED_BATCH, {}, ("rows", "chunkSize", "tasks"))]
    else:
        out["pool_vs_new_connection"] = [Comparison("FactorBenchmark connections POOLED vs PER_CHUNK",
                                                    FACTOR, {"connections": "PER_CHUNK"}, FACTOR,
                                                    {"connections": "POOLED"}, _factor_keys("connections"))]
    out["conversion_once"] = [Comparison("FactorBenchmark conversion UPFRONT vs PER_CHUNK",
                                         FACTOR, {"conversion": "PER_CHUNK"}, FACTOR, {"conversion": "UPFRONT"},
                                         _factor_keys("conversion"))]
    out["adaptive_chunking"] = [Comparison("FactorBenchmark chunking ADAPTIVE vs FIXED",
                                           FACTOR, {"chunking": "FIXED"}, FACTOR, {"chunking": "ADAPTIVE"},
                                           _factor_keys("chunking"))]
    out["before_vs_after"] = [Comparison("OriginalLoader AFTER vs BEFORE", ORIGINAL, {"variant": "BEFORE"},
                                         ORIGINAL, {"variant": "AFTER"}, ("rows", "tasks"))]
    return out


def _select(df, bench, where):
    m = (df["bench"] == bench) & df["valid"]
    for k, v in where.items():
        if k not in df.columns:
            return df.iloc[0:0]
        m &= df[k] == v
    return df[m]


def matched_pairs(df: pd.DataFrame, comp: Comparison) -> pd.DataFrame:
    """Before/after configurations identical in run and every key param."""
    keys = ["run"] + [k for k in comp.keys if k in df.columns]
    cols = ["score", "ciLo", "ciHi", "rowsPerSec", "allocBytesPerRow"]
    extra = [comp.group] if comp.group and comp.group in df.columns else []
    b = _select(df, comp.before, comp.before_where)[keys + cols]
    a = _select(df, comp.after, comp.after_where)[keys + cols + extra]
    pairs = a.merge(b, on=keys, suffixes=("After", "Before"))
    s, lo, hi = ratio(pairs["scoreBefore"], pairs["ciLoBefore"], pairs["ciHiBefore"],
                      pairs["scoreAfter"], pairs["ciLoAfter"], pairs["ciHiAfter"])
    pairs["speedup"], pairs["speedupLo"], pairs["speedupHi"] = s, lo, hi
    return pairs


def speedup_text(kind: str, s: float, lo: float, hi: float) -> str:
    """A measured time ratio in the claim's own unit."""
    if s is None or math.isnan(s):
        return "not measured"
    if kind == "factor":
        f = lambda x: "inf" if math.isinf(x) else f"{x:.2f}"
        point = f"{s:.2f}x"
    else:
        f = lambda x: "100" if math.isinf(x) else f"{100 * (1 - 1 / x):.1f}" if x > 0 else "-inf"
        point = f"{100 * (1 - 1 / s):.1f} % less time"
    if math.isnan(lo) or math.isnan(hi):
        return point + " (single shot, no interval)"
    return f"{point} [{f(lo)}, {f(hi)}]"


def verdict(s, lo, hi, claim: Claim) -> str:
    if s is None or math.isnan(s):
        return "not measured"
    clo, chi = claim.speedup_range
    if math.isnan(lo) or math.isnan(hi):
        where = "below" if s < clo else "above" if s > chi else "within"
        return f"{where} claim (point only)"
    if hi < clo:
        return "below claim"
    if lo > chi:
        return "above claim"
    return "consistent with claim"


def claims_table(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """One row per claim (and COPY format) and run: claimed range vs the
    measured time ratio at the fastest 'after' configuration, with the
    number of matched pairs and the range of their point ratios."""
    data = at_main_rows(df, manifests)
    comps = claim_comparisons(df)
    runs = list(dict.fromkeys(df["run"])) or [None]
    out = []
    for run in runs:
        rd = data[data["run"] == run] if run is not None else data
        for claim in CLAIMS:
            clo, chi = claim.speedup_range
            base = {"run": run, "claimKey": claim.key, "claim": claim.claim, "claimed": claim.claimed,
                    "kind": claim.kind, "claimedLo": claim.lo, "claimedHi": claim.hi,
                    "claimedSpeedupLo": clo, "claimedSpeedupHi": chi}
            produced = False
            for comp in comps[claim.key]:
                pairs = matched_pairs(rd, comp)
                groups = [(None, pairs)]
                if comp.group and comp.group in pairs.columns and not pairs.empty:
                    groups = list(pairs.groupby(comp.group, sort=True))
                for gval, g in groups:
                    if g.empty:
                        continue
                    top = g.sort_values("rowsPerSecAfter", ascending=False).iloc[0]
                    label = comp.label + (f" ({gval})" if gval is not None else "")
                    keys = sorted((k for k in comp.keys if k in top.index and k != "rows"), key=_param_order)
                    cfg = config_text([(k, top[k]) for k in keys])
                    out.append({**base, "comparison": label, "at": cfg,
                                "speedup": top["speedup"], "speedupLo": top["speedupLo"],
                                "speedupHi": top["speedupHi"],
                                "measured": speedup_text(claim.kind, top["speedup"], top["speedupLo"], top["speedupHi"]),
                                "pairs": len(g), "pairsMin": g["speedup"].min(), "pairsMax": g["speedup"].max(),
                                "verdict": verdict(top["speedup"], top["speedupLo"], top["speedupHi"], claim),
                                "note": ""})
                    produced = True
            if not produced:
                comp = comps[claim.key][0]
                out.append({**base, "comparison": comp.label, "at": "-", "speedup": NAN, "speedupLo": NAN,
                            "speedupHi": NAN, "measured": "not measured", "pairs": 0, "pairsMin": NAN,
                            "pairsMax": NAN, "verdict": "not measured",
                            "note": "no data in this run: " + profile_hint([comp.before, comp.after])})
    return pd.DataFrame(out)


# --------------------------------------------------------------------------
# The claims study: claims.csv and claim-shots.csv, computed by the suite
# --------------------------------------------------------------------------
# Every number of the claims study (estimates, 95 % intervals, precision,
# verdicts) is computed once, by the Java side, and written into the results
# folder; here it is only read, drawn and tabled.

CLAIMS_FILE = "claims.csv"
CLAIM_SHOTS_FILE = "claim-shots.csv"
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


def read_contract_csv(path, columns: Sequence[str], numbers: Sequence[str] = (),
                      flags: Sequence[str] = ()) -> pd.DataFrame:
    """A CSV the suite writes: text as written (no "NA" guessing), numbers via
    :func:`num` (empty, NaN and Infinity allowed), true/false flags as bool."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for c in numbers:
        frame[c] = frame[c].map(num).astype(float)
    for c in flags:
        frame[c] = frame[c].str.strip().str.lower() == "true"
    return frame[list(columns) + [c for c in frame.columns if c not in columns]]


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


# --------------------------------------------------------------------------
# Formatting and LaTeX
# --------------------------------------------------------------------------

def fmt_int(v) -> str:
    if v is None or (isinstance(v, float) and (math.isnan(v) or math.isinf(v))):
        return "-"
    return f"{v:,.0f}"


def fmt_sig(v, digits=3) -> str:
    """About `digits` significant digits, with thousands separators."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    mag = int(math.floor(math.log10(abs(v))))
    return f"{round(v, digits - 1 - mag):,.{max(0, digits - 1 - mag)}f}"


def fmt_interval(v, lo, hi, digits=3, suffix="") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    s = fmt_sig(v, digits) + suffix
    if lo is None or hi is None or math.isnan(lo) or math.isnan(hi):
        return s
    return f"{s} [{fmt_sig(lo, digits)}, {fmt_sig(hi, digits)}]"


_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
        "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
        "\u00d7": r"$\times$", "\u2013": "--", "\u2014": "---", "\u2026": r"\ldots{}",
        "\u00b5": r"\textmu{}", "\u00b0": r"\textdegree{}", "<": r"\textless{}", ">": r"\textgreater{}",
        # Long COPY_BINARY/POOLED/... values must be able to wrap in narrow columns.
        "/": r"/\allowbreak{}"}


def tex(s) -> str:
    return "".join(_TEX.get(ch, ch) for ch in str(s))


def _column_spec(a) -> str:
    """"l"/"r", a width w (wrapping left-aligned p{w\\linewidth}) or ("r", w) (right-aligned)."""
    if isinstance(a, str):
        return a
    side, w = a if isinstance(a, tuple) else ("l", a)
    flush = r"\raggedleft" if side == "r" else r"\raggedright"
    return rf">{{{flush}\arraybackslash}}p{{{w:.2f}\linewidth}}"


def _column_format(align, n: int) -> str:
    if align is None:
        return "l" * n
    return align if isinstance(align, str) else "".join(_column_spec(a) for a in align)


def table_environment(tabular: str, caption: str, label: str, note: str | None = None) -> str:
    """A tabular inside a table environment, with caption, label and an optional note below."""
    lines = [r"% requires \usepackage{booktabs} and \usepackage{array}",
             r"\begin{table}[htbp]", r"\centering", r"\small", r"\setlength{\tabcolsep}{4pt}",
             rf"\caption{{{tex(caption)}}}", rf"\label{{{label}}}", tabular.rstrip("\n")]
    if note:
        lines.append(rf"\par\smallskip\footnotesize {tex(note)}")
    lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"


def booktabs_tabular(frame: pd.DataFrame, align=None) -> str:
    """frame as a booktabs tabular, written by pandas' Styler (pandas 1.4+;
    Debian 12 has 1.5.3); every header and cell escaped with :func:`tex`."""
    styler = frame.style.hide(axis="index").format(tex).format_index(tex, axis=1)
    return styler.to_latex(column_format=_column_format(align, len(frame.columns)), hrules=True)


def latex_table(frame: pd.DataFrame, caption: str, label: str, align=None, note: str | None = None,
                group: str | None = None) -> str:
    r"""A booktabs table environment; cells are escaped text.

    align: a tabular spec string, or one entry per column (see _column_spec).
    group: a column whose values become sub-headings (one block per run)
    instead of a column."""
    cols = [c for c in frame.columns if c != group]
    lines = [rf"\begin{{tabular}}{{{_column_format(align, len(cols))}}}", r"\toprule",
             " & ".join(tex(c) for c in cols) + r" \\"]
    current = object()
    first = True
    for _, r in frame.iterrows():
        if group is not None and r[group] != current:
            current = r[group]
            lines.append(r"\midrule" if first else r"\addlinespace")
            lines.append(rf"\multicolumn{{{len(cols)}}}{{l}}{{\textit{{{tex(f'{group} {current}')}}}}} \\")
            first = False
        elif first:
            lines.append(r"\midrule")
            first = False
        lines.append(" & ".join(tex(r[c]) for c in cols) + r" \\")
    if first:
        lines.append(r"\midrule")
    lines += [r"\bottomrule", r"\end{tabular}"]
    return table_environment("\n".join(lines), caption, label, note)


def best_table(df: pd.DataFrame, manifests: dict | None = None) -> pd.DataFrame:
    """Per-strategy best configuration at each run's main dataset size (numbers)."""
    best = best_per_strategy(at_main_rows(df, manifests))
    params = param_columns(df)
    best = best.copy()
    best["configuration"] = [configuration_text(r, params) for _, r in best.iterrows()]
    cols = ["run", "family", "strategy", "bench", "rows", "configuration", "score", "ciLo", "ciHi",
            "rowsPerSec", "rowsPerSecLo", "rowsPerSecHi", "speedupVsSync", "speedupVsSyncLo",
            "speedupVsSyncHi", "pctOfServerCopy", "pctOfInsertSelect", "pctOfParallelCeiling",
            "allocBytesPerRow", "walBytesPerRow", "clientCpuNsPerRow", "mbPerSec", "shots"]
    return best[[c for c in cols if c in best.columns]]


def _best_align(disp: pd.DataFrame) -> list:
    widths = {"strategy": 0.16, "best configuration": 0.2, "rows/s [99.9 % CI]": ("r", 0.16),
              "note": 0.7}
    return [widths.get(c, ("r", 0.07)) for c in disp.columns if c != "run"]


def best_table_display(best: pd.DataFrame) -> pd.DataFrame:
    multi = best["run"].nunique() > 1
    out = pd.DataFrame({
        **({"run": best["run"]} if multi else {}),
        "strategy": best["strategy"],
        "best configuration": best["configuration"],
        "rows/s [99.9 % CI]": [fmt_interval(r.rowsPerSec, r.rowsPerSecLo, r.rowsPerSecHi) for r in best.itertuples()],
        "speedup vs sync": [fmt_sig(v) for v in best["speedupVsSync"]],
        "% of server COPY": [fmt_sig(v) for v in best["pctOfServerCopy"]],
        "alloc. B/row": [fmt_sig(v) for v in best["allocBytesPerRow"]],
        "WAL B/row": [fmt_sig(v) for v in best["walBytesPerRow"]],
    })
    return out.reset_index(drop=True)


def claims_display(claims: pd.DataFrame) -> pd.DataFrame:
    multi = claims["run"].nunique() > 1
    return pd.DataFrame({
        **({"run": claims["run"]} if multi else {}),
        "claim": claims["claim"],
        "measured by": claims["comparison"],
        "claimed": claims["claimed"],
        "measured [99.9 % CI]": claims["measured"],
        "at": claims["at"],
        "verdict": claims["verdict"],
    }).reset_index(drop=True)


# --------------------------------------------------------------------------
# Environment and methods, from the manifest
# --------------------------------------------------------------------------

KEY_SETTINGS = ["fsync", "synchronous_commit", "wal_level", "full_page_writes", "shared_buffers",
                "max_wal_size", "checkpoint_timeout", "wal_buffers", "work_mem", "maintenance_work_mem",
                "max_connections"]


def _g(d: dict, *path, default=None):
    for p in path:
        if not isinstance(d, dict) or p not in d or d[p] is None:
            return default
        d = d[p]
    return d


def _jmh_settings(manifest: dict, entries: pd.DataFrame | None) -> dict:
    """JMH settings from the manifest; where benchmark classes override them,
    the entries' other values are named too."""
    j = manifest.get("jmh") or {}
    out = {k: j.get(k) for k in ("version", "forks", "warmupIterations", "measurementIterations", "mode")}
    out["profilers"] = j.get("profilers") or []
    if entries is not None and not entries.empty:
        for k in ("forks", "warmupIterations", "measurementIterations", "mode"):
            counts = entries[k].dropna().astype(str).value_counts()
            if counts.empty:
                continue
            main = str(out[k]) if out.get(k) not in (None, "") else counts.index[0]
            others = sorted(v for v in counts.index if v != main)
            out[k] = main + (f" (some benchmarks: {', '.join(others)})" if others else "")
    return out


def settings_list(manifest: dict) -> list[tuple[str, str]]:
    settings = dict(_g(manifest, "postgres", "settings", default={}) or {})
    for s in _g(manifest, "postgres", "allSettings", default=[]) or []:
        if isinstance(s, dict) and s.get("name") in KEY_SETTINGS and s["name"] not in settings:
            unit = s.get("unit")
            settings[s["name"]] = f"{s.get('setting')}{' ' + unit if unit else ''}"
    keys = [k for k in KEY_SETTINGS if k in settings] + sorted(k for k in settings if k not in KEY_SETTINGS)
    return [(k, str(settings[k])) for k in keys]


def environment_rows(manifest: dict, entries: pd.DataFrame | None = None) -> list[tuple[str, str]]:
    host = manifest.get("host") or {}
    jvm = manifest.get("jvm") or {}
    pg = manifest.get("postgres") or {}
    ds = manifest.get("dataset") or {}
    run = manifest.get("run") or {}
    git = manifest.get("git") or {}
    jmh = _jmh_settings(manifest, entries)
    mem = num(host.get("memoryBytes"))
    rows = [
        ("run", run.get("id")),
        ("profile", run.get("profile")),
        ("started (UTC)", run.get("startedUtc")),
        ("finished (UTC)", run.get("finishedUtc")),
        ("command", run.get("command")),
        ("git commit", (str(git.get("commit"))[:12] + (" (dirty)" if git.get("dirty") else ""))
         if git.get("commit") else None),
        ("OS", " ".join(str(x) for x in (host.get("os"), host.get("osVersion"), host.get("arch")) if x)),
        ("CPU", f"{host.get('cpuModel') or 'unknown'} ({host.get('cpuCount', '?')} logical CPUs)"
         if host else None),
        ("memory", f"{mem / 2**30:.1f} GiB" if not math.isnan(mem) else None),
        ("JVM", " ".join(str(x) for x in (jvm.get("vendor"), jvm.get("version")) if x)),
        ("JVM fork flags", " ".join(jvm.get("forkFlags") or []) or None),
        ("PostgreSQL", pg.get("version")),
        ("provider", " / ".join(str(x) for x in (pg.get("provider"), pg.get("profile")) if x)),
        ("provider detail", pg.get("detail")),
    ]
    rows += [(f"setting {k}", v) for k, v in settings_list(manifest)]
    rows += [
        ("dataset rows", fmt_int(num(ds.get("rows"))) if ds.get("rows") is not None else None),
        ("dataset seed", ds.get("seed")),
        ("average row bytes", fmt_sig(num(ds.get("averageRowBytes")), 4) if ds.get("averageRowBytes") is not None else None),
        ("JMH", jmh.get("version")),
        ("JMH mode", jmh.get("mode")),
        ("forks", jmh.get("forks")),
        ("warm-up shots", jmh.get("warmupIterations")),
        ("measured shots", jmh.get("measurementIterations")),
        ("profilers", ", ".join(str(p) for p in jmh["profilers"]) or None),
    ]
    return [(k, str(v)) for k, v in rows if v not in (None, "")]


def environment_table(df: pd.DataFrame, manifests: dict) -> pd.DataFrame:
    cols = {}
    for run in manifests:
        cols[run] = dict(environment_rows(manifests[run], df[df["run"] == run]))
    fields = list(dict.fromkeys(k for c in cols.values() for k in c))
    out = pd.DataFrame({"field": fields})
    for run, c in cols.items():
        out[run if len(cols) > 1 else "value"] = [c.get(f, "-") for f in fields]
    return out


def _jmh_mode_text(mode) -> str:
    return {"ss": "single-shot", "thrpt": "throughput", "avgt": "average-time",
            "sample": "sampling"}.get(str(mode), str(mode))


def _claim_study_sentence(study: ClaimStudy, run, code, esc) -> str:
    rounds = study.rounds(run)
    over = f", over {rounds} rounds (separate JMH runs)" if rounds else ""
    return (esc("The claims study (") + code("ClaimBenchmark") + esc(
        ") measured the arms of each claim interleaved shot by shot, one shot of every arm per block in random "
        f"order{over}, all on one server started once for the run; each comparison pairs the two arms within "
        "every block, and its 95 % interval is Student's t over the forks' mean log ratios. Retained heap is the "
        "heap used right after a full collection, at its highest over collections forced every 100 ms during a "
        "warm-up load, minus the same before the load: live objects only (rows converted up front, chunks in "
        "flight), not the dataset every arm holds, and not garbage. The Java port differs from the Python "
        "original in its threads (not asyncio) and driver (pgjdbc, not psycopg); it sends COPY in text format "
        "as psycopg's write_row does, uses the original's pool of 1 to 5 connections, and converts each record "
        "exactly once whether up front or per chunk, so the conversion claim tests where the conversion "
        "happens, not a repeated one. The estimates with their intervals, the precision reached and the "
        "verdicts are those the benchmark suite computed and wrote to ") + code(CLAIMS_FILE) + esc(
        ", reported here as written."))


def methods_text(df: pd.DataFrame, manifests: dict, latex: bool = False, study: ClaimStudy | None = None) -> str:
    """A methods paragraph per run, written from its manifest (and, for a run
    with a claims study, a sentence on how the suite measured the claims)."""
    code = (lambda s: rf"\texttt{{{tex(s)}}}") if latex else (lambda s: f"`{s}`")
    esc = tex if latex else (lambda s: str(s))
    paras = []
    for run, m in manifests.items():
        entries = df[df["run"] == run]
        host, jvm, pg = m.get("host") or {}, m.get("jvm") or {}, m.get("postgres") or {}
        ds, r, git = m.get("dataset") or {}, m.get("run") or {}, m.get("git") or {}
        jmh = _jmh_settings(m, entries)
        s = []
        first = f"Run {code(run)}"
        if r.get("profile"):
            first += f" (profile {code(r['profile'])})"
        if r.get("startedUtc"):
            first += f" started at {esc(r['startedUtc'])}"
        if git.get("commit"):
            first += f" from commit {code(str(git['commit'])[:12])}" + (
                " with uncommitted changes" if git.get("dirty") else "")
        if r.get("command"):
            first += f", invoked as {code(r['command'])}"
        s.append(first + ".")
        if host:
            mem = num(host.get("memoryBytes"))
            hw = f"The host ran {esc(' '.join(str(x) for x in (host.get('os'), host.get('osVersion')) if x) or 'an unrecorded OS')}"
            if host.get("arch"):
                hw += f" on {esc(host['arch'])}"
            hw += f"; CPU: {esc(host.get('cpuModel') or 'not recorded')}"
            if host.get("cpuCount"):
                hw += f", {host['cpuCount']} logical CPUs"
            if not math.isnan(mem):
                hw += f"; memory: {mem / 2**30:.0f} GiB"
            s.append(hw + ".")
        if jvm:
            j = f"Benchmarks ran on the {esc(' '.join(str(x) for x in (jvm.get('vendor'), 'JVM', jvm.get('version')) if x))}"
            if jvm.get("forkFlags"):
                j += f" with fork flags {code(' '.join(jvm['forkFlags']))}"
            s.append(j + ".")
        if pg:
            short = re.match(r"PostgreSQL [^\s,]+", str(pg.get("version") or ""))
            p = esc(short.group(0)) if short else f"PostgreSQL ({esc(pg.get('version') or 'version not recorded')})"
            p += f" was provided by the {esc(pg.get('provider') or 'unrecorded')} provider"
            if pg.get("profile"):
                p += f" with the {esc(pg['profile'])} settings profile"
            if pg.get("detail"):
                p += f" ({esc(pg['detail'])})"
            sett = settings_list(m)
            key = [(k, v) for k, v in sett if k in KEY_SETTINGS] or sett[:8]
            if key:
                p += "; key settings: " + ", ".join(f"{code(k)} = {esc(v)}" for k, v in key)
            s.append(p + ".")
        if ds:
            d = f"The dataset had {fmt_int(num(ds.get('rows')))} generated article rows"
            extras = []
            if ds.get("seed") is not None:
                extras.append(f"seed {esc(ds['seed'])}")
            if ds.get("averageRowBytes") is not None:
                extras.append(f"on average {fmt_sig(num(ds['averageRowBytes']), 4)} bytes per row")
            if extras:
                d += " (" + ", ".join(extras) + ")"
            s.append(d + ", generated in memory before any measurement.")
        jm = (f"JMH {esc(jmh.get('version') or '')} measured each configuration in "
              f"{_jmh_mode_text(jmh.get('mode') or 'ss')} mode, one operation loading the whole dataset once")
        if jmh.get("forks") is not None:
            jm += (f", with forks: {esc(jmh['forks'])}; warm-up shots: {esc(jmh.get('warmupIterations', '?'))}; "
                   f"measured shots: {esc(jmh.get('measurementIterations', '?'))} per configuration")
        if jmh.get("profilers"):
            jm += "; profilers: " + ", ".join(code(p) for p in jmh["profilers"])
        s.append(jm + ".")
        has_claims = study is not None and (study.claims["run"] == run).any()
        if has_claims:
            s.append(_claim_study_sentence(study, run, code, esc))
        if not has_claims or not strategy_entries(entries).empty:
            s.append(esc("Throughput is the row count divided by the time per operation; intervals are JMH's "
                         "99.9 % confidence intervals (none where a single shot was measured), and ratios such "
                         "as speedups and percent of the server ceiling carry the conservative interval formed by "
                         "the extremes of both intervals."))
        paras.append(" ".join(s))
    if latex:
        return "% Methods, written from manifest.json by notebooks/insert_results.py\n" + "\n\n".join(paras) + "\n"
    return "# Methods\n\n" + "\n\n".join(paras) + "\n"


# --------------------------------------------------------------------------
# Plotting
# --------------------------------------------------------------------------

STYLE = {
    "font.size": 9, "axes.titlesize": 9, "axes.labelsize": 9, "legend.fontsize": 7.5,
    "xtick.labelsize": 8, "ytick.labelsize": 8, "figure.titlesize": 11,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
    "grid.alpha": 0.3, "grid.linewidth": 0.6, "axes.axisbelow": True,
    "pdf.fonttype": 42, "ps.fonttype": 42, "savefig.dpi": 200, "figure.dpi": 100,
    "hatch.linewidth": 0.6, "legend.frameon": False,
}
# Okabe-Ito: distinguishable for colour-blind readers; hatches, markers and
# line styles keep series apart in grayscale print.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 1)), "-"]
FAMILY_COLORS = {"baseline": "#555555", "card": "#0072B2", "original": "#D55E00", "factor": "#009E73",
                 "reference": "#CC79A7", "ceiling": "#E69F00", "other": "#999999"}
FAMILY_HATCH = {"baseline": "", "card": "", "original": "///", "factor": "...", "reference": "xxx",
                "ceiling": "\\\\\\", "other": "---"}
FIG_WIDTH = 6.5  # inches: a thesis text width


@dataclass
class Plot:
    """A figure, what data it lacked (empty when complete), and its file stem
    (set by the figure function's @_figure_file)."""
    fig: Figure
    missing: list = field(default_factory=list)
    name: str = ""


def _styled(fn):
    """Run a plotting function inside the style, so every artist it creates
    (not only the figure) picks the style up."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return fn(*args, **kwargs)
    return wrapper


def _figure_file(stem: str):
    """Declare a figure function's file stem (figures/<stem>.pdf/.png), the one
    place it is written down; the function runs inside the style."""
    def decorate(fn):
        styled = _styled(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs) -> Plot:
            plot = styled(*args, **kwargs)
            plot.name = stem
            return plot
        wrapper.stem = stem
        return wrapper
    return decorate


def _figure(w=FIG_WIDTH, h=3.6, **kw) -> Figure:
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(w, h), **kw)


def _axes(fig, *args, **kw):
    with matplotlib.rc_context(STYLE):
        return fig.subplots(*args, **kw)


def _finish(fig, title, subtitle=None, bottom_in=0.0, **layout):
    """Bold title and grey subtitle in a header of fixed height (inches), then
    lay the axes out below it. Plain figure text, not suptitle, because
    tight_layout would reserve room for a suptitle a second time."""
    h = fig.get_figheight()
    lines = textwrap.wrap(subtitle or "", 125)
    with matplotlib.rc_context(STYLE):
        fig.text(0.01, 1 - 0.05 / h, title, fontweight="bold", fontsize=11, ha="left", va="top")
        if lines:
            fig.text(0.01, 1 - 0.30 / h, "\n".join(lines), ha="left", va="top", fontsize=7.5, color="#444444")
        header = 0.40 + 0.13 * len(lines)
        fig.tight_layout(rect=(0, bottom_in / h, 1, 1 - header / h), **layout)


def _rows_text(df, manifests=None):
    rows = [r for r in sorted(set(main_rows(df, manifests).values())) if not math.isnan(r)]
    return ("rows = " + ", ".join(fmt_int(r) for r in rows)) if rows else ""


def _subtitle(df, manifests, extra=""):
    runs = list(dict.fromkeys(df["run"])) if not df.empty else []
    bits = [b for b in (_rows_text(df, manifests), ("run " + ", ".join(runs)) if runs else "", extra) if b]
    return "; ".join(bits)


@_styled
def placeholder(title: str, message: str) -> Plot:
    """A figure that says which data it needs, so every expected file exists."""
    fig = _figure(FIG_WIDTH, 2.2)
    ax = _axes(fig)
    _panel_note(ax, message)
    _finish(fig, title)
    return Plot(fig, [message])


def _panel_note(ax, message, width=70):
    ax.set_axis_off()
    text = "No data in this run for this figure.\n" + "\n".join(textwrap.wrap(message, width))
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=8, transform=ax.transAxes,
            bbox=dict(boxstyle="round,pad=0.6", fc="#f3f3f3", ec="#999999"))


def _finite_errors(v, lo, hi):
    """Asymmetric error bars: unknown bounds draw no bar, unbounded ones run
    off the axis."""
    v, lo, hi = (np.asarray(x, dtype=float) for x in (v, lo, hi))
    known = ~(np.isnan(lo) | np.isnan(hi)) & np.isfinite(v)
    lower = np.where(known, np.clip(v - lo, 0, None), 0.0)
    upper = np.where(known, np.clip(np.where(np.isinf(hi), 1e300, hi) - v, 0, None), 0.0)
    return known, np.vstack([lower, upper])


def _errorbars(ax, x, y, lo, hi, horizontal=False, **kw):
    known, err = _finite_errors(x if horizontal else y, lo, hi)
    if not known.any():
        return
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    style = dict(fmt="none", ecolor="black", elinewidth=0.9, capsize=2.5, zorder=5)
    style.update(kw)
    if horizontal:
        ax.errorbar(x[known], y[known], xerr=err[:, known], **style)
    else:
        ax.errorbar(x[known], y[known], yerr=err[:, known], **style)


def _label_end(v, hi):
    """Where a value label goes: past the error bar when there is one."""
    return hi if hi is not None and np.isfinite(hi) and hi > v else v


def _limit(ax, values, axis="x", lower=0.0, pad=1.12):
    """Axis range from finite values only, so an unbounded interval cannot blow it up."""
    vals = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    if vals.size == 0:
        return
    top = vals.max() * pad
    (ax.set_xlim if axis == "x" else ax.set_ylim)(lower, top if top > lower else lower + 1)


def _rate_formatter():
    def f(v, _pos=None):
        if v == 0:
            return "0"
        for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
            if abs(v) >= div:
                x = v / div
                return f"{x:.0f}{suf}" if x >= 10 or x == int(x) else f"{x:.1f}{suf}"
        return f"{v:g}"
    return ticker.FuncFormatter(f)


def _series_style(i):
    return dict(color=PALETTE[i % len(PALETTE)], marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)])


def _hint_for_missing(df, benches) -> str:
    profile = sorted(set(str(p) for p in df["profile"].dropna())) if "profile" in df else []
    now = f" (this run: profile {', '.join(profile)})" if profile else ""
    return profile_hint(benches) + now


def _strategy_order(frame):
    return frame.sort_values(["familyOrder", "benchOrder", "strategy"])["strategy"].drop_duplicates().tolist()


def _run_suffix(frame):
    return (" (" + frame["run"] + ")") if frame["run"].nunique() > 1 else ""


def _log_ticks(ax, values, axis="x"):
    """Ticks exactly at the measured values of a log axis."""
    ticks = sorted(set(float(v) for v in values if np.isfinite(v)))
    setter = ax.set_xticks if axis == "x" else ax.set_yticks
    setter(ticks, [fmt_int(t) for t in ticks])
    (ax.xaxis if axis == "x" else ax.yaxis).set_minor_locator(ticker.NullLocator())
    if len(ticks) == 1:  # a one-point log axis needs a range around the point
        (ax.set_xlim if axis == "x" else ax.set_ylim)(ticks[0] / 1.6, ticks[0] * 1.6)


@_figure_file("fig1_throughput_best")
def plot_throughput_best(df, manifests=None) -> Plot:
    """Figure 1: rows/s per strategy at its best configuration."""
    title = "Throughput of each strategy at its best configuration"
    best = best_per_strategy(plot_data(df, manifests))
    if best.empty:
        return placeholder(title, _hint_for_missing(df, [SYNC, POOLED_COPY]))
    runs = list(dict.fromkeys(best["run"]))
    order = best.groupby("strategy")["rowsPerSec"].max().sort_values().index.tolist()
    height = 1.3 + 0.24 * len(order) * max(1.0, len(runs) * 0.75)
    fig = _figure(FIG_WIDTH, height)
    ax = _axes(fig)
    bar_h = 0.8 / len(runs)
    for i, run in enumerate(runs):
        b = best[best["run"] == run].set_index("strategy").reindex(order)
        y = np.arange(len(order)) + ((len(runs) - 1) / 2 - i) * bar_h
        fam = b["family"].fillna("other")
        colors = [FAMILY_COLORS[f] for f in fam] if len(runs) == 1 else PALETTE[i % len(PALETTE)]
        bars = ax.barh(y, b["rowsPerSec"].fillna(0), height=bar_h * 0.85, color=colors, edgecolor="black",
                       linewidth=0.5)
        for bar, f in zip(bars, fam):
            bar.set_hatch(FAMILY_HATCH[f])
        _errorbars(ax, b["rowsPerSec"], y, b["rowsPerSecLo"], b["rowsPerSecHi"], horizontal=True)
        for yy, v, hi, ok in zip(y, b["rowsPerSec"], b["rowsPerSecHi"], b["rowsPerSecLo"].notna()):
            if np.isfinite(v):
                ax.text(_label_end(v, hi), yy, " " + fmt_sig(v) + ("" if ok else " *"), va="center", ha="left",
                        fontsize=7)
    ax.set_yticks(np.arange(len(order)), order)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.set_xlabel("throughput (rows/s, higher is better)")
    ax.xaxis.set_major_formatter(_rate_formatter())
    _limit(ax, list(best["rowsPerSec"]) + list(best["rowsPerSecHi"]), "x", pad=1.22)
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
    ax.legend(handles=handles, loc="lower right", fontsize=7, frameon=True, framealpha=0.95)
    _finish(fig, title, _subtitle(best, manifests, CI_NOTE + "; * single shot"))
    missing = [] if (best["bench"] == SYNC).any() else [_hint_for_missing(df, [SYNC])]
    return Plot(fig, missing)


@_figure_file("fig2_throughput_vs_chunksize")
def plot_throughput_vs_chunk(df, manifests=None) -> Plot:
    """Figure 2: rows/s vs chunk size, one line per strategy (best over tasks)."""
    title = "Throughput vs chunk size"
    data = plot_data(df, manifests)
    data = data[data["chunkSize"].notna() & data["family"].isin(["baseline", "card", "factor"])].copy()
    if data.empty:
        return placeholder(title, _hint_for_missing(df, [SYNC, POOLED_BATCH, POOLED_COPY]))
    data["strategy"] = data["strategy"] + _run_suffix(data)
    panels = [(t, data[data["family"].isin(f)]) for t, f in
              (("card strategies, best over tasks", ["baseline", "card"]),
               ("factor study by protocol, best over the other factors", ["factor"]))]
    panels = [(t, g) for t, g in panels if not g.empty]
    fig = _figure(FIG_WIDTH, 3.0 * len(panels) + 0.7)
    axes = _axes(fig, len(panels), 1, squeeze=False)[:, 0]
    for ax, (panel, g) in zip(axes, panels):
        pts = best_over(g, ["run", "strategy", "chunkSize"])
        order = _strategy_order(pts)
        for i, s in enumerate(order):
            p = pts[pts["strategy"] == s].sort_values("chunkSize")
            # Nudge series apart on the log axis so their error bars do not overlap.
            x = p["chunkSize"] * (1 + 0.035 * (i - (len(order) - 1) / 2))
            st = _series_style(i)
            ax.plot(x, p["rowsPerSec"], label=s, markersize=4.5, linewidth=1.3, **st)
            _errorbars(ax, x, p["rowsPerSec"], p["rowsPerSecLo"], p["rowsPerSecHi"], ecolor=st["color"],
                       elinewidth=0.8)
        ax.set_xscale("log")
        _log_ticks(ax, pts["chunkSize"])
        ax.set_xlabel("chunk size (rows per chunk and transaction, log scale)")
        ax.set_ylabel("throughput (rows/s)")
        ax.yaxis.set_major_formatter(_rate_formatter())
        _limit(ax, list(pts["rowsPerSec"]) + list(pts["rowsPerSecHi"]), "y", pad=1.1)
        ax.set_title(panel, loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    _finish(fig, title, _subtitle(data, manifests, CI_NOTE))
    missing = [] if (data["family"] == "factor").any() else \
        [_hint_for_missing(df, [FACTOR]) + " for the per-protocol panel"]
    return Plot(fig, missing)


@_figure_file("fig3_scaling_tasks")
def plot_scaling(df, manifests=None) -> Plot:
    """Figure 3: rows/s vs tasks per strategy with the ideal linear line."""
    title = "Scaling with parallel tasks"
    data = plot_data(df, manifests)
    data = data[data["tasks"].notna() & data["family"].isin(["card", "original", "ceiling"])]
    if data.empty:
        return placeholder(title, _hint_for_missing(df, [POOLED_COPY, POOLED_BATCH, CEIL_PARALLEL]))
    panels = [(run, s) for run in dict.fromkeys(data["run"]) for s in _strategy_order(data[data["run"] == run])]
    ncol = min(4, len(panels))
    nrow = math.ceil(len(panels) / ncol)
    fig = _figure(FIG_WIDTH, 1.95 * nrow + 1.2)
    axes = _axes(fig, nrow, ncol, squeeze=False)
    sync = best_per_strategy(plot_data(df, manifests))
    sync = sync[sync["bench"] == SYNC].set_index("run")["rowsPerSec"]
    multi = data["run"].nunique() > 1
    for k, ax in enumerate(axes.flat):
        if k >= len(panels):
            ax.set_axis_off()
            continue
        run, strategy = panels[k]
        g = best_over(data[(data["run"] == run) & (data["strategy"] == strategy)], ["tasks"])
        ax.plot(g["tasks"], g["rowsPerSec"], color=PALETTE[0], marker="o", markersize=4, linewidth=1.3,
                label="measured (best chunk size)")
        _errorbars(ax, g["tasks"], g["rowsPerSec"], g["rowsPerSecLo"], g["rowsPerSecHi"], ecolor=PALETTE[0])
        t0, r0 = g["tasks"].iloc[0], g["rowsPerSec"].iloc[0]
        tt = np.array(sorted(g["tasks"]), dtype=float)
        ax.plot(tt, r0 * tt / t0, color="#666666", linestyle=(0, (4, 2)), linewidth=1.0, label="ideal linear")
        if run in sync.index:
            ax.axhline(sync[run], color="black", linewidth=0.8, linestyle=":", label="sync baseline (best)")
        ax.set_xscale("log", base=2)
        _log_ticks(ax, tt)
        ax.yaxis.set_major_formatter(_rate_formatter())
        _limit(ax, list(g["rowsPerSec"]) + list(g["rowsPerSecHi"]) + list(r0 * tt / t0)
               + ([sync[run]] if run in sync.index else []), "y", pad=1.12)
        ax.set_title("\n".join(textwrap.wrap(strategy + (f" ({run})" if multi else ""), 24)), fontsize=8)
        if k % ncol == 0:
            ax.set_ylabel("throughput (rows/s)")
        if k + ncol >= len(panels):
            ax.set_xlabel("parallel tasks")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=7.5, bbox_to_anchor=(0.5, 0.0))
    _finish(fig, title, _subtitle(data, manifests, "x axis log2; ideal: throughput at the fewest tasks times "
                                                   "the task ratio; " + CI_NOTE), bottom_in=0.3)
    return Plot(fig, [])


def _nice_ticks(lo, hi):
    cands = [0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000]
    ticks = [t for t in cands if lo <= t <= hi]
    # Keep ticks at least a factor 1.3 apart on the log axis, and at most about seven on it.
    gap = max(1.3, (hi / lo) ** (1 / 7)) if lo > 0 else 1.3
    out = []
    for t in ticks:
        if not out or t / out[-1] >= gap or t == 1:
            if out and t == 1 and t / out[-1] < gap:
                out.pop()
            out.append(t)
    return out or [lo, hi]


@_figure_file("fig4_speedup_heatmap")
def plot_speedup_heatmap(df, manifests=None) -> Plot:
    """Figure 4: speedup over the best sync baseline, chunk size x tasks."""
    title = "Speedup over the sync baseline by chunk size and parallel tasks"
    data = plot_data(df, manifests)
    data = data[(data["family"] == "card") & data["tasks"].notna() & data["chunkSize"].notna()
                & data["speedupVsSync"].notna()]
    if data.empty:
        need = [SYNC] if not (df["bench"] == SYNC).any() else [POOLED_COPY, POOLED_BATCH, NEW_CONN]
        return placeholder(title, _hint_for_missing(df, need))
    panels = [(run, s) for run in dict.fromkeys(data["run"]) for s in _strategy_order(data[data["run"] == run])]
    ncol = min(2, len(panels))
    nrow = math.ceil(len(panels) / ncol)
    fig = _figure(FIG_WIDTH, 2.2 * nrow + 0.9)
    gs = fig.add_gridspec(nrow, ncol + 1, width_ratios=[1] * ncol + [0.05])
    cax = fig.add_subplot(gs[:, -1])
    vals = data["speedupVsSync"].to_numpy(dtype=float)
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
        grid = g.pivot(index="chunkSize", columns="tasks", values="speedupVsSync").sort_index()
        grid = grid.reindex(columns=sorted(grid.columns))
        shots = g.pivot(index="chunkSize", columns="tasks", values="speedupVsSyncLo").reindex_like(grid)
        arr = grid.to_numpy(dtype=float)
        ax.imshow(arr, cmap=cmap, norm=norm, aspect="auto", origin="lower")
        for (i, j), v in np.ndenumerate(arr):
            if np.isfinite(v):
                r, gg, b = cmap(norm(v))[:3]
                dark = 0.299 * r + 0.587 * gg + 0.114 * b < 0.5
                star = "" if np.isfinite(shots.iat[i, j]) else "*"
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
    cb.set_ticks(_nice_ticks(lo_, hi_))
    cb.ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
    cb.ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    _finish(fig, title, _subtitle(data, manifests, "time of the fastest sync-baseline configuration / time of "
                                                   "the configuration; * single shot"))
    return Plot(fig, [])


@_figure_file("fig5_memory_per_row")
def plot_memory(df, manifests=None) -> Plot:
    """Figure 5: allocated bytes per row per strategy, and conversion UPFRONT vs PER_CHUNK."""
    title = "Memory allocated per row"
    data = plot_data(df, manifests)
    best = best_per_strategy(data)
    best = best[best["allocBytesPerRow"].notna() & ~best["family"].isin(["ceiling", "reference"])]
    pairs = matched_pairs(data, claim_comparisons(df)["conversion_once"][0])
    no_gc = "no allocation data (gc.alloc.rate.norm) in this run: benchmarks must run with JMH -prof gc"
    if best.empty and pairs.empty:
        has_any = not best_per_strategy(data).empty
        return placeholder(title, no_gc if has_any else _hint_for_missing(df, [SYNC, POOLED_COPY]))
    fig = _figure(FIG_WIDTH, max(3.0, 1.3 + 0.22 * len(best)))
    ax1, ax2 = _axes(fig, 1, 2, gridspec_kw={"width_ratios": [1.7, 1]})
    missing = []
    if best.empty:
        _panel_note(ax1, no_gc, 40)
        missing.append(no_gc)
    else:
        b = best.assign(label=best["strategy"] + _run_suffix(best)).sort_values("allocBytesPerRow")
        y = np.arange(len(b))
        bars = ax1.barh(y, b["allocBytesPerRow"], color=[FAMILY_COLORS[f] for f in b["family"]],
                        edgecolor="black", linewidth=0.5, height=0.7)
        for bar, f in zip(bars, b["family"]):
            bar.set_hatch(FAMILY_HATCH[f])
        _errorbars(ax1, b["allocBytesPerRow"], y, b["allocBytesPerRowLo"], b["allocBytesPerRowHi"], horizontal=True)
        for yy, v, hi in zip(y, b["allocBytesPerRow"], b["allocBytesPerRowHi"]):
            ax1.text(_label_end(v, hi), yy, " " + fmt_sig(v), va="center", fontsize=6.5)
        ax1.set_yticks(y, b["label"], fontsize=7.5)
        ax1.set_ylim(-0.6, len(b) - 0.4)
        ax1.set_xlabel("allocated bytes per row (B/row)")
        ax1.xaxis.set_major_formatter(_rate_formatter())
        _limit(ax1, list(b["allocBytesPerRow"]) + list(b["allocBytesPerRowHi"]), "x", pad=1.3)
        ax1.grid(axis="y", visible=False)
        ax1.set_title("(a) each strategy, fastest configuration", loc="left", fontsize=8.5)
    if pairs.empty:
        msg = _hint_for_missing(df, [FACTOR])
        _panel_note(ax2, "(b) conversion UPFRONT vs PER_CHUNK: " + msg, 34)
        missing.append(msg + " for the conversion panel")
    else:
        key = "protocol" if "protocol" in pairs.columns else None
        g = pairs.sort_values("rowsPerSecAfter", ascending=False)
        g = (g.drop_duplicates(["run", key]) if key else g.head(1)).sort_values(key or "run")
        x = np.arange(len(g))
        w = 0.38
        ax2.bar(x - w / 2, g["allocBytesPerRowAfter"], w, color=PALETTE[2], edgecolor="black", linewidth=0.5,
                label="UPFRONT")
        ax2.bar(x + w / 2, g["allocBytesPerRowBefore"], w, color="white", edgecolor="black", linewidth=0.5,
                hatch="///", label="PER_CHUNK")
        labels = (g[key].astype(str) if key else g["run"]) + (_run_suffix(g) if key else "")
        ax2.set_xticks(x, labels, rotation=30, ha="right", fontsize=7.5)
        ax2.set_ylabel("allocated bytes per row (B/row)")
        ax2.yaxis.set_major_formatter(_rate_formatter())
        _limit(ax2, list(g["allocBytesPerRowAfter"]) + list(g["allocBytesPerRowBefore"]), "y", pad=1.45)
        ax2.grid(axis="x", visible=False)
        ax2.legend(title="conversion", loc="upper right", fontsize=7, title_fontsize=7, frameon=True,
                   framealpha=0.95)
        ax2.set_title("(b) conversion, factor study", loc="left", fontsize=8.5)
    _finish(fig, title, _subtitle(data, manifests, "JVM allocation from JMH -prof gc (gc.alloc.rate.norm / rows); "
                                                   "error bars: 99.9 % confidence interval"), w_pad=1.5)
    return Plot(fig, missing)


@_figure_file("fig6_percent_of_ceiling")
def plot_percent_of_ceiling(df, manifests=None) -> Plot:
    """Figure 6: strategy throughput as percent of the server ceilings."""
    title = "Throughput as percent of the server's own ingest ceiling"
    best = best_per_strategy(plot_data(df, manifests))
    best = best[best["family"] != "ceiling"]
    series = [("pctOfServerCopy", "server-side COPY, 1 session", PALETTE[0], "o"),
              ("pctOfInsertSelect", "INSERT ... SELECT, 1 session", PALETTE[1], "s"),
              ("pctOfParallelCeiling", "parallel server-side COPY, same tasks", PALETTE[2], "^")]
    series = [s for s in series if best[s[0]].notna().any()] if not best.empty else []
    if not series:
        return placeholder(title, _hint_for_missing(df, [CEIL_SERVER_COPY, CEIL_INSERT_SELECT, CEIL_PARALLEL]))
    best = best.assign(label=best["strategy"] + _run_suffix(best))
    best = best.sort_values([series[0][0], "rowsPerSec"], na_position="first")
    n = len(best)
    fig = _figure(FIG_WIDTH, 1.4 + 0.24 * n)
    ax = _axes(fig)
    y0 = np.arange(n)
    allv = [100.0]
    for i, (col, label, color, marker) in enumerate(series):
        y = y0 + (i - (len(series) - 1) / 2) * -0.22
        ax.plot(best[col], y, linestyle="none", marker=marker, color=color, markeredgecolor="black",
                markeredgewidth=0.5, markersize=5, label=label, zorder=6)
        _errorbars(ax, best[col], y, best[col + "Lo"], best[col + "Hi"], horizontal=True, ecolor=color,
                   elinewidth=0.8, capsize=1.8)
        allv += list(best[col]) + list(best[col + "Hi"])
    ax.axvline(100, color="black", linewidth=0.9, linestyle="--")
    ax.set_yticks(y0, best["label"])
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel("percent of the ceiling's throughput (%)")
    _limit(ax, allv, "x", pad=1.08)
    ax.grid(axis="y", linestyle=":", alpha=0.4)
    ax.legend(title="ceiling", loc="lower right", fontsize=7, title_fontsize=7, frameon=True, framealpha=0.95)
    _finish(fig, title, _subtitle(best, manifests, "100 % = what the server ingests by itself; each strategy at "
                                                   "its fastest configuration; " + CI_NOTE))
    missing = [] if len(series) == 3 else \
        [_hint_for_missing(df, [CEIL_SERVER_COPY, CEIL_INSERT_SELECT, CEIL_PARALLEL])]
    return Plot(fig, missing)


@_figure_file("fig7_claims_vs_measured")
def plot_claims(df, manifests=None, claims: pd.DataFrame | None = None) -> Plot:
    """Figure 7: the original loader's claimed gains vs the measured ones."""
    title = "The original loader's claims vs the measured gains"
    claims = claims_table(df, manifests) if claims is None else claims
    n = len(claims)
    fig = _figure(FIG_WIDTH, 1.5 + 0.62 * n)
    ax = _axes(fig)
    y = np.arange(n)[::-1].astype(float)
    multi = claims["run"].nunique() > 1
    labels = [f"{r.claim}\n{r.comparison}" + (f"\n[{r.run}]" if multi else "") for r in claims.itertuples()]
    labels = ["\n".join(textwrap.fill(part, 38) for part in l.split("\n")) for l in labels]
    xs = []
    for yy, r in zip(y, claims.itertuples()):
        ax.add_patch(matplotlib.patches.Rectangle((r.claimedSpeedupLo, yy - 0.22),
                                                  r.claimedSpeedupHi - r.claimedSpeedupLo, 0.44,
                                                  facecolor="#dddddd", edgecolor="#777777", hatch="////",
                                                  linewidth=0.6, zorder=1))
        xs += [r.claimedSpeedupLo, r.claimedSpeedupHi]
        if np.isfinite(r.speedup):
            ax.plot([r.speedup], [yy], "o", color=PALETTE[1], markersize=5.5, markeredgecolor="black", zorder=6)
            _errorbars(ax, [r.speedup], [yy], [r.speedupLo], [r.speedupHi], horizontal=True)
            xs += [r.speedup] + [v for v in (r.speedupLo, r.speedupHi) if np.isfinite(v)]
            text = f"claimed {r.claimed}; measured {r.measured}"
        else:
            text = f"claimed {r.claimed}; not measured in this run"
        ax.text(0.995, yy + 0.27, text, transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                fontsize=6.8, color="#222222", zorder=7,
                bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.8))
    ax.axvline(1.0, color="black", linewidth=0.9)
    ax.set_xscale("log")
    finite = [v for v in xs if np.isfinite(v) and v > 0]
    lo, hi = min(finite + [0.8]) / 1.2, max(finite + [1.3]) * 1.2
    ax.set_xlim(lo, hi)
    ax.set_xticks(_nice_ticks(lo, hi))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
    ax.xaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set_yticks(y, labels, fontsize=7)
    ax.set_ylim(-0.6, n - 0.25)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("time before / time after (log scale; > 1x: the change saves time)")
    handles = [Patch(facecolor="#dddddd", edgecolor="#777777", hatch="////", label="claimed range"),
               matplotlib.lines.Line2D([], [], marker="o", color=PALETTE[1], markeredgecolor="black",
                                       linestyle="none", label="measured, conservative 99.9 % interval")]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=7.5, bbox_to_anchor=(0.5, 0.0))
    _finish(fig, title, _subtitle(df, manifests, "measured at the fastest 'after' configuration that has a "
                                                 "matched 'before' configuration"), bottom_in=0.3)
    missing = sorted(set(m for m in claims["note"] if m))
    return Plot(fig, missing)


# The claims study's figures draw claims.csv and claim-shots.csv as written.
# Units: (what the number is, ratio?, reference line); a ratio axis is
# log-scaled where every value on it is positive.
CLAIM_UNITS = {
    "x faster": ("time ratio", True, 1.0),
    "% less time": ("", False, 0.0),
    "x memory": ("memory ratio", True, 1.0),
}
VERDICT_COLORS = {"confirmed": "#009E73", "smaller than claimed": "#D55E00", "larger than claimed": "#0072B2",
                  "partly": "#E69F00", "inconclusive": "#777777", "no claim": "#000000"}
CLAIM_BAND = dict(facecolor="#dddddd", edgecolor="#888888", hatch="////", linewidth=0.6)
CLAIMS_STUDY_NOTE = "no claims.csv in this run: run-bench.sh profile claims writes it (ClaimBenchmark)"


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


def _claim_estimate(ax, y, r):
    """The estimate with its 95 % interval, coloured by verdict; filled for a primary row."""
    if not np.isfinite(r.estimate):
        return
    color = VERDICT_COLORS.get(r.verdict, "#000000")
    ax.plot([r.estimate], [y], "o", markersize=5.5, markeredgecolor=color, markeredgewidth=1.2,
            color=color if r.primary else "white", zorder=6)
    _errorbars(ax, [r.estimate], [y], [r.ci_low], [r.ci_high], horizontal=True, ecolor=color, capsize=2.5)


def _verdict_label(r) -> str:
    dagger = "" if r.precision_met else " \u2020"
    return f"{r.verdict}{dagger}  ({fmt_int(r.n_forks)}/{fmt_int(r.n_pairs)})"


def _claims_panel(ax, rows: pd.DataFrame, unit: str, multi_run: bool):
    what, ratio_unit, reference = CLAIM_UNITS.get(unit, ("", False, NAN))
    vals = rows[["estimate", "ci_low", "ci_high", "claimed_low", "claimed_high"]].to_numpy(dtype=float)
    log = ratio_unit and bool((vals[np.isfinite(vals)] > 0).all())
    if log:
        ax.set_xscale("log")
    xlim = _claim_axis_range(rows, log, reference)
    ax.set_xlim(*xlim)
    y = np.arange(len(rows))[::-1].astype(float)
    for yy, r in zip(y, rows.itertuples()):
        _claimed_band(ax, yy, r.claimed_low, r.claimed_high, xlim)
        _claim_estimate(ax, yy, r)
        ax.text(1.03, yy, _verdict_label(r), transform=ax.get_yaxis_transform(), ha="left", va="center",
                fontsize=7, color=VERDICT_COLORS.get(r.verdict, "#000000"),
                fontweight="bold" if r.primary else "normal")
    # A dotted line between claims keeps each claim's rows together.
    changes = [yy + 0.5 for yy, a, b in zip(y[1:], rows["claim"].iloc[:-1], rows["claim"].iloc[1:]) if a != b]
    for yy in changes:
        ax.axhline(yy, color="#999999", linewidth=0.6, linestyle=":")
    if np.isfinite(reference):
        ax.axvline(reference, color="black", linewidth=0.8)
    labels = [f"{claim_name(r.claim)}: {claim_row_name(r.row, r.primary)}" + (f" [{r.run}]" if multi_run else "")
              for r in rows.itertuples()]
    ax.set_yticks(y, labels, fontsize=7.5)
    for tick, primary in zip(ax.get_yticklabels(), rows["primary"]):
        tick.set_fontweight("bold" if primary else "normal")
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.grid(axis="y", visible=False)
    if log:
        ax.set_xticks(_nice_ticks(*xlim))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}x"))
        ax.xaxis.set_minor_formatter(ticker.NullFormatter())
    notes = [n for n in (what, "log scale" if log else "") if n]
    ax.set_xlabel(unit + (f" ({', '.join(notes)})" if notes else ""), fontsize=8)


def _claims_legend(fig):
    handles = [Patch(label="claimed range (arrowhead: unbounded)", **CLAIM_BAND)]
    handles += [matplotlib.lines.Line2D([], [], marker="o", linestyle="none", color=c, markeredgecolor=c,
                                        label=v) for v, c in VERDICT_COLORS.items()]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7, bbox_to_anchor=(0.5, 0.0))


def _runs_text(frame: pd.DataFrame) -> str:
    runs = list(dict.fromkeys(frame["run"]))
    return ("run " + ", ".join(str(r) for r in runs)) if runs else ""


@_figure_file("fig8_claims_intervals")
def plot_claim_intervals(study: ClaimStudy | None, manifests=None) -> Plot:
    """Figure 8: per claims.csv row, the claimed range and the measured
    estimate with its 95 % interval, and the suite's verdict."""
    title = "The claims against the measurements (95 % interval, n forks / pairs)"
    if study is None or study.claims.empty:
        return placeholder(title, CLAIMS_STUDY_NOTE if study is None else "claims.csv has no rows")
    claims = study.claims
    panels = _claim_panels(claims)
    heights = [len(rows) * 0.27 + 0.55 for _, rows in panels]
    fig = _figure(FIG_WIDTH, sum(heights) + 1.35)
    axes = _axes(fig, len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    multi = claims["run"].nunique() > 1
    for ax, (unit, rows) in zip(axes, panels):
        _claims_panel(ax, rows, unit, multi)
    _claims_legend(fig)
    _finish(fig, title, "; ".join(b for b in (
        _runs_text(claims),
        "estimate and 95 % interval as computed by the suite (claims.csv); right: its verdict and "
        "(n forks / n paired comparisons); \u2020 target precision not reached; bold, * and filled: the "
        "primary row, which decides the claim") if b), bottom_in=0.45, h_pad=0.6)
    return Plot(fig, [])


def _shot_facets(shots: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """One facet per run and claim (and per rows, where a claim measured several sizes)."""
    claims = [c for c in CLAIM_NAMES if c in set(shots["claim"])]
    claims += [c for c in dict.fromkeys(shots["claim"]) if c not in CLAIM_NAMES]
    multi = shots["run"].nunique() > 1
    facets = []
    for run in dict.fromkeys(shots["run"]):
        for claim in claims:
            g = shots[(shots["run"] == run) & (shots["claim"] == claim)]
            sizes = sorted(g["rows"].dropna().unique())
            for size in sizes or [NAN]:
                part = g if len(sizes) <= 1 else g[g["rows"] == size]
                title = claim_name(claim) + (f", rows = {fmt_int(size)}" if len(sizes) > 1 else "") \
                    + (f" [{run}]" if multi else "")
                if not part.empty:
                    facets.append((title, part))
    return facets


def _round_axis(ax, rounds: np.ndarray):
    """Dotted separators between rounds; a tick per round, at its middle."""
    starts = np.flatnonzero(np.r_[True, rounds[1:] != rounds[:-1]])
    ends = np.r_[starts[1:], len(rounds)]
    for s in starts[1:]:
        ax.axvline(s + 0.5, color="#777777", linewidth=0.7, linestyle=":")
    mids = (starts + ends - 1) / 2 + 1
    step = max(1, math.ceil(len(starts) / 16))  # at most about 16 round labels
    ax.set_xticks(mids[::step], [fmt_int(r) for r in rounds[starts][::step]])
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    ax.set_xlim(0.5, len(rounds) + 0.5)


def _shots_panel(ax, shots: pd.DataFrame, title: str):
    """One arm's shots joined by a line within each round (rounds are separate runs)."""
    g = shots.sort_values(["round", "fork", "shot"]).reset_index(drop=True)
    g["x"] = np.arange(1, len(g) + 1)
    for i, arm in enumerate(sorted(g["arm"].unique())):
        style = dict(color=PALETTE[i % len(PALETTE)], marker=MARKERS[i % len(MARKERS)], markersize=3.2,
                     linewidth=0.7)
        for k, (_, part) in enumerate(g[g["arm"] == arm].groupby("round", sort=True)):
            ax.plot(part["x"], part["seconds"], label=arm if k == 0 else None, **style)
    _round_axis(ax, g["round"].to_numpy())
    ax.grid(axis="x", visible=False)
    ax.set_ylabel("seconds", fontsize=8)
    ax.set_title(title, loc="left", fontsize=8.5)
    ax.legend(title="arm", loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, title_fontsize=7)


@_figure_file("fig9_claim_shots")
def plot_claim_shots(study: ClaimStudy | None, manifests=None) -> Plot:
    """Figure 9: every measured shot of the claims study in the order it ran,
    per claim, so drift shows before a mean is trusted."""
    title = "The claims study's shots in the order they ran"
    if study is None:
        return placeholder(title, CLAIMS_STUDY_NOTE)
    if study.shots.empty:
        return placeholder(title, "no claim-shots.csv in this run (the suite writes it next to claims.csv)")
    facets = _shot_facets(study.shots)
    fig = _figure(FIG_WIDTH, 1.25 * len(facets) + 0.9)
    axes = _axes(fig, len(facets), 1, squeeze=False)[:, 0]
    for ax, (facet, shots) in zip(axes, facets):
        _shots_panel(ax, shots, facet)
    axes[-1].set_xlabel("round (its measured shots in the order they ran; dotted lines separate rounds)",
                        fontsize=8)
    _finish(fig, title, "; ".join(b for b in (
        _runs_text(study.shots), "one shot of every arm per block, in random order; rounds are the claim's "
                                 "separate JMH runs (param round); from claim-shots.csv") if b), h_pad=0.8)
    return Plot(fig, [])


# What the notebook can write. Which of it a run gets depends on what its
# folder holds: see Analysis.figures, Analysis.table_names, expected_files.
STRATEGY_FIGURES = [
    plot_throughput_best,
    plot_throughput_vs_chunk,
    plot_scaling,
    plot_speedup_heatmap,
    plot_memory,
    plot_percent_of_ceiling,
]
# fig7 computes its own verdicts from JMH entries: only for runs without claims.csv.
ORIGINAL_CLAIMS_FIGURE = plot_claims
CLAIM_STUDY_FIGURES = [plot_claim_intervals, plot_claim_shots]
FIGURES = STRATEGY_FIGURES + [ORIGINAL_CLAIMS_FIGURE] + CLAIM_STUDY_FIGURES
FIGURE_FORMATS = ("pdf", "png")
TABLE_FORMATS = ("tex", "csv")
ALL_CONFIGURATIONS_FILE = "tables/all_configurations.csv"
METHODS_FILES = ("methods.md", "methods.tex")
ONLY_CLAIMS_NOTE = ("this run holds only the claims study, whose JMH entries are mixes of arms and never a "
                    "strategy")


def save_plot(plot: Plot, out_dir) -> list[Path]:
    """Write a plot as figures/<name>.pdf and .png; returns the paths in FIGURE_FORMATS order."""
    d = Path(out_dir) / "figures"
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    with matplotlib.rc_context(STYLE):
        for ext in FIGURE_FORMATS:
            p = d / f"{plot.name}.{ext}"
            plot.fig.savefig(p, bbox_inches="tight", metadata={"CreationDate": None} if ext == "pdf" else None)
            paths.append(p)
    return paths


# --------------------------------------------------------------------------
# The whole analysis, as the notebook uses it
# --------------------------------------------------------------------------

@dataclass
class Analysis:
    df: pd.DataFrame  # one row per strategy configuration (the claims study's mixes left out)
    manifests: dict
    folders: dict
    out_dir: Path
    entries: pd.DataFrame | None = None  # every JMH entry, the claims study's too (defaults to df)
    study: ClaimStudy | None = None  # claims.csv and claim-shots.csv, where the run has them

    def __post_init__(self):
        if self.entries is None:
            self.entries = self.df

    @classmethod
    def load(cls, results=None, out=None) -> "Analysis":
        entries, manifests, folders = load_entries(results)
        return cls(strategy_entries(entries), manifests, folders, output_dir(list(folders.values()), out),
                   entries, load_claim_study(folders))

    # ---- what this run writes

    @property
    def has_strategy_outputs(self) -> bool:
        """Strategy figures and tables are written unless the run is only a
        claims study (they would be nothing but placeholders)."""
        return not self.df.empty or self.study is None

    def figures(self) -> list:
        """The figure functions this run writes, in order."""
        strategy = STRATEGY_FIGURES if self.has_strategy_outputs else []
        return strategy + ([ORIGINAL_CLAIMS_FIGURE] if self.study is None else CLAIM_STUDY_FIGURES)

    def table_names(self) -> list[str]:
        """The tables (tables/<name>.tex and .csv) this run writes."""
        return (["best_configuration"] if self.has_strategy_outputs else []) + ["claims", "environment"]

    def expected_files(self) -> list[str]:
        """Every file this run writes, relative to out_dir (run-notebook.sh checks them)."""
        return ([f"figures/{fn.stem}.{ext}" for fn in self.figures() for ext in FIGURE_FORMATS]
                + [f"tables/{n}.{ext}" for n in self.table_names() for ext in TABLE_FORMATS]
                + ([ALL_CONFIGURATIONS_FILE] if self.has_strategy_outputs else [])
                + list(METHODS_FILES))

    def skip_reason(self, fn) -> str:
        """Why this run does not write a figure ("" when it does)."""
        if fn in self.figures():
            return ""
        if fn in CLAIM_STUDY_FIGURES:
            return CLAIMS_STUDY_NOTE
        if fn is ORIGINAL_CLAIMS_FIGURE and self.study is not None:
            return (f"replaced by {plot_claim_intervals.stem}: this run has {CLAIMS_FILE}, whose estimates and "
                    f"verdicts the suite computed")
        return ONLY_CLAIMS_NOTE

    # ---- tables as frames

    @property
    def best(self) -> pd.DataFrame:
        return best_table(self.df, self.manifests)

    @property
    def claims(self) -> pd.DataFrame:
        """claims.csv where the run has it; else the original loader's claims
        measured from the JMH entries (claims_table)."""
        return self.study.claims if self.study is not None else claims_table(self.df, self.manifests)

    def claims_display(self) -> pd.DataFrame:
        return claim_study_display(self.study.claims) if self.study is not None else claims_display(self.claims)

    @property
    def environment(self) -> pd.DataFrame:
        return environment_table(self.entries, self.manifests)

    def coverage(self) -> pd.DataFrame:
        """Which benchmarks each run holds, and which profile adds the others."""
        rows = []
        for run in self.manifests:
            have = set(self.entries.loc[self.entries["run"] == run, "bench"])
            profile = (self.manifests[run].get("run") or {}).get("profile")
            for b in BENCH_ORDER + sorted(have - set(BENCH_ORDER)):
                n = int(((self.entries["run"] == run) & (self.entries["bench"] == b)).sum())
                rows.append({"run": run, "profile": profile, "benchmark": b, "configurations": n,
                             "note": self._coverage_note(run, b, n)})
        return pd.DataFrame(rows)

    def _coverage_note(self, run, bench: str, n: int) -> str:
        if not n:
            return "missing: " + profile_hint([bench])
        if bench != CLAIM_MIX:
            return ""
        if self.study is not None and (self.study.claims["run"] == run).any():
            return f"mixes of arms, never a strategy: shown through {CLAIMS_FILE} and {CLAIM_SHOTS_FILE}"
        return f"mixes of arms, never a strategy; this run has no {CLAIMS_FILE}, so no claims outputs"

    def invalid(self) -> pd.DataFrame:
        """Configurations whose counters show lost rows or failed chunks."""
        cols = ["run", "strategy"] + param_columns(self.df) + ["rowsInsertedPerShot", "failedChunks"]
        return self.df.loc[~self.df["valid"], [c for c in cols if c in self.df.columns]]

    # ---- figures

    def figure(self, fn) -> Plot:
        return fn(self.study, self.manifests) if fn in CLAIM_STUDY_FIGURES else fn(self.df, self.manifests)

    def show(self, fn) -> None:
        """Draw one figure, write it as PDF and PNG into out_dir/figures, display
        it; or say why this run does not write it."""
        reason = self.skip_reason(fn)
        if reason:
            print(f"[{fn.stem}] not written: {reason}")
            return
        show(self.figure(fn), self.out_dir)

    # ---- writing files

    def export(self) -> list[Path]:
        """Tables and methods text (the figures are written by show / export_all)."""
        return self.export_tables() + self.export_methods()

    def _best_table(self) -> tuple[pd.DataFrame, str]:
        best = self.best
        if best.empty:
            disp = pd.DataFrame({"strategy": ["no data in this run"],
                                 "note": [_hint_for_missing(self.df, [SYNC, POOLED_COPY])]})
        else:
            disp = best_table_display(best)
        return best, latex_table(
            disp, f"Each strategy at its fastest configuration ({_rows_text(self.df, self.manifests)}).",
            "tab:best-configuration", align=_best_align(disp), group="run" if "run" in disp.columns else None,
            note="Throughput with the JMH 99.9 % confidence interval (none for a single shot); speedup over "
                 "the fastest sync-baseline configuration; percent of the single-session server-side COPY "
                 "ceiling; JVM allocation per row (-prof gc); WAL generated per row.")

    def _claims_table(self) -> tuple[pd.DataFrame, str]:
        if self.study is not None:
            return self._claim_study_table()
        claims = self.claims
        return claims, latex_table(
            claims_display(claims), "The original loader's claims against the measured gains.", "tab:claims",
            align=[0.15, 0.17, 0.09, 0.17, 0.19, 0.11], group="run" if claims["run"].nunique() > 1 else None,
            note="Measured: time before / time after at the fastest 'after' configuration that has a matched "
                 "'before' configuration, with a conservative interval from both 99.9 % confidence "
                 "intervals. " + " ".join(sorted(set(n for n in claims["note"] if n))))

    def _claim_study_table(self) -> tuple[pd.DataFrame, str]:
        """claims.csv as written by the suite, one table row per claims.csv row."""
        disp = claim_study_display(self.study.claims)
        widths = {"run": 0.08, "claim": 0.1, "row": 0.15, "claimed": 0.13, "estimate [95 % CI]": 0.17,
                  "n (forks / pairs)": 0.07, "half-width / target": 0.13, "verdict": 0.11}
        tabular = booktabs_tabular(disp, [widths[c] for c in disp.columns])
        return disp, table_environment(
            tabular, "The claims against the measurements of the claims study.", "tab:claims",
            note="Estimates, 95 % intervals, precision and verdicts as computed by the benchmark suite "
                 f"({CLAIMS_FILE}). * the primary row, which decides the claim. n: forks / paired "
                 "comparisons. Half-width / target: the 95 % interval's half-width reached and the target "
                 "half-width (pp: percentage points).")

    def _environment_table(self) -> tuple[pd.DataFrame, str]:
        env = self.environment
        return env, latex_table(
            env, "Measurement environment, from the run manifest.", "tab:environment",
            align=[0.24] + [round(0.68 / (len(env.columns) - 1), 2)] * (len(env.columns) - 1))

    def export_tables(self) -> list[Path]:
        d = self.out_dir / "tables"
        d.mkdir(parents=True, exist_ok=True)
        makers = {"best_configuration": self._best_table, "claims": self._claims_table,
                  "environment": self._environment_table}
        written = []
        for name in self.table_names():
            frame, latex = makers[name]()
            frame.to_csv(d / f"{name}.csv", index=False)
            (d / f"{name}.tex").write_text(latex, encoding="utf-8")
            written += [d / f"{name}.{ext}" for ext in TABLE_FORMATS]
        if self.has_strategy_outputs:
            self.df.to_csv(self.out_dir / ALL_CONFIGURATIONS_FILE, index=False)
            written.append(self.out_dir / ALL_CONFIGURATIONS_FILE)
        return written

    def export_methods(self) -> list[Path]:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        md, tx = (self.out_dir / f for f in METHODS_FILES)
        md.write_text(methods_text(self.entries, self.manifests, study=self.study), encoding="utf-8")
        tx.write_text(methods_text(self.entries, self.manifests, latex=True, study=self.study), encoding="utf-8")
        return [md, tx]

    def export_all(self) -> tuple[list[Path], list[str]]:
        """Every figure, table and methods file; returns (written, missing-data notes)."""
        written, notes = [], []
        for fn in self.figures():
            p = self.figure(fn)
            written += save_plot(p, self.out_dir)
            notes += [f"{p.name}: {m}" for m in p.missing]
        written += self.export_tables() + self.export_methods()
        return written, notes

    def check_outputs(self) -> list[str]:
        """Expected output files that are missing or empty."""
        return [f for f in self.expected_files()
                if not (self.out_dir / f).is_file() or (self.out_dir / f).stat().st_size == 0]


def expected_files(results=None) -> list[str]:
    """The files the notebook writes for these results folder(s), relative to
    the output folder: what run-notebook.sh checks."""
    return Analysis.load(results).expected_files()


def show(plot: Plot, out_dir) -> None:
    """Save a plot, print what data it lacked, and display the saved PNG in a notebook."""
    paths = save_plot(plot, out_dir)
    for m in plot.missing:
        print(f"[{plot.name}] incomplete: {m}")
    try:
        from IPython.display import Image, display
        display(Image(filename=str(paths[FIGURE_FORMATS.index("png")])))
    except ImportError:  # outside IPython the files are the output
        print("written:", ", ".join(str(p) for p in paths))
