"""Reading results folders: summary.csv and manifest.json (contract:
results/README.md and the summary.csv schema it describes).

Every number comes from the suite as written; nothing here derives one.
"""
from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Callable, Mapping, Sequence

import pandas as pd

from . import schema

NAN = float("nan")

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent
RESULTS_ROOT = REPO_ROOT / "results"
SAMPLE_DIR = RESULTS_ROOT / "sample"
SUMMARY_FILE = "summary.csv"
MANIFEST_FILE = "manifest.json"
CLAIMS_FILE = "claims.csv"
CLAIM_SHOTS_FILE = "claim-shots.csv"
INTERLEAVED_FILE = "interleaved.csv"
INTERLEAVED_SHOTS_FILE = "interleaved-shots.csv"
# Written where the run measured through a latency relay (the network profile).
CLAIMS_NETWORK_FILE = "claims-network.csv"
RELAY_COST_FILE = "relay-cost.csv"
# Written where the run has scale forks (the scale profile).
SCALE_FILE = "scale.csv"
SCALE_FITS_FILE = "scale-fits.csv"
# Written where the run has the Python peers' forks (the python-peers profile).
PEERS_FILE = "peers.csv"
# Written by `run-bench.sh pool RUN_A RUN_B ...` into a folder of its own (no summary.csv, no jmh-result.json).
POOLED_CLAIMS_FILE = "pooled-claims.csv"
POOLED_RUNS_FILE = "pooled-runs.csv"
# What makes a folder something the notebook can read: the strategies' summary,
# (a claims-only run from before summary.csv existed) the claims study, or claims pooled over runs.
READABLE_FILES = (SUMMARY_FILE, CLAIMS_FILE, POOLED_CLAIMS_FILE)
# results/<UTC timestamp>-<profile>/, e.g. 20261128T201500Z-quick
RUN_FOLDER_RE = re.compile(r"^\d{8}T\d{4,6}Z?-.+$")

# summary.csv's columns as the suite writes them, and which are numbers or flags (results/schema.json);
# the lists below name those the notebook draws by name, each checked against the schema.
SUMMARY_COLUMNS = schema.columns(SUMMARY_FILE)
TEXT_PARAMS = schema.require(SUMMARY_FILE, ["format", "variant", "protocol", "connections", "executor", "conversion",
                                            "chunking", "tableShape", "transport", "rtt"])
# Parameters a summary.csv written before they existed lacks: read as empty (its benchmarks had
# no such parameter; every table was then created without an index, as tableShape HEAP is now,
# every connection was TCP and every loader connected directly, as rtt loopback does now;
# server, the server a row was measured on, is read as unnamed; strategy and language, which name
# the scale study's rows, as empty).
LATER_PARAMS = schema.require(SUMMARY_FILE, ["tableShape", "transport", "rtt", "server", "strategy", "language"])
NUMBER_PARAMS = schema.require(SUMMARY_FILE, ["chunkSize", "tasks"])
# The scale study's parameters, which name its rows (its nameParameters): the notebook keeps them in the
# strategy's name ("scale study (AFTER, JAVA)", strategies.with_names), and its tables show a summary.csv row
# without them, as they did before the parameters existed.
NAME_PARAMS = schema.require(SUMMARY_FILE, ["strategy", "language"])
ROW_COLUMNS = [c for c in SUMMARY_COLUMNS if c not in NAME_PARAMS]
PARAMS = NUMBER_PARAMS + TEXT_PARAMS
RATIOS = schema.require(SUMMARY_FILE, ["x_sync", "x_insert_select", "x_server_copy", "x_frozen_copy",
                                       "x_parallel_ceiling", "x_psql"])
# Ratio columns a summary.csv written before their reference existed lacks: read as empty.
LATER_RATIOS = [f"x_frozen_copy{end}" for end in ("", "_low", "_high")]
# Shares of the server sessions' wait-event samples (0 to 1); read as empty in a summary.csv written before them.
WAITS = schema.require(SUMMARY_FILE, ["wait_cpu", "wait_client", "wait_lock_extend", "wait_wal", "wait_data_io",
                                      "wait_other"])
