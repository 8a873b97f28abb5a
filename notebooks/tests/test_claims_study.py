"""Tests of the claims study's outputs in notebooks/insert_results.py.

Run: /usr/bin/python3 -m unittest discover -s notebooks/tests -v

Fixture `claims_only` is a `claims` profile run: jmh-result.json holds only
ClaimBenchmark.load entries (mixes of arms, with the `arm` and
`retainedHeapBytes` counters), claims.csv has 15 rows covering every verdict
and claimed ranges open on either side or on both, and claim-shots.csv has
two rounds per claim (adaptive ran round 2 at rows = 2000).
"""
import io
import json
import math
import shutil
import sys
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import pandas as pd  # noqa: E402

import insert_results as ir  # noqa: E402

FIXTURES = HERE / "fixtures"
BASIC = FIXTURES / "basic"
CLAIMS_ONLY = FIXTURES / "claims_only"
RUN = "fixture-claims"

CLAIMS_ONLY_FILES = sorted(
    [f"figures/{n}.{ext}" for n in ("fig8_claims_intervals", "fig9_claim_shots") for ext in ("pdf", "png")]
    + [f"tables/{n}.{ext}" for n in ("claims", "environment") for ext in ("tex", "csv")]
    + ["methods.md", "methods.tex"])


def temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="claims-test-"))


def mixed_folder() -> Path:
    """The basic fixture's strategies plus the claims study in one run."""
    d = temp_dir()
    entries = ir.read_json(BASIC / "jmh-result.json") + ir.read_json(CLAIMS_ONLY / "jmh-result.json")
    (d / "jmh-result.json").write_text(json.dumps(entries), encoding="utf-8")
    shutil.copy(BASIC / "manifest.json", d)
    for f in (ir.CLAIMS_FILE, ir.CLAIM_SHOTS_FILE):
        shutil.copy(CLAIMS_ONLY / f, d)
    return d


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
        self.assertIsNone(ir.load_claim_study({"fixture-basic": BASIC}))
        self.assertIsNone(ir.Analysis.load(str(BASIC)).study)

    def test_claims_csv_without_shots(self):
        d = temp_dir()
        try:
            shutil.copy(CLAIMS_ONLY / ir.CLAIMS_FILE, d)
            study = ir.load_claim_study({"r": d})
            self.assertEqual(len(study.claims), 15)
            self.assertTrue(study.shots.empty)
            self.assertEqual(study.rounds("r"), 0)
        finally:
            shutil.rmtree(d)

    def test_missing_column_is_a_clear_error(self):
        d = temp_dir()
        try:
            (d / ir.CLAIMS_FILE).write_text("claim,row\ncopy,x\n", encoding="utf-8")
            with self.assertRaisesRegex(ValueError, "missing column.*verdict"):
                ir.load_claim_study({"r": d})
        finally:
            shutil.rmtree(d)


class ClaimBenchmarkEntries(unittest.TestCase):
    """The JMH entries of the claims study are mixes of arms: never a strategy."""

    def test_loaded_with_their_extra_counters(self):
        entries, _, _ = ir.load_entries(str(CLAIMS_ONLY))
        self.assertEqual(len(entries), 3)
        self.assertTrue(ir.is_claim_mix(entries).all())
        self.assertIn("sec:arm", entries.columns)
        self.assertIn("sec:retainedHeapBytes", entries.columns)
        self.assertEqual(set(entries["claim"]), {"COPY", "SYNC_VS_ASYNC"})

    def test_claims_only_run_has_no_strategy(self):
        df, _, _ = ir.load_results(str(CLAIMS_ONLY))
        self.assertTrue(df.empty)
        self.assertNotIn("claim", df.columns)
        self.assertNotIn("round", df.columns)
        self.assertTrue(ir.best_per_strategy(df).empty)
        self.assertTrue(ir.best_table(df).empty)

    def test_left_out_of_every_strategy_table(self):
        d = mixed_folder()
        try:
            mixed, manifests, _ = ir.load_results(str(d))
            basic, _, _ = ir.load_results(str(BASIC))
            self.assertNotIn(ir.CLAIM_MIX, set(mixed["bench"]))
            self.assertEqual(len(mixed), len(basic))
            self.assertNotIn("claim", ir.param_columns(mixed))
            pd.testing.assert_series_equal(ir.best_table(mixed, manifests)["score"],
                                           ir.best_table(basic, manifests)["score"])
            out = temp_dir()
            try:
                a = ir.Analysis.load(str(d), out=str(out))
                a.export_tables()
                every = pd.read_csv(out / ir.ALL_CONFIGURATIONS_FILE)
                self.assertNotIn(ir.CLAIM_MIX, set(every["bench"]))
                best = pd.read_csv(out / "tables/best_configuration.csv")
                self.assertNotIn(ir.CLAIM_MIX, set(best["bench"]))
            finally:
                shutil.rmtree(out)
        finally:
            shutil.rmtree(d)

    def test_coverage_names_them_as_mixes(self):
        cov = ir.Analysis.load(str(CLAIMS_ONLY)).coverage().set_index("benchmark")
        self.assertEqual(cov.loc[ir.CLAIM_MIX, "configurations"], 3)
        self.assertIn("never a strategy", cov.loc[ir.CLAIM_MIX, "note"])
        self.assertIn("missing", cov.loc[ir.SYNC, "note"])


