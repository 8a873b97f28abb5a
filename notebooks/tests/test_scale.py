"""The scale study (the scale profile): scale.csv and scale-fits.csv read as written, the two figures (time per
row and memory held against the load's size) with the suite's fits drawn as they are, the memory limits from
the manifest, the tables, and that a run without scale.csv gets none of it.

Fixture `scale`: a real run of `./run-bench.sh scale --rows 100000` (the sizes capped at 100,000: 10,000 rows
in three forks, 100,000 in six; the sync baseline, before, after and pooled COPY in Java, before and after in
Python): its scale.csv, scale-fits.csv, summary.csv and manifest.json as the suite wrote them.
"""
import json
import re
import shutil
import unittest
from pathlib import Path

import numpy as np
import pandas as pd

from support import (BASIC, CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, FIXTURES, HANDWRITTEN, INTERLEAVED, export, ir, one,
                     temp_dir)
from insert_results import appendix, outputs, scale, schema, strategies

SCALE = FIXTURES / "scale"
NETWORK = FIXTURES / "network"
NEW_FILES = (outputs.figure_files("fig17_scale_time") + outputs.figure_files("fig18_scale_memory")
             + outputs.table_files("scale") + outputs.table_files("scale_fits"))
XMX8G_MB = 8 * 2 ** 30 / 1e6


def csv(file, folder=SCALE):
    return pd.read_csv(folder / file)


def copy_of(test, folder=SCALE) -> Path:
    d = temp_dir(test) / "run"
    shutil.copytree(folder, d)
    return d


def without_room(test) -> Path:
    """A copy of the fixture whose scale-fits.csv is as older runs wrote it: no room_mb, no rows_at_limit."""
    d = copy_of(test)
    fits = pd.read_csv(d / ir.SCALE_FITS_FILE, dtype=str, keep_default_na=False)
    fits.drop(columns=["room_mb", "rows_at_limit"]).to_csv(d / ir.SCALE_FITS_FILE, index=False)
    return d


def panels(plot):
    return [ax for ax in plot.fig.get_axes() if ax.get_visible() and ax.axison]


def drawn(ax, gid):
    return [line for line in ax.lines if line.get_gid() == gid]


def fitted_lines(ax):
    return drawn(ax, scale.FIT_GID)


def marked(ax):
    """The values of every marker drawn (a size's value), sorted."""
    return sorted(y for line in drawn(ax, scale.POINT_GID) for y in line.get_ydata())


class Reading(unittest.TestCase):
    def test_the_files_as_written(self):
        study = ir.Analysis.load(str(SCALE)).scale
        self.assertEqual(list(study.points.columns), ["run"] + scale.POINT_COLUMNS)
        self.assertEqual(list(study.fits.columns), ["run"] + scale.FIT_COLUMNS)
        pd.testing.assert_frame_equal(study.points.drop(columns="run"), csv(ir.SCALE_FILE), check_dtype=False)
        pd.testing.assert_frame_equal(study.fits.drop(columns="run"), csv(ir.SCALE_FITS_FILE), check_dtype=False)

    def test_two_languages_every_strategy_in_java(self):
        study = ir.Analysis.load(str(SCALE)).scale
        points = csv(ir.SCALE_FILE)
        self.assertEqual(set(points["language"]), {"java", "python"})
        self.assertEqual(set(points.loc[points["language"] == "java", "strategy"]),
                         {"sync", "before", "after", "pooled_copy"})
        self.assertEqual(set(study.strategies()), set(points["strategy"]))

    def test_the_strategies_named_from_the_schema(self):
        self.assertEqual(scale.strategy_name("before"), "the original loader before its rewrite")
        self.assertEqual(scale.strategy_name("sync"), "sync baseline")
        self.assertEqual(scale.strategy_name("pooled_copy"), "pooled COPY")
        self.assertEqual(scale.strategy_name("some_new_one"), "some new one")

    def test_a_run_without_scale_csv_has_none(self):
        for folder in (BASIC, CLAIMS_ONLY, NETWORK, INTERLEAVED):
            self.assertIsNone(ir.Analysis.load(str(folder)).scale, folder.name)
        self.assertIsNone(ir.load_scale({"r": CLAIMS_TWO_LANGUAGES}))

    def test_without_scale_fits_csv_no_fits(self):
        d = copy_of(self)
        (d / ir.SCALE_FITS_FILE).unlink()
        study = ir.Analysis.load(str(d)).scale
        self.assertTrue(study.fits.empty)
        plot = ir.scale_time(study)
        self.assertFalse([line for ax in panels(plot) for line in fitted_lines(ax)])
        self.assertTrue(any("no fit" in m for m in plot.missing))