SUMMARY_NUMBERS = schema.of_kind(SUMMARY_FILE, "number")
# Flags (interleaved: the row is one arm's shots of the interleaved reference forks) are false in a
# summary.csv written before them, which had no such rows.
SUMMARY_FLAGS = schema.of_kind(SUMMARY_FILE, "flag")

_SPECIAL = {"nan": NAN, "+inf": math.inf, "inf": math.inf, "infinity": math.inf,
            "+infinity": math.inf, "-inf": -math.inf, "-infinity": -math.inf}


def num(v) -> float:
    """A number as the suite writes it: empty (not applicable) and NaN are NaN;
    "Infinity"/"+INF" are accepted."""
    if v is None or isinstance(v, bool):
        return NAN
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().lower()
    if s in _SPECIAL:
        return _SPECIAL[s]
    try:
        return float(s) if s else NAN
    except ValueError:
        return NAN


def read_json(path) -> object:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_contract_csv(path, columns: Sequence[str], numbers: Sequence[str] = (),
                      flags: Sequence[str] = (), later: Sequence[str] | Mapping[str, str] = ()) -> pd.DataFrame:
    """A CSV the suite writes: text as written (no "NA" guessing), numbers via
    :func:`num` (empty = not applicable), true/false flags as bool. Known
    columns first, any others after them. A column in later, which older
    files lack, is empty there (a number: NaN); later as a mapping gives the
    value such a file means instead (claims.csv before its language column
    held only the Java port: {"language": "java"})."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    defaults = later if isinstance(later, Mapping) else dict.fromkeys(later, "")
    for c, value in defaults.items():
        if c not in frame.columns:
            frame[c] = value
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for c in numbers:
        frame[c] = frame[c].map(num).astype(float)
    for c in flags:
        frame[c] = frame[c].str.strip().str.lower() == "true"
    return frame[list(columns) + [c for c in frame.columns if c not in columns]]


def with_run(frame: pd.DataFrame, run) -> pd.DataFrame:
    """frame with a leading run column: a file's rows as one run of several."""
    return frame.assign(run=run)[["run"] + list(frame.columns)]


