"""Paths and small helpers shared by the notebook package's tests.

Fixtures:
  basic        jmh-result.json, manifest.json and the summary.csv the suite's
               SummaryCsvCommand wrote from them (rows = 1000, hand-made timings)
  handwritten  summary.csv written by hand for these tests (not by the suite): every
               column filled where the schema allows, an incomplete configuration
               (PooledCopy tasks 4: 9 of 10 chunks), no server CPU for the ceilings
  claims_only  a claims-profile run: claims.csv, claim-shots.csv, header-only summary.csv
               (written before the Python port: no language column, no peak RSS, no allocation per row)
  claims_two_languages  claims.csv, claim-shots.csv and manifest.json written by hand for these tests:
               four claims measured in the Java and the Python port, a comparison of Java only
               (virtual vs platform threads) and two of Python only (peak RSS), manifest with pythonLoader
  versions     summary.csv written by hand for these tests: two servers (17.6 and 16.11 embedded), the
               sync baseline, pooled COPY and a new connection per chunk at pooled COPY's chunkSize
               and tasks on both (pooled COPY on 16.11 with one shot), pooled executeBatch on 17.6 only
  table_shapes summary.csv written by hand for these tests (not by the suite): FactorBenchmark
               at one setting of the other factors, BATCH and COPY_BINARY into each of the
               four table shapes (BATCH UNLOGGED with one shot, no interval), and two points
               outside the study (UNNEST in one shape only; COPY_BINARY on 8 tasks)
  interleaved  a quick run's manifest.json, summary.csv, interleaved.csv and interleaved-shots.csv as the
               suite wrote them (20,000 rows, InterleavedReferenceBenchmark at chunkSize 20,000 and tasks
               1, 2, 4, three rounds of two blocks each, and one sync-baseline configuration)
  claims_replicated  a smoke run's claims.csv, claim-shots.csv, interleaved.csv, interleaved-shots.csv,
               manifest.json and summary.csv as the suite wrote them, in the format with the analysis scale's
               columns (scale_estimate, scale_se, variance components, warm-up check), memory compared as a
               difference ("% of dataset more held", with each arm's MB) and claim-shots.csv's dataset_mb
  pooled       pooled-claims.csv, pooled-runs.csv, pooled-claims.md and manifest.json of `run-bench.sh pool`
               over two smoke runs, edited by hand into three runs: prediction intervals, a primary memory row
               (Java's retained memory), x faster and % less time rows, run intervals past -1,700
  network      a network run's claims.csv, claim-shots.csv, claims-network.csv, relay-cost.csv, manifest.json
               and header-only summary.csv as the suite wrote them (3,000 rows; COPY and pool at loopback, 2 ms
               and 20 ms in Java and Python, two rounds; the relay's A/A cost over two forks)
  scale        a scale run's scale.csv, scale-fits.csv, summary.csv and manifest.json as the suite wrote them
               (`run-bench.sh scale --rows 100000`: 10,000 rows in three forks, 100,000 in six; the sync
               baseline, before, after and pooled COPY in Java, before and after in Python)
  peers        a python-peers run: peers.csv written by hand for these tests with the suite's header (Java's arms
               before, after, copy_binary, copy_batch, pooled_copy; Python's before, after, copy_binary, asyncpg_copy,
               copy_batch, executemany_no_pipeline; 8 forks each, MB/s = rows/s x 1,036 bytes, times_after the
               ratio of rows/s with bounds symmetric on the log scale), the scale run's manifest.json edited into a
               python-peers run (profile, 20,000 rows, manifest schema 10 with asyncpg and the pipeline flag) and
               its summary.csv's header only (a claims fork writes no summary.csv rows); no claims.csv
  extremes     a smoke run's files as the suite wrote them (2,000 rows, 2 shots a configuration, most intervals
               without an upper bound), then edited: every pooled COPY interval (standalone and interleaved)
               [31,444, 72,917,038] rows/s, a lower bound of 0.001 rows/s and an x_server_copy bound of 1e6, one
               configuration of one shot, no sync baseline and no COPY FREEZE ceiling (their rows removed, x_sync
               emptied), and an interleaved ratio interval of [1e-6, 1e6]
"""
import io
import shutil
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import insert_results as ir  # noqa: E402

FIXTURES = HERE / "fixtures"
BASIC = FIXTURES / "basic"
HANDWRITTEN = FIXTURES / "handwritten"
CLAIMS_ONLY = FIXTURES / "claims_only"
CLAIMS_TWO_LANGUAGES = FIXTURES / "claims_two_languages"
TABLE_SHAPES = FIXTURES / "table_shapes"
TRANSPORTS = FIXTURES / "transports"
INTERLEAVED = FIXTURES / "interleaved"
EXTREMES = FIXTURES / "extremes"


def temp_dir(test) -> Path:
    d = Path(tempfile.mkdtemp(prefix="notebook-test-"))
    test.addCleanup(shutil.rmtree, d)
    return d


def folder_with(test, summary_rows=None, source=HANDWRITTEN, manifest=True, claims=False) -> Path:
    """A results folder: source's summary.csv (only the given 0-based data rows,
    when given), its manifest, and the claims_only claims files when asked."""
    d = temp_dir(test)
    lines = (source / ir.SUMMARY_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    if summary_rows is not None:
        lines = lines[:1] + [lines[1 + i] for i in summary_rows]
    (d / ir.SUMMARY_FILE).write_text("".join(lines), encoding="utf-8")
    if manifest:
        shutil.copy(source / ir.MANIFEST_FILE, d)
    if claims:
        for f in (ir.CLAIMS_FILE, ir.CLAIM_SHOTS_FILE):
            shutil.copy(CLAIMS_ONLY / f, d)
    return d


def export(test, folder):
    """Every output of a results folder, written into a temporary folder: (Analysis, that folder)."""
    out = temp_dir(test)
    a = ir.Analysis.load(str(folder), out=str(out))
    with redirect_stdout(io.StringIO()):
        a.export_all()
    return a, out


def one(df, **where):
    """The one row matching every column = value."""
    m = None
    for k, v in where.items():
        mk = df[k] == v
        m = mk if m is None else (m & mk)
    rows = df[m]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return rows.iloc[0]


def bar_heights(ax):
    """Bar heights per legend label (a grouped bar panel's series), left to right."""
    heights = {}
    for container in ax.containers:
        if hasattr(container, "patches") and container.get_label():
            heights[container.get_label()] = [p.get_height() for p in container.patches]
    return heights