class BesideTheStrategies(unittest.TestCase):
    """A run with strategy rows and scale forks (the smoke profile has both): the scale study's summary.csv rows
    are no strategy's configuration; a run of scale forks only gets no strategy outputs."""

    def mixed(self):
        d = temp_dir(self)
        frames = [pd.read_csv(folder / ir.SUMMARY_FILE, dtype=str, keep_default_na=False)
                  for folder in (HANDWRITTEN, SCALE)]
        pd.concat(frames, ignore_index=True).fillna("").to_csv(d / ir.SUMMARY_FILE, index=False)
        for f in (ir.MANIFEST_FILE, ir.SCALE_FILE, ir.SCALE_FITS_FILE):
            shutil.copy(SCALE / f, d)
        return d

    def test_the_strategy_figures_and_tables_leave_the_scale_rows_out(self):
        a = ir.Analysis.load(str(self.mixed()))
        self.assertLessEqual({outputs.STRATEGIES, outputs.SCALE}, a.scopes)
        scale_rows = a.df[a.df["benchmark"] == strategies.SCALE_STUDY]
        self.assertEqual(len(scale_rows), len(csv(ir.SUMMARY_FILE)))
        self.assertIn("scale study (AFTER, JAVA)", set(scale_rows["strategy"]))
        self.assertFalse((ir.plot_data(a.df, a.manifests)["benchmark"] == strategies.SCALE_STUDY).any())
        self.assertFalse(a.best["strategy"].str.startswith("scale study").any())
        ir.throughput_best(a.df, a.manifests)  # draws: no scale study bar, whose family has no colour
        self.assertTrue(a.export_tables())

    def test_a_summary_from_before_the_scale_parameters_reads_as_before(self):
        summary = ir.read_summary(HANDWRITTEN / ir.SUMMARY_FILE)
        self.assertEqual(set(summary["strategy"]) | set(summary["language"]), {""})
        named = ir.with_names(summary)
        # the file's columns without the scale study's parameters, then the strategy's name and the rest, as before
        self.assertEqual(list(named.columns), [c for c in summary.columns if c not in ("strategy", "language")]
                         + ["strategy", "configuration", "family_order", "bench_order", "complete"])

    def test_a_run_of_scale_forks_only_gets_no_strategy_outputs(self):
        a = ir.Analysis.load(str(SCALE))
        self.assertEqual(a.scopes, {outputs.SCALE})
        self.assertIn("only the scale study", a.skip_reason(outputs.STRATEGIES))


class Outputs(unittest.TestCase):
    def test_a_scale_run_gets_the_figures_and_tables(self):
        files = ir.Analysis.load(str(SCALE)).expected_files()
        for f in NEW_FILES:
            self.assertIn(f, files)
        self.assertLessEqual(set(files), set(ir.every_output_file()))

    def test_a_run_without_scale_csv_gets_none_of_them(self):
        for folder in (BASIC, CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, NETWORK, INTERLEAVED, ir.REPO_ROOT / "results/sample"):
            a = ir.Analysis.load(str(folder))
            self.assertFalse(set(NEW_FILES) & set(a.expected_files()), folder.name)
            self.assertIn("scale.csv", a.skip_reason(outputs.SCALE))
            self.assertIn("note", a.scale_display().columns)
        a, out = export(self, BASIC)
        self.assertFalse([f for f in NEW_FILES if (out / f).exists()])
        self.assertNotIn("scale", (out / "appendix.tex").read_text(encoding="utf-8"))

    def test_the_appendix_includes_them_the_long_table_after_the_figures(self):
        _, out = export(self, SCALE)
        for f in NEW_FILES:
            self.assertTrue((out / f).stat().st_size > 0, f)
        tex = (out / "appendix.tex").read_text(encoding="utf-8")
        for stem in ("fig17_scale_time", "fig18_scale_memory"):
            self.assertIn(f"{{figures/{stem}.pdf}}", tex)
        self.assertIn(r"\input{tables/scale_fits.tex}", tex)
        self.assertLess(tex.index("fig18_scale_memory"), tex.index(r"\FloatBarrier"))
        self.assertLess(tex.index(r"\FloatBarrier"), tex.index(r"\input{tables/scale.tex}"))


