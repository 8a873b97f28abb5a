"""Tests of notebooks/insert_results.py on small hand-made JMH JSON fixtures.

Run: /usr/bin/python3 -m unittest discover -s notebooks/tests -v

Fixture `basic` (rows = 1000, manifest present) was written so every number
below can be checked by hand:

  SyncBaseline   chunk 100          0.5 s  [0.4, 0.6]      -> 2000 rows/s
  SyncBaseline   chunk 500          0.4 s  [0.3, 0.5]      (fastest sync)
  PooledCopy     chunk 100 tasks 2  0.1 s  [0.08, 0.12]    -> 10000 rows/s
  PooledCopy     chunk 100 tasks 4  0.05 s, one failed chunk -> invalid
  PooledBatch    chunk 100 tasks 2  0.25 s [0.2, 0.3]
  NewConnection  chunk 100 tasks 2  0.3 s, scoreError bare NaN
  OriginalLoader tasks 2            AFTER 0.6 s, BEFORE 1.0 s, both single shot
  Factor BATCH   conversion UPFRONT 0.2 s [0.18, 0.22], PER_CHUNK 0.22 s [0.2, 0.24]
  Ceiling        serverCopy 0.05 s [0.04, 0.06]; insertSelect 0.04 s single shot
  ParallelCeiling tasks 2           0.02 s [0.015, 0.025]
"""
import math
import os
import shutil
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import insert_results as ir  # noqa: E402

FIXTURES = HERE / "fixtures"
BASIC = FIXTURES / "basic"
QUICK = FIXTURES / "quick_only"
# What a run without claims.csv writes, as before the claims study.
TODAYS_FILES = ([f"figures/{n}.{ext}" for n in (
    "fig1_throughput_best", "fig2_throughput_vs_chunksize", "fig3_scaling_tasks", "fig4_speedup_heatmap",
    "fig5_memory_per_row", "fig6_percent_of_ceiling", "fig7_claims_vs_measured") for ext in ("pdf", "png")]
    + [f"tables/{n}.{ext}" for n in ("best_configuration", "claims", "environment") for ext in ("tex", "csv")]
    + ["tables/all_configurations.csv", "methods.md", "methods.tex"])


def load(*folders):
    return ir.load_results([str(f) for f in folders])


def one(df, **where):
    m = None
    for k, v in where.items():
        mk = df[k] == v
        m = mk if m is None else (m & mk)
    rows = df[m]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return rows.iloc[0]


class NumberParsing(unittest.TestCase):
    def test_jmh_special_values(self):
        self.assertTrue(math.isnan(ir.num("NaN")))  # JMH 1.37 writes NaN as a string
        self.assertTrue(math.isnan(ir.num(float("nan"))))  # bare NaN token, parsed by json
        self.assertEqual(ir.num("+INF"), math.inf)
        self.assertEqual(ir.num("-INF"), -math.inf)
        self.assertTrue(math.isnan(ir.num(None)))
        self.assertEqual(ir.num("2.5"), 2.5)
        self.assertEqual(ir.num(3), 3.0)

    def test_metric_key_strips_middle_dot(self):
        self.assertEqual(ir.metric_key("\u00b7gc.alloc.rate.norm"), "gc.alloc.rate.norm")
        self.assertEqual(ir.metric_key("gc.alloc.rate.norm"), "gc.alloc.rate.norm")

    def test_score_units(self):
        self.assertEqual(ir._to_seconds_per_op(500.0, 400.0, 600.0, "ms/op"), (0.5, 0.4, 0.6))
        s, lo, hi = ir._to_seconds_per_op(2.0, 1.0, 4.0, "ops/s")
        self.assertEqual((s, lo, hi), (0.5, 0.25, 1.0))