class TheTable(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.load_claim_study({RUN: CLAIMS_ONLY})
        cls.disp = ir.claim_study_display(cls.study.claims)

    def test_one_row_per_claims_csv_row_with_its_verdict(self):
        self.assertEqual(len(self.disp), len(self.study.claims))
        self.assertEqual(list(self.disp["verdict"]), list(self.study.claims["verdict"]))
        self.assertEqual(list(self.disp.columns), ["claim", "row", "claimed", "estimate [95 % CI]",
                                                   "n (forks / pairs)", "half-width / target", "verdict"])

    def test_cells(self):
        d = self.disp.set_index(self.study.claims["row"])
        self.assertEqual(d.loc["text_end_to_end", "row"], "text end to end *")  # primary
        self.assertEqual(d.loc["text_per_chunk", "row"], "text per chunk")
        self.assertEqual(d.loc["text_per_chunk", "claimed"], "2\u20135x faster")
        self.assertEqual(d.loc["text_per_chunk", "estimate [95 % CI]"], "3.10x [2.80, 3.40]")
        self.assertEqual(d.loc["upfront_vs_per_chunk", "estimate [95 % CI]"], "1.3 % [-0.8, 3.4]")
        self.assertEqual(d.loc["speed", "claimed"], "at least 1.5x faster")
        self.assertEqual(d.loc["retained_memory", "claimed"], "at most 0.5x memory")
        self.assertEqual(d.loc["no_fire_at_5000", "claimed"], "no claimed range")
        self.assertEqual(d.loc["binary_end_to_end", "n (forks / pairs)"], "1 / 8")
        self.assertEqual(d.loc["pooled_vs_per_chunk", "half-width / target"], "2.7 / 3 pp, met")
        self.assertEqual(d.loc["csv_end_to_end", "half-width / target"], "7.9 / 5 % of ratio, not met")

    def test_latex_is_booktabs_and_escaped(self):
        out = temp_dir()
        try:
            ir.Analysis.load(str(CLAIMS_ONLY), out=str(out)).export_tables()
            tex = (out / "tables/claims.tex").read_text(encoding="utf-8")
            for s in (r"\toprule", r"\midrule", r"\bottomrule", r"\label{tab:claims}", r"estimate [95 \% CI]",
                      r"10--20 \% less time", r"smaller than claimed", r"4.8 /\allowbreak{} 5 \% of ratio, met",
                      r"\raggedright\arraybackslash}p{0.17\linewidth}"):
                self.assertIn(s, tex)
            self.assertEqual(tex.count(r"\\"), 1 + 15)  # header and one line per claims.csv row
            self.assertNotIn(" % ", tex.replace(r"\%", ""))  # no unescaped percent sign
            table = pd.read_csv(out / "tables/claims.csv")
            self.assertEqual(list(table["verdict"]), list(self.study.claims["verdict"]))
        finally:
            shutil.rmtree(out)


class TheFigures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.load_claim_study({RUN: CLAIMS_ONLY})

    def test_intervals_one_panel_per_unit(self):
        plot = ir.plot_claim_intervals(self.study)
        self.assertEqual(plot.name, "fig8_claims_intervals")
        axes = plot.fig.get_axes()
        self.assertEqual([len(ax.get_yticks()) for ax in axes], [8, 6, 1])  # x faster, % less time, x memory
        self.assertEqual([ax.get_xscale() for ax in axes], ["log", "linear", "log"])
        labels = [t.get_text() for t in axes[0].get_yticklabels()]
        self.assertIn("COPY: text end to end *", labels)
        verdicts = [t.get_text() for ax in axes for t in ax.texts]
        self.assertIn("inconclusive \u2020  (1/8)", verdicts)

    def test_shots_one_facet_per_claim_and_size(self):
        plot = ir.plot_claim_shots(self.study)
        self.assertEqual(plot.name, "fig9_claim_shots")
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
        axes = ir.plot_claim_intervals(ir.ClaimStudy(odd, self.study.shots)).fig.get_axes()
        # A ratio with a bound at or below 0 cannot be log-scaled; an unknown unit gets its own panel.
        self.assertEqual([ax.get_xlabel() for ax in axes], ["x faster (time ratio)", "x slower"])
        self.assertEqual(ir.claim_study_display(odd)["estimate [95 % CI]"].iloc[0], "not measured")

    def test_placeholders_without_data(self):
        self.assertTrue(ir.plot_claim_intervals(None).missing)
        no_shots = ir.ClaimStudy(self.study.claims, self.study.shots.iloc[0:0])
        self.assertIn("claim-shots.csv", ir.plot_claim_shots(no_shots).missing[0])


class WhatARunWrites(unittest.TestCase):
    def export(self, folder):
        out = temp_dir()
        a = ir.Analysis.load(str(folder), out=str(out))
        with redirect_stdout(io.StringIO()):
            a.export_all()
        self.addCleanup(shutil.rmtree, out)
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
        self.assertNotIn("99.9", methods)  # no strategy was measured
        self.assertIn(r"\texttt{claims.csv}", (out / "methods.tex").read_text(encoding="utf-8"))

    def test_strategy_figures_are_skipped_not_drawn(self):
        a = ir.Analysis.load(str(CLAIMS_ONLY), out=str(temp_dir()))
        self.addCleanup(shutil.rmtree, a.out_dir)
        printed = io.StringIO()
        with redirect_stdout(printed):
            a.show(ir.plot_throughput_best)
        self.assertIn("fig1_throughput_best] not written: this run holds only the claims study", printed.getvalue())
        self.assertFalse((a.out_dir / "figures").exists())
        self.assertTrue(ir.best_table_display(a.best).empty)

    def test_claims_csv_replaces_the_original_claims_logic(self):
        d = mixed_folder()
        self.addCleanup(shutil.rmtree, d)
        with mock.patch.object(ir, "claims_table", side_effect=AssertionError("verdicts computed in Python")), \
                mock.patch.object(ir, "verdict", side_effect=AssertionError("verdicts computed in Python")):
            a, out, written = self.export(d)
            self.assertIs(a.claims, a.study.claims)
            self.assertEqual(list(a.claims_display()["verdict"]), list(a.study.claims["verdict"]))
        self.assertEqual(written, sorted(a.expected_files()))
        stems = {Path(f).stem for f in written if f.startswith("figures/")}
        self.assertIn("fig1_throughput_best", stems)
        self.assertIn("fig8_claims_intervals", stems)
        self.assertIn("fig9_claim_shots", stems)
        self.assertNotIn("fig7_claims_vs_measured", stems)
        self.assertIn("replaced by fig8_claims_intervals", a.skip_reason(ir.plot_claims))
        self.assertEqual(len(pd.read_csv(out / "tables/claims.csv")), 15)
        self.assertIn("tables/best_configuration.csv", written)
        self.assertIn(ir.ALL_CONFIGURATIONS_FILE, written)

    def test_claim_entries_without_claims_csv_keep_todays_outputs(self):
        d = temp_dir()
        self.addCleanup(shutil.rmtree, d)
        shutil.copy(CLAIMS_ONLY / "jmh-result.json", d)
        a, _, written = self.export(d)
        self.assertIsNone(a.study)
        self.assertIn("figures/fig7_claims_vs_measured.png", written)
        self.assertNotIn("figures/fig8_claims_intervals.png", written)
        self.assertEqual(written, sorted(a.expected_files()))


if __name__ == "__main__":
    unittest.main()
