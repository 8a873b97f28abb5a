"""Tests of the claims study's outputs: claims.csv and claim-shots.csv as written.

Fixture `claims_only` is a `claims` profile run: a header-only summary.csv,
claims.csv with 15 rows covering every verdict and claimed ranges open on
either side or on both, and claim-shots.csv with two rounds per claim
(adaptive ran round 2 at rows = 2000).
"""
import io
import math
import shutil
import unittest
from contextlib import redirect_stdout
from pathlib import Path

import pandas as pd

from support import CLAIMS_ONLY, HANDWRITTEN, folder_with, ir, temp_dir

RUN = "fixture-claims"

CLAIMS_ONLY_FILES = sorted(
    [f"figures/{n}.{ext}" for n in ("fig8_claims_intervals", "fig9_claim_shots") for ext in ("pdf", "png")]
    + [f"tables/{n}.{ext}" for n in ("claims", "environment") for ext in ("tex", "csv")]
    + ["methods.md", "methods.tex", "appendix.tex"])


class LoadingTheStudy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.load_claim_study({RUN: CLAIMS_ONLY})

    def test_claims_csv_as_written(self):
        c = self.study.claims
        self.assertEqual(len(c), 15)
        self.assertEqual(list(c.columns), ["run"] + ir.CLAIMS_COLUMNS)
        self.assertEqual(set(c["run"]), {RUN})
        self.assertEqual(set(c["verdict"]), set(ir.VERDICTS))
        self.assertEqual(c["primary"].dtype, bool)
        self.assertEqual(int(c["primary"].sum()), 6)  # one per claim
        row = c[c["row"] == "pooled_vs_per_chunk"].iloc[0]
        self.assertEqual(row["statement"], "Pool & reuse connections: 10-20 % less time")
        self.assertEqual((row["claimed_low"], row["claimed_high"], row["estimate"]), (10.0, 20.0, 14.2))
        self.assertTrue(row["precision_met"])
        self.assertEqual(c[c["row"] == "upfront_vs_per_chunk"].iloc[0]["statement"],
                         "Convert once, not per chunk: 5-10 % less time")

    def test_empty_bounds_are_unbounded(self):
        c = self.study.claims.set_index("row")
        self.assertTrue(math.isnan(c.loc["speed", "claimed_high"]))
        self.assertEqual(c.loc["speed", "claimed_low"], 1.5)
        self.assertTrue(math.isnan(c.loc["retained_memory", "claimed_low"]))
        self.assertTrue(math.isnan(c.loc["no_fire_at_5000", "claimed_low"]))
        self.assertTrue(math.isnan(c.loc["no_fire_at_5000", "claimed_high"]))

    def test_claim_shots(self):
        s = self.study.shots
        self.assertEqual(len(s), 90)
        self.assertEqual(list(s.columns), ["run"] + ir.CLAIM_SHOTS_COLUMNS)
        self.assertTrue(s.loc[s["claim"] == "copy", "retained_heap_mb"].isna().all())
        self.assertTrue(s.loc[s["claim"] == "sync_vs_async", "retained_heap_mb"].notna().all())
        self.assertEqual(self.study.rounds(RUN), 2)

    def test_no_claims_csv_means_no_study(self):
        self.assertIsNone(ir.load_claim_study({"fixture-handwritten": HANDWRITTEN}))
        self.assertIsNone(ir.Analysis.load(str(HANDWRITTEN)).study)

    def test_claims_csv_without_shots(self):
        d = temp_dir(self)
        shutil.copy(CLAIMS_ONLY / ir.CLAIMS_FILE, d)
        study = ir.load_claim_study({"r": d})
        self.assertEqual(len(study.claims), 15)
        self.assertTrue(study.shots.empty)
        self.assertEqual(study.rounds("r"), 0)

    def test_missing_column_is_a_clear_error(self):
        d = temp_dir(self)
        (d / ir.CLAIMS_FILE).write_text("claim,row\ncopy,x\n", encoding="utf-8")
        with self.assertRaisesRegex(ValueError, "missing column.*verdict"):
            ir.load_claim_study({"r": d})