class Loading(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.df, cls.manifests, cls.folders = load(BASIC)

    def test_one_row_per_configuration_with_params_as_columns(self):
        self.assertEqual(len(self.df), 13)
        for col in ("rows", "chunkSize", "tasks", "format", "variant", "protocol", "conversion"):
            self.assertIn(col, self.df.columns)
        r = one(self.df, bench=ir.POOLED_COPY, tasks=2.0)
        self.assertEqual(r["rows"], 1000)
        self.assertEqual(r["format"], "COPY_BINARY")
        self.assertEqual(r["strategy"], "pooled COPY (binary)")
        self.assertEqual(r["benchClass"], "PooledCopyBenchmark")
        self.assertEqual(r["method"], "load")
        self.assertEqual(r["run"], "fixture-basic")
        self.assertEqual(r["profile"], "thesis")
        self.assertIn("Test CPU 3000", r["machine"])

    def test_rows_per_second_and_interval(self):
        r = one(self.df, bench=ir.SYNC, chunkSize=100.0)
        self.assertAlmostEqual(r["rowsPerSec"], 2000.0)
        self.assertAlmostEqual(r["rowsPerSecLo"], 1000 / 0.6)
        self.assertAlmostEqual(r["rowsPerSecHi"], 2500.0)
        self.assertAlmostEqual(r["scoreError"], 0.1)

    def test_single_shot_keeps_value_without_interval(self):
        r = one(self.df, bench=ir.NEW_CONN)  # bare NaN in the JSON
        self.assertAlmostEqual(r["rowsPerSec"], 1000 / 0.3)
        self.assertTrue(math.isnan(r["scoreError"]))
        self.assertTrue(math.isnan(r["rowsPerSecLo"]))
        self.assertTrue(math.isnan(r["rowsPerSecHi"]))
        r = one(self.df, bench=ir.ORIGINAL, variant="AFTER")  # "NaN" string
        self.assertAlmostEqual(r["rowsPerSec"], 1000 / 0.6)
        self.assertTrue(math.isnan(r["rowsPerSecLo"]))

    def test_bytes_per_row_from_either_gc_key(self):
        sync = one(self.df, bench=ir.SYNC, chunkSize=100.0)
        self.assertAlmostEqual(sync["allocBytesPerRow"], 4000.0)
        self.assertAlmostEqual(sync["allocBytesPerRowLo"], 3900.0)
        self.assertAlmostEqual(sync["allocBytesPerRowHi"], 4100.0)
        copy = one(self.df, bench=ir.POOLED_COPY, tasks=2.0)  # "·gc.alloc.rate.norm"
        self.assertAlmostEqual(copy["allocBytesPerRow"], 2000.0)
        self.assertTrue(math.isnan(copy["allocBytesPerRowLo"]))
        batch = one(self.df, bench=ir.POOLED_BATCH)  # no -prof gc data at all
        self.assertTrue(math.isnan(batch["allocBytesPerRow"]))

    def test_event_counters_are_per_shot(self):
        # @AuxCounters(EVENTS) sum over shots in "score"; the per-shot value is the rawData mean.
        r = one(self.df, bench=ir.SYNC, chunkSize=100.0)
        self.assertAlmostEqual(r["walBytesPerRow"], 110.0)
        self.assertAlmostEqual(r["clientCpuNsPerRow"], 5000.0)
        self.assertAlmostEqual(r["rowsInsertedPerShot"], 1000.0)
        self.assertTrue(r["valid"])
        copy = one(self.df, bench=ir.POOLED_COPY, tasks=2.0)
        self.assertAlmostEqual(copy["bytesSentPerOp"], 1_000_000.0)
        self.assertAlmostEqual(copy["mbPerSec"], 10.0)

    def test_failed_chunks_make_a_configuration_invalid(self):
        r = one(self.df, bench=ir.POOLED_COPY, tasks=4.0)
        self.assertEqual(r["failedChunks"], 1.0)
        self.assertFalse(r["valid"])

    def test_lost_rows_make_a_configuration_invalid(self):
        df = self.df.copy()
        i = df.index[(df["bench"] == ir.SYNC) & (df["chunkSize"] == 100)][0]
        df.loc[i, "sec:rows"] = 900.0  # 100 rows per shot did not land
        self.assertFalse(ir.derive(df).loc[i, "valid"])
        df.loc[i, "sec:rows"] = 1100.0  # more than asked: a counting convention, not a loss
        self.assertTrue(ir.derive(df).loc[i, "valid"])

    def test_manifest_rows_are_the_main_rows(self):
        self.assertEqual(ir.main_rows(self.df, self.manifests), {"fixture-basic": 1000.0})


class Comparisons(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.df, cls.manifests, _ = load(BASIC)

    def test_speedup_over_fastest_sync_at_same_rows(self):
        copy = one(self.df, bench=ir.POOLED_COPY, tasks=2.0)
        self.assertAlmostEqual(copy["speedupVsSync"], 4.0)          # 0.4 / 0.1
        self.assertAlmostEqual(copy["speedupVsSyncLo"], 0.3 / 0.12)  # 2.5
        self.assertAlmostEqual(copy["speedupVsSyncHi"], 0.5 / 0.08)  # 6.25
        self.assertAlmostEqual(copy["speedupVsSyncSameChunk"], 5.0)  # 0.5 / 0.1
        sync = one(self.df, bench=ir.SYNC, chunkSize=100.0)
        self.assertAlmostEqual(sync["speedupVsSync"], 0.8)
        self.assertAlmostEqual(sync["speedupVsSyncSameChunk"], 1.0)

    def test_speedup_without_interval_when_one_side_is_single_shot(self):
        r = one(self.df, bench=ir.NEW_CONN)
        self.assertAlmostEqual(r["speedupVsSync"], 0.4 / 0.3)
        self.assertTrue(math.isnan(r["speedupVsSyncLo"]))

    def test_percent_of_ceilings(self):
        copy = one(self.df, bench=ir.POOLED_COPY, tasks=2.0)
        self.assertAlmostEqual(copy["pctOfServerCopy"], 50.0)
        self.assertAlmostEqual(copy["pctOfServerCopyLo"], 100 * 0.04 / 0.12)
        self.assertAlmostEqual(copy["pctOfServerCopyHi"], 75.0)
        self.assertAlmostEqual(copy["pctOfInsertSelect"], 40.0)
        self.assertTrue(math.isnan(copy["pctOfInsertSelectLo"]))
        self.assertAlmostEqual(copy["pctOfParallelCeiling"], 20.0)  # same tasks = 2
        self.assertAlmostEqual(copy["pctOfParallelCeilingLo"], 12.5)
        self.assertAlmostEqual(copy["pctOfParallelCeilingHi"], 31.25)
        # No tasks, no parallel ceiling.
        self.assertTrue(math.isnan(one(self.df, bench=ir.SYNC, chunkSize=100.0)["pctOfParallelCeiling"]))

    def test_best_per_strategy_skips_invalid(self):
        best = ir.best_per_strategy(self.df).set_index("strategy")
        self.assertAlmostEqual(best.loc["pooled COPY (binary)", "score"], 0.1)
        self.assertAlmostEqual(best.loc["sync baseline", "chunkSize"], 500)
        self.assertEqual(best.index.is_unique, True)

    def test_ratio_interval_unbounded_when_denominator_reaches_zero(self):
        r, lo, hi = ir.ratio(1.0, 0.5, 1.5, 0.1, 0.0, 0.2)
        self.assertAlmostEqual(float(r), 10.0)
        self.assertAlmostEqual(float(lo), 2.5)
        self.assertEqual(float(hi), math.inf)


class Claims(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        df, manifests, _ = load(BASIC)
        cls.claims = ir.claims_table(df, manifests).set_index("claimKey")

    def test_every_claim_has_a_row(self):
        self.assertEqual(set(self.claims.index), {c.key for c in ir.CLAIMS})

    def test_copy_vs_executemany(self):
        c = self.claims.loc["copy_vs_executemany"]
        self.assertAlmostEqual(c["speedup"], 2.5)  # 0.25 / 0.1
        self.assertAlmostEqual(c["speedupLo"], 0.2 / 0.12)
        self.assertAlmostEqual(c["speedupHi"], 0.3 / 0.08)
        self.assertEqual(c["pairs"], 1)  # the tasks=4 COPY entry failed a chunk
        self.assertEqual(c["verdict"], "consistent with claim")
        self.assertEqual(c["measured"], "2.50x [1.67, 3.75]")
        self.assertIn("COPY_BINARY", c["comparison"])

    def test_pool_vs_new_connection_single_shot(self):
        c = self.claims.loc["pool_vs_new_connection"]
        self.assertAlmostEqual(c["speedup"], 1.2)  # 0.3 / 0.25: 16.7 % less time
        self.assertTrue(math.isnan(c["speedupLo"]))
        self.assertEqual(c["verdict"], "within claim (point only)")
        self.assertTrue(c["measured"].startswith("16.7 % less time"))

    def test_conversion_from_factor_study(self):
        c = self.claims.loc["conversion_once"]
        self.assertAlmostEqual(c["speedup"], 1.1)  # 0.22 / 0.2
        self.assertAlmostEqual(c["speedupLo"], 0.2 / 0.22)
        self.assertAlmostEqual(c["speedupHi"], 0.24 / 0.18)
        self.assertEqual(c["measured"], "9.1 % less time [-10.0, 25.0]")

    def test_before_vs_after(self):
        c = self.claims.loc["before_vs_after"]
        self.assertAlmostEqual(c["speedup"], 1.0 / 0.6)  # 40 % less time, claimed 30-50 %
        self.assertEqual(c["verdict"], "within claim (point only)")

    def test_missing_factor_names_the_profile(self):
        c = self.claims.loc["adaptive_chunking"]
        self.assertTrue(math.isnan(c["speedup"]))
        self.assertEqual(c["verdict"], "not measured")
        self.assertIn("thesis", c["note"])

    def test_claimed_savings_as_time_ratios(self):
        claim = next(c for c in ir.CLAIMS if c.key == "pool_vs_new_connection")
        lo, hi = claim.speedup_range
        self.assertAlmostEqual(lo, 1 / 0.9)
        self.assertAlmostEqual(hi, 1 / 0.8)
        self.assertEqual(ir.verdict(3.0, 2.0, 4.0, claim), "above claim")
        self.assertEqual(ir.verdict(0.8, 0.7, 0.9, claim), "below claim")


class MissingData(unittest.TestCase):
    """A quick-style run: no manifest, only two benchmarks, single shots."""

    @classmethod
    def setUpClass(cls):
        cls.df, cls.manifests, _ = load(QUICK)

    def test_loads_without_manifest(self):
        self.assertEqual(set(self.df["run"]), {"quick_only"})
        copy = one(self.df, bench=ir.POOLED_COPY)
        self.assertAlmostEqual(copy["speedupVsSync"], 4.0)  # 0.8 / 0.2
        self.assertTrue(math.isnan(copy["speedupVsSyncLo"]))
        self.assertTrue(math.isnan(copy["pctOfServerCopy"]))  # no ceiling in this run
        self.assertTrue(math.isnan(copy["allocBytesPerRow"]))

    def test_claims_not_measured_say_which_profile(self):
        claims = ir.claims_table(self.df, self.manifests).set_index("claimKey")
        self.assertTrue(claims["speedup"].isna().all())
        self.assertIn("PooledBatch", claims.loc["copy_vs_executemany", "note"])
        self.assertIn("thesis", claims.loc["conversion_once", "note"])

    def test_empty_results_file(self):
        tmp = Path(tempfile.mkdtemp())
        try:
            (tmp / "jmh-result.json").write_text("[]")
            df, manifests, _ = ir.load_results(str(tmp))
            self.assertTrue(df.empty)
            self.assertTrue(ir.best_per_strategy(df).empty)
        finally:
            shutil.rmtree(tmp)


class SeveralRuns(unittest.TestCase):
    def test_runs_are_compared_within_themselves(self):
        df, manifests, folders = load(BASIC, QUICK)
        self.assertEqual(list(folders), ["fixture-basic", "quick_only"])
        quick_copy = one(df, run="quick_only", bench=ir.POOLED_COPY)
        self.assertAlmostEqual(quick_copy["speedupVsSync"], 4.0)  # its own sync, not fixture-basic's
        best = ir.best_per_strategy(df)
        self.assertEqual(len(best[best["strategy"] == "sync baseline"]), 2)
        claims = ir.claims_table(df, manifests)
        self.assertEqual(len(claims[claims["claimKey"] == "before_vs_after"]), 2)


class Locating(unittest.TestCase):
    def test_relative_paths_are_taken_from_the_repository_root(self):
        cwd = os.getcwd()
        try:
            os.chdir(tempfile.gettempdir())
            got = ir.resolve_results("notebooks/tests/fixtures/basic")
        finally:
            os.chdir(cwd)
        self.assertEqual(got, [ir.REPO_ROOT / "notebooks/tests/fixtures/basic"])

    def test_env_var_then_newest_run_then_sample(self):
        root = Path(tempfile.mkdtemp())
        try:
            for name in ("20251231T235959Z-thesis", "20260102T030405Z-quick", "20270101T000000Z-empty", "sample"):
                (root / name).mkdir()
            for name in ("20251231T235959Z-thesis", "20260102T030405Z-quick", "sample"):
                (root / name / "jmh-result.json").write_text("[]")
            with mock.patch.object(ir, "RESULTS_ROOT", root), mock.patch.object(ir, "SAMPLE_DIR", root / "sample"), \
                    mock.patch.dict(os.environ, {"RESULTS_DIR": ""}):
                # The empty 2027 folder has no results: the newest with results wins.
                self.assertEqual(ir.resolve_results(None), [root / "20260102T030405Z-quick"])
                with mock.patch.dict(os.environ, {"RESULTS_DIR": str(BASIC)}):
                    self.assertEqual(ir.resolve_results(None), [BASIC])
                for name in ("20251231T235959Z-thesis", "20260102T030405Z-quick"):
                    shutil.rmtree(root / name)
                self.assertEqual(ir.resolve_results(None), [root / "sample"])
        finally:
            shutil.rmtree(root)

    def test_missing_folder_is_a_clear_error(self):
        with self.assertRaises(FileNotFoundError):
            ir.resolve_results("/nonexistent/results")


class Text(unittest.TestCase):
    def test_tex_escaping(self):
        self.assertEqual(ir.tex("50 %_x & y"), r"50 \%\_x \& y")

    def test_latex_table_is_booktabs(self):
        import pandas as pd
        t = ir.latex_table(pd.DataFrame({"a": ["x_1"], "b": ["2"]}), "Cap", "tab:t", align=["l", 0.3])
        for s in (r"\toprule", r"\midrule", r"\bottomrule", r"x\_1", r"p{0.30\linewidth}", r"\label{tab:t}"):
            self.assertIn(s, t)

    def test_methods_from_manifest(self):
        df, manifests, _ = load(BASIC)
        md = ir.methods_text(df, manifests)
        for s in ("PostgreSQL 17.6", "Test CPU 3000", "seed 7", "`wal_level` = replica", "Eclipse Adoptium",
                  "testcontainers", "JMH 1.37", "measured shots: 3 (some benchmarks: 1)"):
            self.assertIn(s, md)
        self.assertNotIn("None", md)
        tex = ir.methods_text(df, manifests, latex=True)
        self.assertIn(r"\texttt{synchronous\_commit}", tex)
        self.assertIn(r"99.9 \%", tex)

    def test_environment_table(self):
        df, manifests, _ = load(BASIC)
        env = ir.environment_table(df, manifests).set_index("field")["value"]
        self.assertEqual(env["git commit"], "0123456789ab")
        self.assertEqual(env["setting fsync"], "on")
        self.assertEqual(env["memory"], "24.0 GiB")

    def test_number_formatting(self):
        self.assertEqual(ir.fmt_sig(12345.0), "12,300")
        self.assertEqual(ir.fmt_sig(0.012345), "0.0123")
        self.assertEqual(ir.fmt_interval(2000.0, float("nan"), float("nan")), "2,000")
        self.assertEqual(ir.fmt_interval(2000.0, 1666.7, 2500.0), "2,000 [1,670, 2,500]")


class Export(unittest.TestCase):
    """Every expected file exists and is non-empty, with or without data."""

    def check(self, *folders):
        out = Path(tempfile.mkdtemp())
        try:
            a = ir.Analysis.load([str(f) for f in folders], out=str(out))
            written, notes = a.export_all()
            self.assertEqual(a.check_outputs(), [])
            for f in a.expected_files():
                self.assertGreater((out / f).stat().st_size, 0, f)
            # Nothing is written that is not expected, and the other way round.
            self.assertEqual(sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()),
                             sorted(a.expected_files()))
            return notes, out
        finally:
            shutil.rmtree(out)

    def test_full_fixture(self):
        notes, _ = self.check(BASIC)
        # Without claims.csv the list is what it always was: fig1-fig7 and three tables.
        self.assertEqual(ir.expected_files(str(BASIC)), TODAYS_FILES)
        self.assertTrue(any("fig7" in n and "thesis" in n for n in notes))  # no ADAPTIVE entries

    def test_quick_fixture_writes_placeholders(self):
        notes, _ = self.check(QUICK)
        self.assertTrue(any(n.startswith("fig6_percent_of_ceiling") for n in notes))
        self.assertTrue(any(n.startswith("fig4_speedup_heatmap") or n.startswith("fig5") for n in notes))

    def test_empty_run_still_writes_every_file(self):
        tmp = Path(tempfile.mkdtemp())
        try:
            (tmp / "jmh-result.json").write_text("[]")
            self.check(tmp)
        finally:
            shutil.rmtree(tmp)

    def test_committed_sample(self):
        if (ir.SAMPLE_DIR / "jmh-result.json").is_file():
            self.check(ir.SAMPLE_DIR)

    def test_output_dir_from_env(self):
        with mock.patch.dict(os.environ, {"NOTEBOOK_OUT": "/tmp/somewhere"}):
            self.assertEqual(ir.output_dir([BASIC]), Path("/tmp/somewhere"))
        with mock.patch.dict(os.environ, {"NOTEBOOK_OUT": ""}):
            self.assertEqual(ir.output_dir([BASIC]), BASIC)


if __name__ == "__main__":
    unittest.main()
