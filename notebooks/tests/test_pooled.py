"""Claims pooled over runs (run-bench.sh pool): reading pooled-claims.csv and
pooled-runs.csv, their table and the forest plot, and what a pooled folder writes.

Fixture `pooled`: the files of a real two-run pooling of smoke runs, edited by hand
into three runs (smoke1-out, smoke2-out, smoke3-out): six comparisons, five of them
primary (COPY text end to end in Java and Python, x faster; conversion up front vs per
chunk in both, % less time, run intervals reaching past -1,700; Java's retained
memory, % of dataset more held), a prediction interval on every row, and Python's
peak RSS as the one comparison that is not primary; the pooling code's `git` (manifest
schema 2) added by hand.
"""
import io
import math
import re
import unittest
from contextlib import redirect_stdout

import pandas as pd

from support import CLAIMS_ONLY, FIXTURES, ir, temp_dir
from insert_results import appendix, pooled

POOLED = FIXTURES / "pooled"
POOLED_FILES = sorted(["figures/fig15_pooled_forest_java.pdf", "figures/fig15_pooled_forest_java.png",
                       "figures/fig15_pooled_forest_python.pdf", "figures/fig15_pooled_forest_python.png",
                       "tables/pooled_claims.tex", "tables/pooled_claims.csv", "tables/environment.tex",
                       "tables/environment.csv", "methods.md", "methods.tex", "appendix.tex"])


def study():
    return ir.read_pooled(POOLED)


class Reading(unittest.TestCase):
    def test_pooled_claims_as_written(self):
        c = study().claims
        self.assertEqual(list(c.columns), ["pool"] + ir.POOLED_CLAIMS_COLUMNS)
        self.assertEqual(set(c["pool"]), {"pooled"})  # the folder's name
        self.assertEqual(len(c), 6)
        self.assertEqual(c["primary"].dtype, bool)
        self.assertEqual(c["precision_met"].dtype, bool)
        for column in pooled.POOLED_CLAIMS_NUMBERS:
            self.assertEqual(c[column].dtype, float, column)
        memory = c[c["row"] == "retained_memory"].iloc[0]
        self.assertEqual(memory["unit"], "% of dataset more held")
        self.assertEqual((memory["estimate"], memory["prediction_low"], memory["runs"]), (75.412, 66.114, 3.0))
        self.assertEqual(pooled.split_run_estimates(memory["run_estimates"]), [76.2694, 73.902, 76.065])
        self.assertEqual(pooled.split_run_verdicts(memory["run_verdicts"]), ["larger than claimed"] * 3)

    def test_pooled_runs_as_written(self):
        r = study().runs
        self.assertEqual(list(r.columns), ["pool"] + ir.POOLED_RUNS_COLUMNS)
        self.assertEqual(len(r), 18)
        self.assertEqual(r["ci_low"].dtype, float)
        first = study().claims.iloc[0]
        self.assertEqual(list(study().runs_of(first)["run"]), ["smoke1-out", "smoke2-out", "smoke3-out"])

    def test_the_two_runs_as_the_suite_wrote_them(self):
        # The real pooling of two smoke runs: no prediction interval from two runs.
        smoke = ir.read_pooled(FIXTURES / "pooled", pool="p")
        self.assertEqual(set(smoke.claims["pool"]), {"p"})
        two = ir.read_pooled(_two_run_folder(self))
        self.assertTrue(two.claims["prediction_low"].isna().all())

    def test_a_folder_without_pooled_claims_is_none(self):
        self.assertIsNone(ir.read_pooled(CLAIMS_ONLY))
        self.assertIsNone(ir.load_pooled({"r": CLAIMS_ONLY}))
        self.assertIsNone(ir.Analysis.load(str(CLAIMS_ONLY)).pooled)

    def test_without_pooled_runs(self):
        d = temp_dir(self)
        (d / ir.POOLED_CLAIMS_FILE).write_bytes((POOLED / ir.POOLED_CLAIMS_FILE).read_bytes())
        s = ir.read_pooled(d)
        self.assertEqual(len(s.claims), 6)
        self.assertTrue(s.runs.empty)
        self.assertEqual(len(ir.pooled_forest(s).fig.get_axes()), 5)  # the pooled rows alone


def _two_run_folder(test):
    """The smoke pooling's pooled-claims.csv as the suite wrote it (two runs), rows copied from it verbatim."""
    d = temp_dir(test)
    (d / ir.POOLED_CLAIMS_FILE).write_text(
        ",".join(ir.POOLED_CLAIMS_COLUMNS) + "\n"
        + 'conversion,java,upfront_vs_per_chunk,"converted up front vs in each chunk, whole load",% less time,true,'
          '5.00000,10.0000,2,18.1606,-317.207,83.9463,NaN,NaN,5.27474,4.95910,162.882,3.00000,log-%,false,'
          'inconclusive,35.3402 12.2490,inconclusive; inconclusive,0\n', encoding="utf-8")
    return d