class TheTable(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.load_claim_study({RUN: CLAIMS_ONLY})
        cls.disp = ir.claim_study_display(cls.study.claims)

    def test_one_row_per_claims_csv_row_with_its_verdict(self):
        # A file from before the Python port: one language, Java, and its columns only.
        self.assertEqual(len(self.disp), len(self.study.claims))
        self.assertEqual(list(self.disp["Java verdict"]),
                         [v + ("" if met else " \u2020") for v, met in
                          zip(self.study.claims["verdict"], self.study.claims["precision_met"])])
        self.assertEqual(list(self.disp.columns), ["claim", "row", "claimed", "Java estimate [95 % CI]", "Java n",
                                                   "Java verdict"])

    def test_cells(self):
        d = self.disp.set_index(self.study.claims["row"])
        self.assertEqual(d.loc["text_end_to_end", "row"], "text end to end *")  # primary
        self.assertEqual(d.loc["text_per_chunk", "row"], "text per chunk")
        self.assertEqual(d.loc["text_per_chunk", "claimed"], "2\u20135x faster")
        self.assertEqual(d.loc["text_per_chunk", "Java estimate [95 % CI]"], "3.10x [2.80, 3.40]")
        self.assertEqual(d.loc["upfront_vs_per_chunk", "Java estimate [95 % CI]"], "1.3\u00a0% [-0.8, 3.4]")
        self.assertEqual(d.loc["speed", "claimed"], "at least 1.5x faster")
        self.assertEqual(d.loc["retained_memory", "claimed"], "at most 0.5x memory")
        self.assertEqual(d.loc["no_fire_at_5000", "claimed"], "no claimed range")
        self.assertEqual(d.loc["binary_end_to_end", "Java n"], "1 / 8")
        self.assertEqual(d.loc["pooled_vs_per_chunk", "Java verdict"], "confirmed")  # precision met
        self.assertEqual(d.loc["csv_end_to_end", "Java verdict"], "partly \u2020")  # not met

    def test_latex_is_booktabs_and_escaped(self):
        out = temp_dir(self)
        ir.Analysis.load(str(CLAIMS_ONLY), out=str(out)).export_tables()
        tex = (out / "tables/claims.tex").read_text(encoding="utf-8")
        for s in (r"\toprule", r"\midrule", r"\bottomrule", r"\label{tab:claims}", r"estimate [95 \% CI]",
                  r"10--20 \% less time", r"smaller than claimed", r"partly \dag{}", r"5 /\allowbreak{} 40",
                  r"\multicolumn{3}{c}{Java}", r"\cmidrule(lr){4-6}",
                  r"\raggedright\arraybackslash}p{0.12\linewidth}", r"\setlength{\tabcolsep}{3pt}",
                  r"1.3~\% [-0.8, 3.4]"):
            self.assertIn(s, tex)
        self.assertNotIn("Python", tex)  # no Python port in a file from before it
        self.assertEqual(tex.count(r"\\"), 2 + 15)  # two header lines and one line per claims.csv row
        self.assertNotIn(" % ", tex.replace(r"\%", ""))  # no unescaped percent sign
        table = pd.read_csv(out / "tables/claims.csv")
        self.assertEqual(list(table["Java verdict"]), list(self.disp["Java verdict"]))


class TheFigures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.load_claim_study({RUN: CLAIMS_ONLY})

    def test_intervals_one_panel_per_unit(self):
        axes = ir.claim_intervals(self.study).fig.get_axes()
        self.assertEqual([len(ax.get_yticks()) for ax in axes], [8, 6, 1])  # x faster, % less time, x memory
        self.assertEqual([ax.get_xscale() for ax in axes], ["log", "linear", "log"])
        labels = [t.get_text() for t in axes[0].get_yticklabels()]
        self.assertIn("COPY: text end to end *", labels)
        verdicts = [t.get_text() for ax in axes for t in ax.texts]
        self.assertIn("inconclusive \u2020  (1/8)", verdicts)

    def test_shots_one_facet_per_claim_and_size(self):
        plot = ir.claim_shots(self.study)
        titles = [ax.get_title(loc="left") for ax in plot.fig.get_axes()]
        self.assertEqual(titles, ["COPY", "pool", "conversion", "adaptive chunking, rows = 1,000",
                                  "adaptive chunking, rows = 2,000", "end to end", "sync vs async"])
        copy = plot.fig.get_axes()[0]
        self.assertEqual(len(copy.get_xticks()), 2)  # one tick per round
        self.assertEqual(sorted(t.get_text() for t in copy.get_legend().get_texts()),
                         ["copy_binary", "copy_csv", "copy_text", "executemany"])

    def test_odd_rows_do_not_break_it(self):
        odd = pd.DataFrame([
            {**self.study.claims.iloc[0].to_dict(), "row": "unmeasured", "unit": "x slower", "estimate": math.nan,
             "ci_low": math.nan, "ci_high": math.nan, "claimed_low": math.nan, "claimed_high": math.nan},
            {**self.study.claims.iloc[0].to_dict(), "row": "negative_bound", "ci_low": -0.1},
        ])
        axes = ir.claim_intervals(ir.ClaimStudy(odd, self.study.shots)).fig.get_axes()
        # A ratio with a bound at or below 0 cannot be log-scaled; an unknown unit gets its own panel.
        self.assertEqual([ax.get_xlabel() for ax in axes], ["x faster (time ratio)", "x slower"])
        self.assertEqual(ir.claim_study_display(odd)["Java estimate [95 % CI]"].iloc[0], "not measured")

    def test_placeholders_without_data(self):
        self.assertTrue(ir.claim_intervals(None).missing)
        no_shots = ir.ClaimStudy(self.study.claims, self.study.shots.iloc[0:0])
        self.assertIn("claim-shots.csv", ir.claim_shots(no_shots).missing[0])


class WhatARunWrites(unittest.TestCase):
    def export(self, folder):
        out = temp_dir(self)
        a = ir.Analysis.load(str(folder), out=str(out))
        with redirect_stdout(io.StringIO()):
            a.export_all()
        written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        return a, out, written

    def test_claims_only_run(self):
        a, out, written = self.export(CLAIMS_ONLY)
        self.assertEqual(sorted(a.expected_files()), CLAIMS_ONLY_FILES)
        self.assertEqual(sorted(ir.expected_files(str(CLAIMS_ONLY))), CLAIMS_ONLY_FILES)
        self.assertEqual(written, CLAIMS_ONLY_FILES)
        self.assertEqual(a.check_outputs(), [])
        for f in ("figures/fig8_claims_intervals.png", "figures/fig9_claim_shots.png"):
            self.assertGreater((out / f).stat().st_size, 20_000, f)
        methods = (out / "methods.md").read_text(encoding="utf-8")
        self.assertIn("`ClaimBenchmark`", methods)
        self.assertIn("over 2 rounds", methods)
        self.assertNotIn("summary.csv", methods)  # no strategy was measured
        self.assertIn(r"\texttt{claims.csv}", (out / "methods.tex").read_text(encoding="utf-8"))

    def test_strategy_figures_are_skipped_not_drawn(self):
        a = ir.Analysis.load(str(CLAIMS_ONLY), out=str(temp_dir(self)))
        printed = io.StringIO()
        with redirect_stdout(printed):
            a.show(ir.throughput_best)
        self.assertIn("fig1_throughput_best] not written: this run holds only the claims study", printed.getvalue())
        self.assertFalse((a.out_dir / "figures").exists())
        self.assertTrue(a.best_display().empty)

    def test_strategies_and_claims_in_one_run(self):
        a, out, written = self.export(folder_with(self, claims=True))
        self.assertEqual(written, sorted(a.expected_files()))
        stems = {Path(f).stem for f in written if f.startswith("figures/")}
        self.assertTrue({"fig1_throughput_best", "fig8_claims_intervals", "fig9_claim_shots"} <= stems)
        self.assertEqual(list(pd.read_csv(out / "tables/claims.csv")["Java verdict"].str.rstrip(" \u2020")),
                         list(a.study.claims["verdict"]))
        self.assertIn("tables/best_configuration.csv", written)

    def test_a_run_without_claims_csv_gets_no_claims_outputs(self):
        a, _, written = self.export(HANDWRITTEN)
        self.assertIsNone(a.study)
        self.assertFalse([f for f in written if "claim" in f])
        self.assertIn("no claims.csv", a.claims_display()["note"].iloc[0])


if __name__ == "__main__":
    unittest.main()
