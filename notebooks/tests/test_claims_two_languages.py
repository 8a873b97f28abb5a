"""The claims study measured in two languages: the Java port and the Python port of the original loader.

Fixture `claims_two_languages` (written by hand for these tests): claims.csv with a language
column, four claims measured in both ports; virtual vs platform threads in Java only, peak RSS
(conversion, sync vs async) in Python only. claim-shots.csv with language, alloc_bytes_per_row
(NaN for Python) and peak_rss_growth_mb (NaN for Java). manifest.json with pythonLoader.
Files from before the Python port (fixture `claims_only`) are read as the Java port's.
"""
import io
import json
import math
import re
import unittest
from contextlib import redirect_stdout

import matplotlib.pyplot as plt
import pandas as pd

from support import CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, ir, temp_dir
from insert_results import tables, text

RUN = "fixture-claims-two-languages"
DAGGER = "\u2020"


def study():
    return ir.load_claim_study({RUN: CLAIMS_TWO_LANGUAGES})


class Reading(unittest.TestCase):
    def test_language_is_read(self):
        c = study().claims
        self.assertEqual(list(c.columns), ["run"] + ir.CLAIMS_COLUMNS)
        self.assertEqual(ir.CLAIMS_COLUMNS[:2], ["claim", "language"])
        self.assertEqual(c["language"].value_counts().to_dict(), {"java": 8, "python": 9})
        python = c[c["language"] == "python"].set_index(["claim", "row"])
        self.assertEqual(python.loc[("copy", "text_per_chunk"), "estimate"], 4.2)
        self.assertEqual(python.loc[("conversion", "peak_rss"), "unit"], "x memory")
        self.assertNotIn(("sync_vs_async", "virtual_vs_platform"), python.index)
        self.assertNotIn("peak_rss", set(c.loc[c["language"] == "java", "row"]))

    def test_shots_with_language_and_peak_rss(self):
        s = study().shots
        self.assertEqual(list(s.columns), ["run"] + ir.CLAIM_SHOTS_COLUMNS)
        self.assertLess(ir.CLAIM_SHOTS_COLUMNS.index("peak_rss_growth_mb"), ir.CLAIM_SHOTS_COLUMNS.index("dataset_mb"))
        self.assertEqual(s["language"].value_counts().to_dict(), {"java": 54, "python": 48})
        java, python = s[s["language"] == "java"], s[s["language"] == "python"]
        self.assertTrue(java["peak_rss_growth_mb"].isna().all())
        self.assertTrue(java["alloc_bytes_per_row"].notna().all())
        self.assertTrue(python["alloc_bytes_per_row"].isna().all())
        memory = python["claim"].isin(["conversion", "sync_vs_async"])
        self.assertTrue(python.loc[memory, "peak_rss_growth_mb"].notna().all())
        self.assertTrue(python.loc[~memory, "peak_rss_growth_mb"].isna().all())  # written NaN: not probed
        self.assertEqual(set(python.loc[python["claim"] == "sync_vs_async", "arm"]), {"sync", "after"})
        self.assertIn("after_virtual", set(java["arm"]))

    def test_files_from_before_the_python_port_are_java(self):
        old = ir.load_claim_study({"old": CLAIMS_ONLY})
        self.assertEqual(set(old.claims["language"]), {"java"})
        self.assertEqual(list(old.claims.columns), ["run"] + ir.CLAIMS_COLUMNS)
        self.assertEqual(set(old.shots["language"]), {"java"})
        self.assertEqual(list(old.shots.columns), ["run"] + ir.CLAIM_SHOTS_COLUMNS)
        self.assertTrue(old.shots["peak_rss_growth_mb"].isna().all())
        self.assertTrue(old.shots["alloc_bytes_per_row"].isna().all())  # claims_only predates it too
        self.assertEqual(old.shots["peak_rss_growth_mb"].dtype, float)

    def test_a_written_language_is_kept_as_written(self):
        d = temp_dir(self)
        lines = (CLAIMS_TWO_LANGUAGES / ir.CLAIMS_FILE).read_text(encoding="utf-8").splitlines()
        (d / ir.CLAIMS_FILE).write_text("\n".join(lines[:1] + [l for l in lines[1:] if ",python," in l]) + "\n",
                                        encoding="utf-8")
        self.assertEqual(set(ir.load_claim_study({"r": d}).claims["language"]), {"python"})

    def test_later_columns_elsewhere_still_read_as_empty(self):
        # The summary's later columns (no default given) are still empty text where missing.
        d = temp_dir(self)
        (d / "x.csv").write_text("a\n1\n", encoding="utf-8")
        from insert_results.load import read_contract_csv
        frame = read_contract_csv(d / "x.csv", ["a", "b", "c"], numbers=["c"], later=["b", "c"])
        self.assertEqual(frame.loc[0, "b"], "")
        self.assertTrue(math.isnan(frame.loc[0, "c"]))
        frame = read_contract_csv(d / "x.csv", ["a", "b"], later={"b": "java"})
        self.assertEqual(frame.loc[0, "b"], "java")