class TheTable(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.display = ir.pooled_display(study())

    def test_columns_and_rows(self):
        self.assertEqual(list(self.display.columns), [
            "claim", "language", "comparison", "claimed", "runs", "pooled [95 % CI]", "prediction (95 %)", "I\u00b2",
            "tau", "runs: estimate (verdict)", "verdict"])
        self.assertEqual(len(self.display), 6)

    def test_cells(self):
        d = self.display
        copy = d.iloc[0]
        self.assertEqual(copy["claim"], "COPY *")
        self.assertEqual(copy["claimed"], "2\u20135x faster")
        self.assertEqual(copy["pooled [95 % CI]"], "3.21x [2.71, 3.81]")
        self.assertEqual(copy["prediction (95 %)"], "[2.10, 4.91]")
        self.assertEqual((copy["I\u00b2"], copy["tau"]), ("41\u00a0%", "6.20 log-%"))
        self.assertEqual(copy["runs: estimate (verdict)"], "3.02x (confirmed); 3.55x (confirmed); 3.10x (partly)")
        self.assertEqual(copy["verdict"], "partly \u2020")  # precision not met
        memory = d.iloc[3]
        self.assertEqual(memory["claimed"], "0\u201310 % of dataset more held")
        self.assertEqual(memory["pooled [95 % CI]"], "+75.4\u00a0% of dataset [+72.0, +78.8]")
        self.assertEqual(memory["tau"], "1.52 pp of dataset")
        self.assertTrue(memory["runs: estimate (verdict)"].startswith("+76.3\u00a0% (larger than claimed); "))
        rss = d.iloc[5]
        self.assertEqual((rss["claim"], rss["language"], rss["verdict"]), ("conversion", "Python", "partly"))
        two = ir.pooled_display(ir.read_pooled(_two_run_folder(self))).iloc[0]
        self.assertEqual(two["prediction (95 %)"], "-")

    def test_latex(self):
        out = temp_dir(self)
        ir.Analysis.load(str(POOLED), out=str(out)).export_tables()
        tex = (out / "tables/pooled_claims.tex").read_text(encoding="utf-8")
        for s in (r"\label{tab:pooled-claims}", r"I$^2$", r"+75.4~\% of dataset [+72.0, +78.8]", r"partly \dag{}",
                  r"\toprule", r"\bottomrule"):
            self.assertIn(s, tex)
        # a longtable, which breaks across pages: its rows follow the repeated header and the feet
        self.assertIn(r"\begin{longtable}", tex)
        self.assertEqual(tex.split(r"\endlastfoot", 1)[1].count(r"\\"), 6)  # one line per pooled comparison
        self.assertEqual(list(pd.read_csv(out / "tables/pooled_claims.csv")["verdict"]), list(self.display["verdict"]))


class TheForestPlot(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plot = ir.pooled_forest(study())
        cls.axes = cls.plot.fig.get_axes()

    def test_a_figure_per_language_holds_that_languages_panels_alone(self):
        titles = [ax.get_title(loc="left") for ax in self.axes]
        for draw, name in ((ir.pooled_forest_java, "Java"), (ir.pooled_forest_python, "Python")):
            plot = draw(study())
            own = [ax.get_title(loc="left") for ax in plot.fig.get_axes()]
            self.assertEqual(own, [t for t in titles if t.endswith(", " + name)])
            self.assertTrue(plot.fig.texts[0].get_text().endswith(", " + name) or
                            any(t.get_text().endswith(", " + name) for t in plot.fig.texts))

    def test_one_panel_per_primary_comparison_and_language(self):
        self.assertEqual([ax.get_title(loc="left") for ax in self.axes], [
            "COPY: text end to end, Java", "COPY: text end to end, Python", "conversion: upfront vs per chunk, Java",
            "conversion: upfront vs per chunk, Python", "conversion: retained memory, Java"])
        self.assertEqual(self.plot.missing, [])

    def test_a_row_per_run_and_the_pooled_one(self):
        for ax in self.axes:
            self.assertEqual([t.get_text() for t in ax.get_yticklabels()],
                             ["smoke1-out", "smoke2-out", "smoke3-out", "pooled (3 runs)"])

    def test_axes_in_the_unit(self):
        self.assertEqual([ax.get_xscale() for ax in self.axes], ["log", "log", "linear", "linear", "linear"])
        self.assertEqual(self.axes[0].get_xlabel(), "x faster (time ratio, log scale)")
        self.assertEqual(self.axes[4].get_xlabel(), "% of dataset more held (changed arm minus the original)")
        low, high = self.axes[4].get_xlim()
        self.assertLess(low, 0)  # the reference line (as much as the original holds) and the claimed range
        self.assertGreater(high, 78.8)  # the pooled interval's upper bound

    def test_huge_intervals_are_cut(self):
        # Java, % less time: runs down to -1,742; the axis ends at twice the farthest estimate (35.3) from 0.
        low, high = self.axes[2].get_xlim()
        self.assertGreater(low, -80)
        self.assertLess(high, 80)
        arrows = [l for l in self.axes[2].get_lines() if l.get_marker() in ("<", ">")]
        self.assertGreaterEqual(len(arrows), 3)

    def test_values_as_written_beside_each_row(self):
        texts = [t.get_text() for t in self.axes[4].texts]
        self.assertIn("+76.3\u00a0% of dataset [+71.1, +81.4]  larger than claimed", texts)
        self.assertTrue(any(t.startswith("+75.4\u00a0% of dataset [+72.0, +78.8]  larger than claimed \u2020\n"
                                         "prediction [+66.1, +84.7]; I\u00b2 49\u00a0%") for t in texts))

    def test_placeholder_without_pooled_claims(self):
        self.assertTrue(ir.pooled_forest(None).missing)


class TwoSidedCap(unittest.TestCase):
    def test_both_sides_end_at_reach(self):
        from insert_results.plotting import two_sided_errors
        known, left, right, cut_left, cut_right = two_sided_errors(
            [10, 5, 1], [-1742, 2, math.nan], [97, math.nan, math.nan], 0.0, 20.0)
        self.assertEqual(list(known), [True, True, False])
        self.assertEqual((left[0], right[0]), (-20.0, 20.0))
        self.assertEqual((left[1], right[1]), (2.0, 20.0))  # no upper bound: unbounded, cut at reach
        self.assertEqual(list(cut_left[:2]), [True, False])
        self.assertEqual(list(cut_right[:2]), [True, True])


class WhatAPooledFolderWrites(unittest.TestCase):
    def test_its_files_and_no_strategy_outputs(self):
        out = temp_dir(self)
        a = ir.Analysis.load(str(POOLED), out=str(out))
        self.assertEqual(a.scopes, {"pooled claims"})
        self.assertEqual(sorted(a.expected_files()), POOLED_FILES)
        with redirect_stdout(io.StringIO()) as said:
            a.show(ir.throughput_best)
            a.export_all()
        self.assertIn("no summary.csv", said.getvalue())
        written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        self.assertEqual(written, POOLED_FILES)
        self.assertEqual(a.check_outputs(), [])
        self.assertGreater((out / "figures/fig15_pooled_forest_java.png").stat().st_size, 20_000)
        self.assertEqual(list(a.coverage()["benchmark"]), ["claims pooled over runs"])
        methods = (out / "methods.md").read_text(encoding="utf-8")
        self.assertIn("pools the claims study over 3 runs", methods)
        self.assertIn("`pooled-claims.csv`", methods)
        self.assertNotIn("JMH", methods)
        env = a.environment.set_index("field")["value"]
        self.assertIn("20261202T044210Z-smoke", env["pooled run smoke3-out"])
        # the pooling code's own commit (manifest schema 2), so a committed pooled folder says it came from a clean tree
        self.assertEqual(env["pooled by commit"], "eeae51700000")
        self.assertIn("at commit `eeae51700000`", methods)
        self.assertNotIn("at commit `eeae51700000` with uncommitted changes", methods)

    def test_command_line_lists_its_files(self):
        import subprocess
        done = subprocess.run(["/usr/bin/python3", "-m", "insert_results", "expected-files", str(POOLED)],
                              capture_output=True, text=True, cwd=ir.REPO_ROOT / "notebooks")
        self.assertEqual(sorted(done.stdout.split()), POOLED_FILES)
        self.assertLessEqual(set(POOLED_FILES), set(ir.every_output_file()))

    @unittest.skipUnless(appendix.have_pdflatex(), "pdflatex is not installed")
    def test_appendix_compiles_without_overfull_lines(self):
        out = temp_dir(self)
        a = ir.Analysis.load(str(POOLED), out=str(out))
        with redirect_stdout(io.StringIO()):
            a.export_all()
        ir.compile_pdf(out)
        log = (out / "appendix.log").read_text(encoding="latin-1")
        self.assertNotIn("Missing character", log)
        overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
        self.assertFalse([x for x in overfull if x > 5], overfull)


if __name__ == "__main__":
    unittest.main()
