"""Reading results folders: summary.csv as written, and finding the folders."""
import math
import os
import shutil
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from support import BASIC, CLAIMS_ONLY, HANDWRITTEN, folder_with, ir, one, temp_dir


class ReadingSummary(unittest.TestCase):
    def test_numbers_and_parameters_as_written(self):
        s = ir.read_summary(HANDWRITTEN / ir.SUMMARY_FILE)
        self.assertEqual(list(s.columns), ir.SUMMARY_COLUMNS)
        sync = one(s, benchmark="SyncBaselineBenchmark.load", chunkSize=100.0)
        self.assertEqual((sync["rows_per_s"], sync["rows_per_s_low"], sync["rows_per_s_high"]),
                         (2000.0, 1666.67, 2500.0))
        self.assertEqual(sync["format"], "")  # no such parameter: empty text, not NaN
        self.assertTrue(math.isnan(sync["tasks"]))
        self.assertTrue(math.isnan(sync["x_insert_select_low"]))  # empty cell: not measured
        copy = one(s, benchmark="PooledCopyBenchmark.load", tasks=2.0)
        self.assertEqual(copy["format"], "COPY_BINARY")
        self.assertEqual((copy["x_server_copy"], copy["x_parallel_ceiling_high"]), (0.5, 0.3125))

    def test_suite_written_fixture(self):
        s = ir.read_summary(BASIC / ir.SUMMARY_FILE)
        self.assertEqual(len(s), 13)
        copy = one(s, benchmark="PooledCopyBenchmark.load", tasks=2.0)
        self.assertEqual((copy["rows_per_s"], copy["x_sync"], copy["x_server_copy"]), (10000.0, 4.0, 0.5))

    def test_header_only_summary_is_empty(self):
        self.assertTrue(ir.read_summary(CLAIMS_ONLY / ir.SUMMARY_FILE).empty)

    def test_missing_column_is_a_clear_error(self):
        d = temp_dir(self)
        (d / ir.SUMMARY_FILE).write_text("benchmark,family\nX.y,strategy\n", encoding="utf-8")
        with self.assertRaisesRegex(ValueError, "missing column.*rows_per_s"):
            ir.read_summary(d / ir.SUMMARY_FILE)

    def test_runs_keep_their_ids_apart(self):
        df, manifests, folders = ir.load_runs([str(HANDWRITTEN), str(folder_with(self))])
        self.assertEqual(len(manifests), 2)
        self.assertEqual(list(folders)[0], "fixture-handwritten")
        self.assertTrue(list(folders)[1].startswith("fixture-handwritten ("))
        self.assertEqual(set(df["run"]), set(folders))

    def test_a_folder_without_summary_has_no_configurations(self):
        d = temp_dir(self)
        shutil.copy(CLAIMS_ONLY / ir.CLAIMS_FILE, d)
        df, _, _ = ir.load_runs(str(d))
        self.assertTrue(df.empty)
        self.assertIn("rows_per_s", df.columns)


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
        root = temp_dir(self)
        for name in ("20251231T235959Z-thesis", "20260102T030405Z-quick", "20270101T000000Z-empty", "sample"):
            (root / name).mkdir()
        for name in ("20251231T235959Z-thesis", "20260102T030405Z-quick", "sample"):
            shutil.copy(HANDWRITTEN / ir.SUMMARY_FILE, root / name)
        with mock.patch("insert_results.load.RESULTS_ROOT", root), \
                mock.patch("insert_results.load.SAMPLE_DIR", root / "sample"), \
                mock.patch.dict(os.environ, {"RESULTS_DIR": ""}):
            # The empty 2027 folder has no summary.csv: the newest with one wins.
            self.assertEqual(ir.resolve_results(None), [root / "20260102T030405Z-quick"])
            with mock.patch.dict(os.environ, {"RESULTS_DIR": str(BASIC)}):
                self.assertEqual(ir.resolve_results(None), [BASIC])
            for name in ("20251231T235959Z-thesis", "20260102T030405Z-quick"):
                shutil.rmtree(root / name)
            self.assertEqual(ir.resolve_results(None), [root / "sample"])

    def test_missing_folder_is_a_clear_error(self):
        with self.assertRaisesRegex(FileNotFoundError, "summary.csv"):
            ir.resolve_results("/nonexistent/results")

    def test_output_dir(self):
        with mock.patch.dict(os.environ, {"NOTEBOOK_OUT": "/tmp/somewhere"}):
            self.assertEqual(ir.output_dir([BASIC]), Path("/tmp/somewhere"))
            self.assertEqual(ir.output_dir([BASIC], "/tmp/named"), Path("/tmp/named"))
        with mock.patch.dict(os.environ, {"NOTEBOOK_OUT": ""}):
            self.assertEqual(ir.output_dir([BASIC]), BASIC)


if __name__ == "__main__":
    unittest.main()
