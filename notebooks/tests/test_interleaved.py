"""Pooled COPY against psql and the parallel ceiling, interleaved: interleaved.csv,
interleaved-shots.csv and summary.csv's interleaved rows as written, in a table
and a figure; a run without them gets neither.

Fixture `interleaved` is a quick run as the suite wrote it: chunkSize 20,000 at
tasks 1, 2 and 4, three rounds of two blocks each, and a sync baseline.
"""
import io
import shutil
import unittest
from contextlib import redirect_stdout

import numpy as np

from support import BASIC, INTERLEAVED, export, ir, temp_dir
from insert_results import interleaved

RUN = "20261129T200411Z-quick"
FIGURE = "fig14_interleaved_references"
TABLE = "interleaved_references"
OWN_FILES = [f"figures/{FIGURE}.pdf", f"figures/{FIGURE}.png", f"tables/{TABLE}.tex", f"tables/{TABLE}.csv"]


def folder_without(test, *dropped: str):
    """A copy of the interleaved fixture without the given files."""
    d = temp_dir(test)
    for f in INTERLEAVED.iterdir():
        if f.name not in dropped:
            shutil.copy(f, d)
    return d


def ratio_panels(plot):
    """The figure's right-hand axes, one per configuration, top to bottom."""
    return [ax for ax in plot.fig.get_axes() if ax.get_xscale() == "log"]