def read_study(folders: Mapping, results: tuple[str, Callable], shots: tuple[str, Callable],
               shot_columns: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """A study's results file and its shots file, each (file name, reader), of every run (run id ->
    folder) that holds the results file, each with a leading run column; None where no run does.
    The shots are an empty frame with shot_columns where no such run wrote its shots file."""
    found, found_shots = [], []
    for run, folder in folders.items():
        folder = Path(folder)
        if not (folder / results[0]).is_file():
            continue
        found.append(with_run(results[1](folder / results[0]), run))
        if (folder / shots[0]).is_file():
            found_shots.append(with_run(shots[1](folder / shots[0]), run))
    if not found:
        return None
    no_shots = pd.DataFrame(columns=["run"] + list(shot_columns))
    return pd.concat(found, ignore_index=True), pd.concat(found_shots, ignore_index=True) if found_shots else no_shots


def read_summary(path) -> pd.DataFrame:
    """summary.csv: one row per configuration; an empty parameter cell means
    the benchmark has no such parameter (kept as "" for text, NaN for numbers)."""
    return read_contract_csv(path, SUMMARY_COLUMNS, SUMMARY_NUMBERS, SUMMARY_FLAGS,
                             later=LATER_PARAMS + LATER_RATIOS + WAITS + SUMMARY_FLAGS)


# --------------------------------------------------------------------------
# Locating results folders
# --------------------------------------------------------------------------

def resolve_path(p) -> Path:
    """Relative paths are taken from the repository root, whatever the cwd."""
    p = Path(os.path.expanduser(str(p)))
    if p.is_absolute():
        return p
    from_root = REPO_ROOT / p
    if from_root.exists() or not (Path.cwd() / p).exists():
        return from_root
    return Path.cwd() / p


def is_results_folder(d: Path) -> bool:
    return any((d / f).is_file() for f in READABLE_FILES)


def newest_run_folder(root: Path | None = None) -> Path | None:
    """Newest results/<timestamp>-<profile>/ the notebook can read."""
    root = RESULTS_ROOT if root is None else root
    if not root.is_dir():
        return None
    runs = [d for d in root.iterdir() if d.is_dir() and RUN_FOLDER_RE.match(d.name) and is_results_folder(d)]
    # The timestamp prefix sorts chronologically.
    return max(runs, key=lambda d: d.name) if runs else None


def resolve_results(spec=None) -> list[Path]:
    """The notebook's RESULTS parameter as a list of results folders.

    ``None``: the env var RESULTS_DIR (several separated by os.pathsep), else
    the newest results/<timestamp>-<profile>/, else results/sample/.
    """
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        env = os.environ.get("RESULTS_DIR", "").strip()
        if env:
            spec = [s for s in env.split(os.pathsep) if s.strip()]
        else:
            spec = newest_run_folder() or SAMPLE_DIR
    if isinstance(spec, (str, Path)):
        spec = [spec]
    folders = []
    for s in spec:
        d = resolve_path(s)
        if d.is_file():
            d = d.parent
        if not is_results_folder(d):
            raise FileNotFoundError(f"no {SUMMARY_FILE} (nor {CLAIMS_FILE}, nor {POOLED_CLAIMS_FILE}) in results "
                                    f"folder {d}: the suite writes it at the end of every run")
        folders.append(d)
    if not folders:
        raise ValueError("no results folder given")
    return folders


def output_dir(folders: Sequence[Path], out=None) -> Path:
    """out, else NOTEBOOK_OUT if set, else the first results folder."""
    out = out or os.environ.get("NOTEBOOK_OUT", "").strip() or folders[0]
    return resolve_path(out)


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

def run_id(manifest: dict, folder: Path) -> str:
    return str((manifest.get("run") or {}).get("id") or folder.name)


# The newest manifest.json schema this package reads, per kind of folder: the suite's beside it
# (results/schema.json). Older ones are read; one from a newer suite is refused.
MANIFEST_SCHEMAS = schema.manifests()


def manifest_problem(folder: Path) -> str | None:
    """Why this package cannot read the folder's manifest (written by a newer suite), in one line; else None."""
    path = Path(folder) / MANIFEST_FILE
    return _schema_problem(path, read_json(path)) if path.is_file() else None


def _schema_problem(path: Path, manifest: dict) -> str | None:
    kind, version = manifest.get("kind") or "run", manifest.get("schemaVersion")
    newest = MANIFEST_SCHEMAS.get(kind)
    if newest is None:
        return f"{path}: a manifest of kind '{kind}', which this notebook does not know: update notebooks/insert_results"
    if isinstance(version, int) and version > newest:
        return (f"{path}: manifest schema {version}, newer than this notebook reads ({kind} up to {newest}): "
                "update notebooks/insert_results")
    return None


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST_FILE
    if not path.is_file():
        return {}
    manifest = read_json(path)
    problem = _schema_problem(path, manifest)
    if problem:
        raise ValueError(problem)
    return manifest


def read_folder(folder: Path) -> pd.DataFrame:
    """summary.csv of one folder; an empty frame with its columns where the run has none."""
    path = Path(folder) / SUMMARY_FILE
    if path.is_file():
        return read_summary(path)
    return pd.DataFrame({c: pd.Series(dtype=float if c in SUMMARY_NUMBERS else bool if c in SUMMARY_FLAGS else object)
                         for c in SUMMARY_COLUMNS})


def load_runs(spec=None) -> tuple[pd.DataFrame, dict, dict]:
    """Every results folder's summary.csv rows, one frame with a leading run
    column; and run id -> manifest, run id -> folder."""
    frames, manifests, folders = [], {}, {}
    for folder in resolve_results(spec):
        manifest = read_manifest(folder)
        run = run_id(manifest, folder)
        if run in manifests:  # the same run id twice: keep both apart
            run = f"{run} ({folder.name})"
        manifests[run], folders[run] = manifest, folder
        summary = read_folder(folder)
        frames.append(with_run(summary, run))
    return pd.concat(frames, ignore_index=True), manifests, folders