class TheTableSideBySide(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = study()
        cls.disp = ir.claim_study_display(cls.study.claims)
        cls.by_row = cls.disp.set_index(["claim", "row"])

    def test_one_row_per_comparison_languages_side_by_side(self):
        self.assertEqual(list(self.disp.columns), [
            "claim", "row", "claimed",
            "Java estimate [95 % CI]", "Java n", "Java verdict",
            "Python estimate [95 % CI]", "Python n", "Python verdict"])
        self.assertEqual(len(self.disp), 10)  # 17 claims.csv rows: 7 comparisons in both, 1 Java, 2 Python only

    def test_rows_keep_their_claim_together(self):
        # The Python-only peak RSS rows sit within their claims, after the rows both ports have.
        self.assertEqual(list(self.disp["row"]), [
            "text per chunk *", "text end to end", "pooled vs per chunk *", "upfront vs per chunk *",
            "retained memory", "peak RSS", "speed *", "retained memory *", "virtual vs platform", "peak RSS"])

    def test_cells(self):
        r = self.by_row.loc[("COPY", "text per chunk *")]
        self.assertEqual(r["claimed"], "2\u20135x faster")
        self.assertEqual((r["Java estimate [95 % CI]"], r["Java n"], r["Java verdict"]),
                         ("1.80x [1.76, 1.84]", "2 / 16", "smaller than claimed"))
        self.assertEqual((r["Python estimate [95 % CI]"], r["Python n"], r["Python verdict"]),
                         ("4.20x [3.90, 4.50]", "2 / 16", "confirmed"))
        self.assertEqual(self.by_row.loc[("COPY", "text end to end"), "Python verdict"], f"partly {DAGGER}")
        speed = self.by_row.loc[("sync vs async", "speed *")]
        self.assertEqual((speed["Java estimate [95 % CI]"], speed["Python estimate [95 % CI]"]),
                         ("53.4\u00a0% [51.7, 54.9]", "-3.2\u00a0% [-6.1, -0.4]"))
        self.assertEqual(speed["Python verdict"], "smaller than claimed")

    def test_a_dash_where_a_language_has_no_such_row(self):
        virtual = self.by_row.loc[("sync vs async", "virtual vs platform")]
        self.assertEqual(virtual["Java estimate [95 % CI]"], "-4.5\u00a0% [-8.0, -1.2]")
        self.assertEqual([virtual[f"Python {c}"] for c in ("estimate [95 % CI]", "n", "verdict")], ["-"] * 3)
        rss = self.by_row.loc[("conversion", "peak RSS")]
        self.assertEqual([rss[f"Java {c}"] for c in ("estimate [95 % CI]", "n", "verdict")], ["-"] * 3)
        self.assertEqual(rss["Python estimate [95 % CI]"], "1.90x [1.70, 2.10]")
        self.assertEqual(rss["claimed"], "at least 1x memory")

    def test_claimed_ranges_that_differ_between_the_ports_are_both_shown(self):
        c = self.study.claims.copy()
        c.loc[(c["language"] == "python") & (c["row"] == "text_per_chunk"), "claimed_high"] = 4.0
        disp = ir.claim_study_display(c).set_index("row")
        self.assertEqual(disp.loc["text per chunk *", "claimed"], "Java: 2\u20135x faster; Python: 2\u20134x faster")
        self.assertEqual(disp.loc["text end to end", "claimed"], "2\u20135x faster")

    def test_every_estimate_is_the_csv_s(self):
        c = self.study.claims
        for lang, name in (("java", "Java"), ("python", "Python")):
            shown = [v for v in self.disp[f"{name} estimate [95 % CI]"] if v != "-"]
            self.assertEqual(len(shown), int((c["language"] == lang).sum()))

    def test_latex_groups_the_languages(self):
        tex = tables.claims_latex(self.disp)
        self.assertIn(r"\multicolumn{3}{c}{Java} & \multicolumn{3}{c}{Python}", tex)
        self.assertIn(r"\cmidrule(lr){4-6}\cmidrule(lr){7-9}", tex)
        self.assertIn("the Java port and the Python port", tex)
        self.assertIn("- where a port has no such comparison", tex)
        self.assertEqual(tex.count(r"\\"), 2 + 10)
        self.assertIn(r"peak RSS & at least 1x memory & - & - & - & 1.90x [1.70, 2.10]", tex)
        widths = [float(w) for w in re.findall(r"p\{([\d.]+)\\linewidth\}", tex)]
        self.assertEqual(len(widths), 9)
        # Columns and their gaps fit the 483.7 pt line.
        self.assertLessEqual(sum(widths) * tables.LINE_PT + 9 * 2 * tables.CLAIMS_GAP_PT, tables.LINE_PT)

    def test_several_runs_get_a_run_column_and_still_fit(self):
        both = ir.load_claim_study({"a": CLAIMS_TWO_LANGUAGES, "b": CLAIMS_ONLY})
        disp = ir.claim_study_display(both.claims)
        self.assertEqual(disp.columns[0], "run")
        self.assertEqual(len(disp), 10 + 15)
        self.assertEqual(set(disp.loc[disp["run"] == "b", "Python verdict"]), {"-"})
        tex = tables.claims_latex(disp)
        widths = [float(w) for w in re.findall(r"p\{([\d.]+)\\linewidth\}", tex)]
        self.assertLessEqual(sum(widths) * tables.LINE_PT + 10 * 2 * tables.CLAIMS_GAP_PT, tables.LINE_PT)


def _markers(ax) -> list:
    """(marker, y) of every estimate drawn (lines with a marker and no line between points)."""
    return [(l.get_marker(), float(l.get_ydata()[0])) for l in ax.get_lines()
            if l.get_linestyle() in ("None", "none", "")
            and l.get_marker() not in ("None", "", None, "<", ">", "|", "_")]  # not the arrowheads, not the caps


class Fig8BothLanguages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = study()
        cls.fig = ir.claim_intervals(cls.study).fig

    @classmethod
    def tearDownClass(cls):
        plt.close(cls.fig)

    def test_one_slot_per_comparison(self):
        axes = self.fig.get_axes()
        self.assertEqual([len(ax.get_yticks()) for ax in axes], [2, 4, 4])  # x faster, % less time, x memory
        labels = [t.get_text() for t in axes[2].get_yticklabels()]
        self.assertEqual(labels, ["conversion: retained memory", "conversion: peak RSS",
                                  "sync vs async: retained memory *", "sync vs async: peak RSS"])

    def test_a_marker_per_language_offset_within_its_slot(self):
        axes = self.fig.get_axes()
        c = self.study.claims
        per_unit = {u: c[c["unit"] == u] for u in ("x faster", "% less time", "x memory")}
        for ax, rows in zip(axes, per_unit.values()):
            drawn = _markers(ax)
            self.assertEqual(sum(1 for m, _ in drawn if m == "o"), int((rows["language"] == "java").sum()))
            self.assertEqual(sum(1 for m, _ in drawn if m == "s"), int((rows["language"] == "python").sum()))
        # COPY text per chunk: Java above Python in the top slot, both off its centre.
        top = sorted((y, m) for m, y in _markers(axes[0]) if y > 0.5)
        self.assertEqual([m for _, m in top], ["s", "o"])
        self.assertAlmostEqual(top[1][0] - top[0][0], 0.36)
        self.assertAlmostEqual(sum(y for y, _ in top) / 2, 1.0)

    def test_the_estimates_are_the_csv_s(self):
        ax = self.fig.get_axes()[0]
        xs = sorted(float(l.get_xdata()[0]) for l in ax.get_lines()
                    if l.get_marker() in ("o", "s") and l.get_linestyle() in ("None", "none", ""))
        c = self.study.claims
        self.assertEqual(xs, sorted(c.loc[c["unit"] == "x faster", "estimate"]))

    def test_verdicts_name_their_language_and_the_legend_both(self):
        texts = [t.get_text() for ax in self.fig.get_axes() for t in ax.texts]
        self.assertIn("Java: smaller than claimed  (2/16)", texts)
        self.assertIn(f"Python: partly {DAGGER}  (2/16)", texts)
        self.assertEqual(sum(t.startswith("Python: ") for t in texts), 9)
        self.assertEqual(sum(t.startswith("Java: ") for t in texts), 8)
        legend = [t.get_text() for t in self.fig.legends[0].get_texts()]
        self.assertEqual(legend[:2], ["Java", "Python"])

    def test_one_language_is_drawn_as_before(self):
        fig = ir.claim_intervals(ir.load_claim_study({"old": CLAIMS_ONLY})).fig
        self.addCleanup(plt.close, fig)
        texts = [t.get_text() for ax in fig.get_axes() for t in ax.texts]
        self.assertFalse([t for t in texts if t.startswith("Java")])
        self.assertNotIn("Java", [t.get_text() for t in fig.legends[0].get_texts()])
        ys = [y for ax in fig.get_axes() for _, y in _markers(ax)]
        self.assertTrue(all(float(y).is_integer() for y in ys))  # at the slot's centre


class Fig9BothLanguages(unittest.TestCase):
    def test_a_column_per_language_with_one_colour_per_arm(self):
        plot = ir.claim_shots(study())
        self.addCleanup(plt.close, plot.fig)
        axes = plot.fig.get_axes()
        titles = [ax.get_title(loc="left") for ax in axes]
        self.assertEqual(titles, [f"{c}, {l}" for c in ("COPY", "pool", "conversion", "sync vs async")
                                  for l in ("Java", "Python")])

        def colours(ax):
            return {l.get_label(): l.get_color() for l in ax.get_lines() if not l.get_label().startswith("_")}
        java, python = colours(axes[6]), colours(axes[7])  # sync vs async
        self.assertEqual(set(java), {"sync", "after", "after_virtual"})
        self.assertEqual(set(python), {"sync", "after"})
        self.assertEqual(java["after"], python["after"])
        self.assertEqual(java["sync"], python["sync"])
        # One arm legend per claim, right of the last column, naming every arm of either language.
        self.assertIsNone(axes[6].get_legend())
        self.assertEqual(sorted(t.get_text() for t in axes[7].get_legend().get_texts()),
                         ["after", "after_virtual", "sync"])
        # Every shot drawn once: Python sync vs async has 12.
        self.assertEqual(sum(len(l.get_xdata()) for l in axes[7].get_lines() if l.get_marker() not in ("None", "")
                             and l.get_linestyle() != ":"), 12)

    def test_a_language_without_shots_of_a_claim_says_so(self):
        s = study()
        shots = s.shots[~((s.shots["language"] == "python") & (s.shots["claim"] == "pool"))]
        plot = ir.claim_shots(ir.ClaimStudy(s.claims, shots))
        self.addCleanup(plt.close, plot.fig)
        pool_python = plot.fig.get_axes()[3]
        self.assertEqual(pool_python.get_title(loc="left"), "pool, Python")
        self.assertIn("no Python shots of this claim", pool_python.texts[0].get_text())


class MethodsAndEnvironment(unittest.TestCase):
    def manifest(self):
        return json.loads((CLAIMS_TWO_LANGUAGES / ir.MANIFEST_FILE).read_text(encoding="utf-8"))

    def test_methods_name_the_python_versions(self):
        md = ir.methods_text({RUN: self.manifest()}, [], study=study())
        self.assertIn("Python port of the original loader", md)
        self.assertIn("(Python 3.11.2, psycopg 3.1.7, psycopg_pool 3.1.7, pydantic 1.10.4, libpq 15.x)", md)
        self.assertIn("Python has no virtual threads", md)
        self.assertIn("tracemalloc", md)
        self.assertIn("peak RSS", md)
        tex = ir.methods_text({RUN: self.manifest()}, [], latex_output=True, study=study())
        self.assertIn(r"psycopg\_pool 3.1.7", tex)

    def test_environment_names_the_python_versions(self):
        env = ir.environment_table({RUN: self.manifest()}).set_index("field")["value"]
        self.assertEqual(env["Python loader"],
                         "Python 3.11.2, psycopg 3.1.7, psycopg_pool 3.1.7, pydantic 1.10.4, libpq 15.x")

    def test_a_skipped_python_port_gives_its_reason(self):
        m = self.manifest()
        m["pythonLoader"] = {"skipped": "no python3 with psycopg on this machine"}
        java_only = study()
        java_only = ir.ClaimStudy(java_only.claims[java_only.claims["language"] == "java"], java_only.shots)
        md = ir.methods_text({RUN: m}, [], study=java_only)
        self.assertIn("The Python port of the original loader did not run: no python3 with psycopg on this "
                      "machine.", md)
        self.assertNotIn("tracemalloc", md)
        self.assertEqual(text.python_loader_text(m), "not run: no python3 with psycopg on this machine")

    def test_the_rows_each_port_loaded_are_named_where_they_differ(self):
        two = study()
        self.assertIn("with the same rows", ir.methods_text({RUN: self.manifest()}, [], study=two))
        shots = two.shots.copy()
        shots.loc[shots["language"] == "python", "rows"] = 40000
        shots.loc[shots["language"] == "java", "rows"] = 100000
        md = ir.methods_text({RUN: self.manifest()}, [], study=ir.ClaimStudy(two.claims, shots))
        self.assertIn("on the first 40,000 of the same 100,000 rows", md)

    def test_a_run_from_before_the_python_port_says_nothing_of_it(self):
        m = self.manifest()
        del m["pythonLoader"]
        old = ir.load_claim_study({RUN: CLAIMS_ONLY})
        md = ir.methods_text({RUN: m}, [], study=old)
        self.assertNotIn("Python port", md)
        self.assertNotIn("Python loader", dict(text.environment_rows(m)))


class WhatTheRunWrites(unittest.TestCase):
    def test_export(self):
        out = temp_dir(self)
        a = ir.Analysis.load(str(CLAIMS_TWO_LANGUAGES), out=str(out))
        with redirect_stdout(io.StringIO()):
            a.export_all()
        self.assertEqual(a.check_outputs(), [])
        table = pd.read_csv(out / "tables/claims.csv", keep_default_na=False)
        self.assertEqual(list(table.columns), list(ir.claim_study_display(a.study.claims).columns))
        self.assertEqual(table.loc[table["row"] == "virtual vs platform", "Python verdict"].item(), "-")
        self.assertIn("Python 3.11.2", (out / "methods.tex").read_text(encoding="utf-8"))
        for f in ("figures/fig8_claims_intervals.png", "figures/fig9_claim_shots.png"):
            self.assertGreater((out / f).stat().st_size, 20_000, f)


if __name__ == "__main__":
    unittest.main()