class TimeFigure(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.Analysis.load(str(SCALE)).scale
        cls.plot = ir.scale_time(cls.study)
        cls.axes = panels(cls.plot)

    def test_a_panel_per_language_log_log_ticked_at_the_sizes(self):
        self.assertEqual([ax.get_title(loc="left") for ax in self.axes], ["Java", "Python"])
        sizes = sorted(set(csv(ir.SCALE_FILE)["rows"]))
        for ax in self.axes:
            self.assertEqual((ax.get_xscale(), ax.get_yscale()), ("log", "log"))
            self.assertEqual(list(ax.get_xticks()), [float(s) for s in sizes])
            shown = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
            self.assertGreaterEqual(len(shown), 2, "a log axis without labelled ticks")
        self.assertIn("\u00b5s", self.axes[0].get_ylabel())

    def test_every_point_drawn_at_its_value(self):
        points = csv(ir.SCALE_FILE)
        for ax, language in zip(self.axes, ["java", "python"]):
            want = sorted(points.loc[points["language"] == language, "us_per_row"])
            np.testing.assert_allclose(marked(ax), want)

    def test_the_fit_as_written_a_over_rows_plus_b(self):
        fits = csv(ir.SCALE_FITS_FILE)
        drawn = [line for ax in self.axes for line in fitted_lines(ax)]
        with_fit = fits.dropna(subset=["a_s", "b_us_per_row"])
        self.assertEqual(len(drawn), len(with_fit))
        for ax, language in zip(self.axes, ["java", "python"]):
            for f in with_fit[with_fit["language"] == language].itertuples():
                want = lambda x: f.a_s * 1e6 / x + f.b_us_per_row  # noqa: E731
                self.assertTrue(any(np.allclose(line.get_ydata(), want(line.get_xdata())) for line in fitted_lines(ax)),
                                f"{f.strategy} {language}")

    def test_the_fit_is_drawn_not_refitted(self):
        """Coefficients that fit no point at all are drawn as they are: the lines are scale-fits.csv's."""
        d = copy_of(self)
        fits = csv(ir.SCALE_FITS_FILE)
        fits["a_s"], fits["b_us_per_row"] = 2.0, 1000.0
        fits.to_csv(d / ir.SCALE_FITS_FILE, index=False)
        plot = ir.scale_time(ir.Analysis.load(str(d)).scale)
        lines = [line for ax in panels(plot) for line in fitted_lines(ax)]
        self.assertEqual(len(lines), len(fits))
        for line in lines:
            np.testing.assert_allclose(line.get_ydata(), 2e6 / line.get_xdata() + 1000.0)

    def test_no_fit_where_the_suite_wrote_none(self):
        d = copy_of(self)
        fits = csv(ir.SCALE_FITS_FILE)
        fits.loc[0, ["a_s", "a_s_low", "a_s_high", "b_us_per_row", "b_us_per_row_low", "b_us_per_row_high"]] = np.nan
        fits.to_csv(d / ir.SCALE_FITS_FILE, index=False)
        plot = ir.scale_time(ir.Analysis.load(str(d)).scale)
        self.assertEqual(sum(len(fitted_lines(ax)) for ax in panels(plot)), len(fits) - 1)
        self.assertIn(scale.strategy_name(fits.loc[0, "strategy"]), " ".join(plot.missing))

    def test_the_legend_names_the_strategies(self):
        legend = " ".join(t.get_text() for lg in self.plot.fig.legends for t in lg.get_texts())
        for strategy in set(csv(ir.SCALE_FILE)["strategy"]):
            self.assertIn(scale.strategy_name(strategy), legend)

    def test_a_size_run_in_one_shot_has_an_open_marker_and_no_interval(self):
        d = copy_of(self)
        points = pd.read_csv(d / ir.SCALE_FILE, dtype=str, keep_default_na=False)
        once = (points["strategy"] == "sync") & (points["language"] == "java") & (points["rows"] == "100000")
        points.loc[once, ["forks", "shots", "replicate", "us_per_row_low", "us_per_row_high"]] = [
            "1", "1", "one shot", "NaN", "NaN"]
        points.to_csv(d / ir.SCALE_FILE, index=False)
        a = ir.Analysis.load(str(d))
        value = float(points.loc[once, "us_per_row"].iloc[0])
        ax = panels(ir.scale_time(a.scale))[0]
        open_values = [y for line in drawn(ax, scale.POINT_GID) if line.get_markerfacecolor() == "white"
                       for y in line.get_ydata()]
        self.assertIn(value, open_values)
        row = one(a.scale_display(), strategy=scale.strategy_name("sync"), language="Java", rows="100,000")
        self.assertEqual(row[scale.TIME_COLUMN], ir.fmt_sig(value))  # no interval, no dagger
        self.assertEqual(row["forks (shots)"], "1 (1)")

    def test_a_run_without_it_gets_a_placeholder(self):
        self.assertTrue(ir.scale_time(None).missing)
        self.assertTrue(ir.scale_memory(None).missing)


class MemoryFigure(unittest.TestCase):
    def test_held_mb_and_the_fit_c_plus_d_rows(self):
        plot = ir.scale_memory(ir.Analysis.load(str(SCALE)).scale, ir.Analysis.load(str(SCALE)).manifests)
        axes = panels(plot)
        self.assertEqual([ax.get_title(loc="left") for ax in axes], ["Java", "Python"])
        points, fits = csv(ir.SCALE_FILE), csv(ir.SCALE_FITS_FILE)
        for ax, language in zip(axes, ["java", "python"]):
            self.assertEqual((ax.get_xscale(), ax.get_yscale()), ("log", "log"))
            want = sorted(v for v in points.loc[points["language"] == language, "held_mb"] if v > 0)
            np.testing.assert_allclose(marked(ax), want)
            for f in fits[(fits["language"] == language)].dropna(subset=["c_mb", "d_bytes_per_row"]).itertuples():
                self.assertTrue(any(np.allclose(line.get_ydata(), (f.c_mb + f.d_bytes_per_row * line.get_xdata() / 1e6))
                                    for line in fitted_lines(ax)), f"{f.strategy} {language}")

    def test_a_size_whose_memory_was_not_measured_is_left_out_and_named(self):
        # a Java fork without a warm-up shot has no heap probe: scale.csv writes NaN there
        d = copy_of(self)
        points = pd.read_csv(d / ir.SCALE_FILE, dtype=str, keep_default_na=False)
        unprobed = (points["language"] == "java") & (points["rows"] == "100000")
        self.assertTrue(unprobed.any())
        points.loc[unprobed, ["held_mb", "held_bytes_per_row"]] = "NaN"
        points.to_csv(d / ir.SCALE_FILE, index=False)
        a = ir.Analysis.load(str(d))
        plot = ir.scale_memory(a.scale, a.manifests)
        java = panels(plot)[0]
        kept = csv(ir.SCALE_FILE)
        want = sorted(v for v in kept.loc[(kept["language"] == "java") & (kept["rows"] != 100000), "held_mb"] if v > 0)
        np.testing.assert_allclose(sorted(v for v in marked(java) if np.isfinite(v)), want)
        self.assertTrue(any("at 100,000 rows: held_mb not measured" in m for m in plot.missing), plot.missing)
        self.assertFalse(any("not positive" in m and "100,000" in m for m in plot.missing), plot.missing)
        note = " ".join(" ".join(t.get_text() for t in plot.fig.texts).split())
        self.assertIn("no marker where it was not measured: sync baseline, Java at 100,000 rows;", note)
        self.assertIn("pooled COPY, Java at 100,000 rows", note)

    def test_the_limits_from_the_fits(self):
        a = ir.Analysis.load(str(SCALE))
        fits = csv(ir.SCALE_FITS_FILE)
        plot = ir.scale_memory(a.scale, a.manifests)
        java, python = panels(plot)
        for ax, language in ((java, "java"), (python, "python")):
            room = fits.loc[fits["language"] == language, "room_mb"].unique()
            self.assertEqual([line.get_ydata()[0] for line in drawn(ax, scale.LIMIT_GID)], list(room), language)
        named = lambda ax: [t.get_text() for t in ax.texts if t.get_gid() == scale.LIMIT_GID]  # noqa: E731
        self.assertEqual(named(java), ["fork heap: 8,590 MB"])
        self.assertEqual(named(python), ["machine memory less the fork heap: 16,686 MB"])

    def test_older_fits_take_the_limits_from_the_manifest(self):
        d = without_room(self)
        a = ir.Analysis.load(str(d))
        manifest = next(iter(a.manifests.values()))
        self.assertIn("-Xmx8g", manifest["jvm"]["forkFlags"])
        plot = ir.scale_memory(a.scale, a.manifests)
        java, python = panels(plot)
        self.assertEqual([line.get_ydata()[0] for line in drawn(java, scale.LIMIT_GID)], [XMX8G_MB])
        self.assertEqual([line.get_ydata()[0] for line in drawn(python, scale.LIMIT_GID)],
                         [manifest["host"]["memoryBytes"] / 1e6])
        self.assertLessEqual(XMX8G_MB, java.get_ylim()[1])
        named = lambda ax: [t.get_text() for t in ax.texts if t.get_gid() == scale.LIMIT_GID]  # noqa: E731
        self.assertEqual(named(java), ["fork heap -Xmx8g: 8,590 MB"])
        self.assertEqual(named(python), [f"machine memory: {manifest['host']['memoryBytes'] / 1e6:,.0f} MB"])
        self.assertNotIn(scale.STOPS, a.scale_fits_display().columns)

    def test_without_them_no_line_and_the_figure_says_so(self):
        d = without_room(self)
        manifest = json.loads((d / ir.MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest["jvm"]["forkFlags"] = [f for f in manifest["jvm"]["forkFlags"] if not f.startswith("-Xmx")]
        del manifest["host"]["memoryBytes"]
        (d / ir.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
        a = ir.Analysis.load(str(d))
        plot = ir.scale_memory(a.scale, a.manifests)
        for ax in panels(plot):
            self.assertFalse(drawn(ax, scale.LIMIT_GID))
        text = " ".join(" ".join(t.get_text().split()) for t in plot.fig.texts)  # the note wraps
        self.assertIn("Java: no -Xmx in the fork flags, no limit drawn", text)
        self.assertIn("Python: no machine memory in the manifest, no limit drawn", text)

    def test_the_fork_heap_flag(self):
        def heap(*flags):
            return scale.fork_heap({"jvm": {"forkFlags": list(flags)}})
        self.assertEqual(heap("-Xms8g", "-Xmx8g"), ("-Xmx8g", 8 * 2.0 ** 30))
        self.assertEqual(heap("-Xmx512m", "-Xmx2G"), ("-Xmx2G", 2 * 2.0 ** 30))  # the last one counts
        self.assertEqual(heap("-Xmx1048576"), ("-Xmx1048576", 1048576.0))
        self.assertIsNone(heap("-Xms8g"))
        self.assertIsNone(scale.fork_heap({}))


class Tables(unittest.TestCase):
    def test_the_scale_table(self):
        a = ir.Analysis.load(str(SCALE))
        display = a.scale_display()
        points = csv(ir.SCALE_FILE)
        self.assertEqual(len(display), len(points))
        self.assertEqual(list(display.columns)[:5], ["strategy", "language", "rows", "forks (shots)",
                                                     scale.TIME_COLUMN])
        for r in points.itertuples():
            row = one(display, strategy=scale.strategy_name(r.strategy), language=r.language.capitalize(),
                      rows=f"{r.rows:,}")
            text = ir.fmt_interval(r.us_per_row, r.us_per_row_low, r.us_per_row_high)
            self.assertEqual(row[scale.TIME_COLUMN],
                             text + (" \u2020" if r.replicate != "rounds" else ""))
            self.assertEqual(row["forks (shots)"], f"{r.forks} ({r.shots})")
            self.assertEqual(row["held MB"], ir.fmt_sig(r.held_mb))
            self.assertEqual(row["WAL B/row"], ir.fmt_sig(r.wal_bytes_per_row))
            self.assertEqual(row["generator ns/row"], ir.fmt_sig(r.generator_ns_per_row))
        # Java first, then Python; within a strategy and language the sizes go up.
        self.assertEqual(list(dict.fromkeys(display["language"])), ["Java", "Python"])

    def test_the_fits_table(self):
        display = ir.Analysis.load(str(SCALE)).scale_fits_display()
        fits = csv(ir.SCALE_FITS_FILE)
        self.assertEqual(len(display), len(fits))
        for f in fits.itertuples():
            row = one(display, strategy=scale.strategy_name(f.strategy), language=f.language.capitalize())
            # an interval never broken: at its comma nor after a bound's minus (a non-breaking hyphen)
            whole = lambda text: (text.replace(", ", ",\u00a0").replace("[-", "[\u2011")  # noqa: E731
                                  .replace("\u00a0-", "\u00a0\u2011"))
            self.assertEqual(row[f"b: \u00b5s per row {scale.CI}"],
                             whole(ir.fmt_interval(f.b_us_per_row, f.b_us_per_row_low, f.b_us_per_row_high)))
            self.assertEqual(row[f"d: bytes per row {scale.CI}"],
                             whole(ir.fmt_interval(f.d_bytes_per_row, f.d_bytes_per_row_low, f.d_bytes_per_row_high)))
            self.assertEqual(row[scale.STOPS], "does not grow" if pd.isna(f.rows_at_limit)
                             else ir.fmt_sig(f.rows_at_limit / 1e6))

    def test_the_csvs_hold_the_files_rows(self):
        _, out = export(self, SCALE)
        for table, file in (("scale", ir.SCALE_FILE), ("scale_fits", ir.SCALE_FITS_FILE)):
            written = pd.read_csv(out / f"tables/{table}.csv").drop(columns="run")
            key = ["strategy", "language"] + (["rows"] if table == "scale" else [])
            pd.testing.assert_frame_equal(written.sort_values(key).reset_index(drop=True),
                                          csv(file).sort_values(key).reset_index(drop=True), check_dtype=False)
        tex = (out / "tables/scale.tex").read_text(encoding="utf-8")
        self.assertIn("longtable", tex)
        self.assertEqual(tex.count("the original loader before its rewrite"), 2)  # named once per language

    @unittest.skipUnless(appendix.have_pdflatex(), "pdflatex is not installed")
    def test_the_tables_fit_the_line(self):
        _, out = export(self, SCALE)
        ir.compile_pdf(out)
        # pdflatex wraps its log at 79 characters: joined again, a file's name is whole.
        log = re.sub(r"(?m)^(.{79})\n", r"\1", (out / "appendix.log").read_text(encoding="latin-1"))
        for name in ("scale", "scale_fits"):
            part = log.split(f"(./tables/{name}.tex", 1)[1].split("(./", 1)[0]
            overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", part)]
            self.assertFalse([x for x in overfull if x > 1], f"{name}: lines sticking out {overfull}")


if __name__ == "__main__":
    unittest.main()


class Methods(unittest.TestCase):
    def test_a_scale_run_gets_the_suites_paragraph_on_the_scale_study(self):
        a, out = export(self, SCALE)
        methods = (out / outputs.METHODS_MD).read_text(encoding="utf-8")
        self.assertIn(schema.scale_method(), methods)
        self.assertIn("streamed their rows", methods)

    def test_a_run_without_it_does_not(self):
        a, out = export(self, BASIC)
        self.assertNotIn(schema.scale_method(), (out / outputs.METHODS_MD).read_text(encoding="utf-8"))