class Loading(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = ir.Analysis.load(str(INTERLEAVED))

    def test_both_files_as_written(self):
        study = self.a.interleaved
        self.assertEqual(list(study.ratios.columns), ["run"] + interleaved.RATIOS_COLUMNS)
        self.assertEqual(len(study.ratios), 6)
        self.assertEqual(list(study.shots.columns), ["run"] + interleaved.SHOTS_COLUMNS)
        self.assertEqual(len(study.shots), 54)
        self.assertEqual(study.rounds(RUN), 3)
        self.assertEqual(list(study.configurations()["tasks"]), [1.0, 2.0, 4.0])

    def test_summary_csv_marks_the_interleaved_rows(self):
        flagged = self.a.df.loc[self.a.df["interleaved"], "benchmark"]
        self.assertEqual(sorted(set(flagged)), ["ParallelCeilingBenchmark.serverCopy", "PooledCopyBenchmark.load",
                                                "PsqlCopyBenchmark.psqlCopy"])
        self.assertEqual(len(flagged), 7)
        self.assertFalse(self.a.df.loc[self.a.df["benchmark"] == "SyncBaselineBenchmark.load", "interleaved"].any())

    def test_a_run_without_the_files_has_no_comparison(self):
        a = ir.Analysis.load(str(BASIC))
        self.assertIsNone(a.interleaved)
        self.assertEqual(a.df["interleaved"].dtype, bool)  # a summary.csv from before the column
        self.assertFalse(a.df["interleaved"].any())

    def test_interleaved_csv_without_the_shots(self):
        study = ir.load_interleaved({"r": folder_without(self, ir.INTERLEAVED_SHOTS_FILE)})
        self.assertEqual(len(study.ratios), 6)
        self.assertTrue(study.shots.empty)


class Table(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = ir.Analysis.load(str(INTERLEAVED))
        cls.points = interleaved.comparison(cls.a.interleaved, cls.a.df)

    def test_each_arm_and_ratio_as_the_suite_wrote_it(self):
        two = self.points[self.points["tasks"] == 2].iloc[0]
        self.assertEqual((two["pooled_copy_rows_per_s"], two["psql_rows_per_s"], two["parallel_ceiling_rows_per_s"]),
                         (184782.0, 68201.5, 305525.0))
        self.assertEqual((two["x_psql"], two["x_psql_low"], two["x_psql_high"]), (2.79527, 2.00556, 3.89594))
        self.assertEqual((two["x_parallel_ceiling_n_pairs"], two["x_parallel_ceiling_n_rounds"]), (6.0, 3.0))
        self.assertEqual(two["x_parallel_ceiling_round_ratios"], "0.573194 0.712834 0.635739")

    def test_the_table_to_read(self):
        display = interleaved.comparison_display(self.points)
        self.assertEqual(list(display.columns), [
            "server", "chunk x tasks", "pooled COPY rows/s", "psql \\copy rows/s", "parallel ceiling rows/s",
            "x psql [95 %]", "x ceiling [95 %]", "n pairs (rounds)", "ratio per round"])
        one = display.iloc[0]
        self.assertEqual(list(one), ["17.6 embedded", "20,000 x 1", "124,000", "68,200", "166,000",
                                     "2.16x [0.741, 6.28]", "0.785x [0.399, 1.55]", "6 (3)",
                                     "x psql 1.32, 2.90, 2.63; x ceiling 0.587, 1.01, 0.817"])

    def test_a_reference_the_run_did_not_measure_is_a_dash(self):
        d = folder_without(self, ir.INTERLEAVED_FILE)
        lines = (INTERLEAVED / ir.INTERLEAVED_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
        (d / ir.INTERLEAVED_FILE).write_text("".join(l for l in lines if ",psql," not in l), encoding="utf-8")
        display = ir.Analysis.load(str(d)).interleaved_display()
        self.assertEqual(list(display["x psql [95 %]"]), ["-"] * 3)
        self.assertEqual(display["n pairs (rounds)"][0], "6 (3)")
        self.assertEqual(display["ratio per round"][0], "x ceiling 0.587, 1.01, 0.817")

    def test_exported_as_csv_and_booktabs(self):
        out = temp_dir(self)
        a = ir.Analysis.load(str(INTERLEAVED), out=str(out))
        a.export_tables()
        csv = (out / f"tables/{TABLE}.csv").read_text(encoding="utf-8")
        self.assertIn("0.785102,0.398552,1.54656,6.0,3.0,0.587067 1.00887 0.81706", csv)
        tex = (out / f"tables/{TABLE}.tex").read_text(encoding="utf-8")
        self.assertIn(r"\label{tab:interleaved-references}", tex)
        self.assertIn("2.80x [2.01, 3.90]", tex)
        self.assertIn(r"psql \textbackslash{}copy and the parallel", tex)


class Figure(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plot = ir.Analysis.load(str(INTERLEAVED)).figure(ir.interleaved_references)

    def test_a_row_per_configuration_shots_left_ratios_right(self):
        self.assertEqual(self.plot.missing, [])
        self.assertEqual(len(self.plot.fig.get_axes()), 6)
        titles = [ax.get_title(loc="left") for ax in self.plot.fig.get_axes()]
        self.assertEqual(titles[0::2], ["chunk 20,000 x 1 task", "chunk 20,000 x 2 tasks", "chunk 20,000 x 4 tasks"])
        self.assertEqual(titles[1], "n pairs (rounds): 6 (3)")

    def test_the_shots_in_the_order_they_ran(self):
        shots_ax = self.plot.fig.get_axes()[0]
        # pooled COPY, tasks 1: one line per round, x its place among the configuration's 18 shots
        pooled = [(list(l.get_xdata()), list(l.get_ydata())) for l in shots_ax.get_lines()
                  if l.get_color() == interleaved.ARM_STYLES[interleaved.POOLED]["color"]]
        self.assertEqual(pooled, [([3, 5], [119238.0, 66550.0]), ([9, 11], [149053.0, 152124.0]),
                                  ([14, 16], [172721.0, 173135.0])])
        self.assertEqual([t.get_text() for t in shots_ax.get_xticklabels()], ["1", "2", "3"])

    def test_the_ratios_with_their_intervals_and_rounds(self):
        top = ratio_panels(self.plot)[0]
        texts = {t.get_text() for t in top.texts}
        self.assertEqual(texts, {"2.16x [0.741, 6.28]", "0.785x [0.399, 1.55]"})
        points = [l.get_xdata() for l in top.get_lines() if len(l.get_xdata()) == 3]
        np.testing.assert_allclose(sorted(map(list, points)), [[0.587067, 1.00887, 0.81706],
                                                               [1.31744, 2.89752, 2.63288]])
        self.assertEqual([t.get_text() for t in top.get_yticklabels()], ["x ceiling", "x psql"])

    def test_without_shots_the_ratios_are_drawn_and_the_gap_named(self):
        plot = ir.Analysis.load(str(folder_without(self, ir.INTERLEAVED_SHOTS_FILE))).figure(
            ir.interleaved_references)
        self.assertIn("no interleaved-shots.csv", plot.missing[0])
        self.assertEqual(len(ratio_panels(plot)), 3)


class Registry(unittest.TestCase):
    def test_the_run_gets_the_figure_the_table_and_the_methods_sentence(self):
        self.assertLessEqual(set(OWN_FILES), set(ir.expected_files(str(INTERLEAVED))))
        a, out = export(self, INTERLEAVED)
        self.assertEqual(a.check_outputs(), [])
        methods = (out / "methods.md").read_text(encoding="utf-8")
        self.assertIn("also measured interleaved (`InterleavedReferenceBenchmark`)", methods)
        self.assertIn("3 rounds (forks) per configuration", methods)
        self.assertIn("the interleaved forks (9 configurations) set their own shots", methods)
        appendix = (out / "appendix.tex").read_text(encoding="utf-8")
        self.assertIn(f"\\input{{tables/{TABLE}.tex}}", appendix)
        self.assertIn(f"{{figures/{FIGURE}.pdf}}", appendix)

    def test_a_run_without_the_files_gets_neither_and_says_why(self):
        self.assertFalse(set(OWN_FILES) & set(ir.expected_files(str(BASIC))))
        self.assertLessEqual(set(OWN_FILES), set(ir.every_output_file()))
        a = ir.Analysis.load(str(BASIC))
        printed = io.StringIO()
        with redirect_stdout(printed):
            a.show(ir.interleaved_references)
        self.assertIn(f"[{FIGURE}] not written: no interleaved.csv in this run", printed.getvalue())
        self.assertIn("no interleaved.csv", a.interleaved_display()["note"][0])
        self.assertNotIn("interleaved", ir.methods_text(a.manifests, set(a.df["run"])))


if __name__ == "__main__":
    unittest.main()
