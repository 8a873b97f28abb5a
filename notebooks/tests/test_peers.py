"""The Python peers (the python-peers profile): peers.csv read as written, its table (every cell the file's number
formatted, Java's arms first), the figure (every arm drawn at the file's rows/s with the file's interval, after as the
reference, the multiple of after beside each arm), the placeholder without peers.csv, the appendix's table within the
line, and that a run without peers.csv gets none of it.

Fixture `peers`: peers.csv written by hand with the suite's header (Java's arms before, after, copy_binary,
copy_batch, pooled_copy; Python's before, after, copy_binary, asyncpg_copy, copy_batch, executemany_no_pipeline; 8
forks each), the scale run's manifest made a python-peers run's and a header-only summary.csv; no claims.csv.
"""
import json
import re
import shutil
import unittest
from pathlib import Path

import pandas as pd

from support import BASIC, CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, FIXTURES, INTERLEAVED, export, ir, temp_dir
from insert_results import appendix, outputs, peers, schema

PEERS = FIXTURES / "peers"
SCALE = FIXTURES / "scale"
NETWORK = FIXTURES / "network"
NEW_FILES = outputs.figure_files("fig19_python_peers") + outputs.table_files("python_peers")
OLDER_RUNS = (BASIC, CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, NETWORK, INTERLEAVED, SCALE, ir.REPO_ROOT / "results/sample")


def csv(folder=PEERS):
    return pd.read_csv(folder / ir.PEERS_FILE)


def language_rows(language, folder=PEERS):
    rows = csv(folder)
    return rows[rows["language"] == language].reset_index(drop=True)


def copy_of(test, folder=PEERS) -> Path:
    d = temp_dir(test) / "run"
    shutil.copytree(folder, d)
    return d


def with_peers(test, edit) -> Path:
    """A copy of the fixture whose peers.csv (text as written) edit(frame) changed."""
    d = copy_of(test)
    frame = pd.read_csv(d / ir.PEERS_FILE, dtype=str, keep_default_na=False)
    edit(frame).to_csv(d / ir.PEERS_FILE, index=False)
    return d


def panels(plot):
    return [ax for ax in plot.fig.get_axes() if ax.get_visible() and ax.axison]


def drawn(ax, gid):
    return [line for line in ax.lines if line.get_gid() == gid]


def arm_at(ax, y) -> str:
    """The arm named on the axis at height y (its label unwrapped)."""
    for tick, label in zip(ax.get_yticks(), ax.get_yticklabels()):
        if tick == y:
            return label.get_text().replace("\n", " ")
    raise AssertionError(f"no arm at y = {y}")


def beside(ax) -> dict:
    """The texts right of the panel, by height: the multiple of after of each arm."""
    return {t.get_position()[1]: t.get_text() for t in ax.texts if t.get_position()[0] > 1}


class Reading(unittest.TestCase):
    def test_the_file_as_written_with_a_run_column(self):
        study = ir.Analysis.load(str(PEERS)).peers
        self.assertEqual(list(study.rows.columns), ["run"] + peers.PEERS_COLUMNS)
        self.assertEqual(peers.PEERS_COLUMNS, schema.columns("peers.csv"))
        self.assertEqual(set(study.rows["run"]), {"20261210T091502Z-python-peers"})
        pd.testing.assert_frame_equal(study.rows.drop(columns="run"), csv(), check_dtype=False)

    def test_the_arms_named_from_the_schema(self):
        labels = {arm["id"]: arm["label"] for claim in schema.claims() if claim["id"] == "python_peers"
                  for arm in claim["arms"]}
        for arm, label in labels.items():
            self.assertEqual(peers.arm_name(arm), label)
        self.assertEqual(peers.arm_name("some_new_arm", "a new arm"), "a new arm")
        self.assertEqual(peers.arm_name("some_new_arm"), "some new arm")

    def test_peers_csv_alone_is_enough(self):
        self.assertFalse((PEERS / ir.CLAIMS_FILE).exists())
        a = ir.Analysis.load(str(PEERS))
        self.assertIsNone(a.study)
        self.assertEqual(a.scopes, {outputs.PEERS})
        self.assertIn("peers.csv", a.skip_reason(outputs.STRATEGIES))
        self.assertFalse(ir.peers_throughput(a.peers, a.manifests).missing)

    def test_a_run_without_peers_csv_has_none(self):
        for folder in OLDER_RUNS:
            self.assertIsNone(ir.Analysis.load(str(folder)).peers, folder.name)
        self.assertIsNone(ir.load_peers({"r": CLAIMS_TWO_LANGUAGES}))


class Table(unittest.TestCase):
    def test_each_row_the_files_numbers_formatted_java_first(self):
        display = ir.Analysis.load(str(PEERS)).peers_display()
        self.assertEqual(list(display.columns), ["language", "arm", "forks", peers.SPEED_COLUMN, peers.RATE_COLUMN,
                                                 "client CPU ns/row", "server CPU ns/row", peers.TIMES_AFTER_COLUMN])
        rows = csv()
        self.assertEqual(len(display), len(rows))
        for (_, shown), r in zip(display.iterrows(), rows.itertuples()):
            self.assertEqual(shown["language"], r.language.capitalize())
            self.assertEqual(shown["arm"], peers.arm_name(r.arm))
            self.assertEqual(shown["forks"], f"{r.forks:,}")
            self.assertEqual(shown[peers.SPEED_COLUMN], ir.fmt_interval(r.rows_per_s, r.rows_per_s_low,
                                                                        r.rows_per_s_high))
            self.assertEqual(shown[peers.RATE_COLUMN], ir.fmt_interval(r.mb_per_s, r.mb_per_s_low, r.mb_per_s_high))
            self.assertEqual(shown["client CPU ns/row"], ir.fmt_sig(r.client_cpu_ns_per_row))
            self.assertEqual(shown["server CPU ns/row"], ir.fmt_sig(r.server_cpu_ns_per_row))
            self.assertEqual(shown[peers.TIMES_AFTER_COLUMN], ir.fmt_interval(r.times_after, r.times_after_low,
                                                                              r.times_after_high))
        self.assertEqual(list(dict.fromkeys(display["language"])), ["Java", "Python"])

    def test_java_first_whatever_the_files_order(self):
        d = with_peers(self, lambda frame: frame.iloc[::-1])
        display = ir.Analysis.load(str(d)).peers_display()
        self.assertEqual(list(display["language"]), ["Java"] * 5 + ["Python"] * 6)
        # within a language, the arms in the schema's order
        self.assertEqual(list(display["arm"][:5]), [peers.arm_name(a) for a in language_rows("java")["arm"]])

    def test_no_multiple_of_after_where_the_file_has_none(self):
        d = with_peers(self, lambda frame: frame.assign(**{c: frame[c].where(frame["arm"] != "asyncpg_copy", "")
                                                           for c in peers.TIMES_AFTER}))
        display = ir.Analysis.load(str(d)).peers_display()
        self.assertEqual(display.loc[display["arm"] == peers.arm_name("asyncpg_copy"),
                                     peers.TIMES_AFTER_COLUMN].tolist(), ["-"])

    def test_several_runs_get_a_run_column(self):
        d = temp_dir(self)
        for name, run in (("a", "20261210T091502Z-python-peers"), ("b", "20261211T080000Z-python-peers")):
            shutil.copytree(PEERS, d / name)
            manifest = json.loads((d / name / ir.MANIFEST_FILE).read_text(encoding="utf-8"))
            manifest["run"]["id"] = run
            (d / name / ir.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
        a = ir.Analysis.load([str(d / "a"), str(d / "b")])
        display = a.peers_display()
        self.assertEqual(list(display.columns)[0], "run")
        self.assertEqual(len(display), 2 * len(csv()))
        self.assertEqual(len(panels(ir.peers_throughput(a.peers))), 4)


class Figure(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        a = ir.Analysis.load(str(PEERS))
        cls.plot = ir.peers_throughput(a.peers, a.manifests)
        cls.axes = panels(cls.plot)

    def test_a_panel_per_language_its_arms_named_in_the_files_order(self):
        self.assertEqual([ax.get_title(loc="left") for ax in self.axes], ["Java", "Python"])
        for ax, language in zip(self.axes, ["java", "python"]):
            named = [label.get_text().replace("\n", " ") for label in ax.get_yticklabels()]
            self.assertEqual(named, [peers.arm_name(a) for a in language_rows(language)["arm"]])
            self.assertEqual(ax.get_xscale(), "log")

    def test_every_arm_at_its_rows_per_s_with_the_files_interval(self):
        for ax, language in zip(self.axes, ["java", "python"]):
            rows = language_rows(language).set_index("arm")
            named = {peers.arm_name(arm): r for arm, r in rows.iterrows()}
            points, intervals = drawn(ax, peers.POINT_GID), drawn(ax, peers.INTERVAL_GID)
            self.assertEqual(len(points), len(rows))
            self.assertEqual(len(intervals), len(rows))
            for line in points:
                (x,), (y,) = line.get_xdata(), line.get_ydata()
                self.assertEqual(x, named[arm_at(ax, y)]["rows_per_s"])
            for line in intervals:
                y = line.get_ydata()[0]
                self.assertEqual(list(line.get_ydata()), [y, y])
                arm = named[arm_at(ax, y)]
                self.assertEqual(list(line.get_xdata()), [arm["rows_per_s_low"], arm["rows_per_s_high"]])
            self.assertFalse(drawn(ax, peers.CUT_GID))
            low, high = ax.get_xlim()
            self.assertLess(low, rows["rows_per_s_low"].min())
            self.assertGreater(high, rows["rows_per_s_high"].max())

    def test_after_is_the_reference(self):
        for ax, language in zip(self.axes, ["java", "python"]):
            after = language_rows(language).set_index("arm").loc[peers.REFERENCE]
            lines = drawn(ax, peers.REFERENCE_GID)
            self.assertEqual([line.get_xdata()[0] for line in lines], [after["rows_per_s"]])
            band = [p for p in ax.patches if p.get_gid() == peers.REFERENCE_GID]
            self.assertEqual(len(band), 1)
            xs = band[0].get_patch_transform().transform(band[0].get_path().vertices)[:, 0]
            self.assertAlmostEqual(xs.min(), after["rows_per_s_low"])
            self.assertAlmostEqual(xs.max(), after["rows_per_s_high"])
            bold = [label.get_text().replace("\n", " ") for label in ax.get_yticklabels()
                    if label.get_fontweight() == "bold"]
            self.assertEqual(bold, [peers.arm_name(peers.REFERENCE)])

    def test_the_multiple_of_after_beside_each_arm(self):
        for ax, language in zip(self.axes, ["java", "python"]):
            texts = beside(ax)
            for y, r in enumerate(language_rows(language).itertuples()):
                want = ("reference" if r.arm == peers.REFERENCE
                        else ir.fmt_interval(r.times_after, r.times_after_low, r.times_after_high))
                self.assertEqual(texts[y], want, r.arm)

    def test_an_unbounded_or_far_interval_ends_at_the_axis_in_an_arrowhead(self):
        def widen(frame):
            first = frame.index[frame["language"] == "python"][0]
            frame.loc[first, ["rows_per_s_low", "rows_per_s_high"]] = ["1", ""]
            return frame
        plot = ir.peers_throughput(ir.Analysis.load(str(with_peers(self, widen))).peers)
        python = panels(plot)[1]
        left, right = python.get_xlim()
        self.assertEqual(sorted(line.get_xdata()[0] for line in drawn(python, peers.CUT_GID)), [left, right])
        self.assertIn([left, right], [list(line.get_xdata()) for line in drawn(python, peers.INTERVAL_GID)])
        self.assertIn("arrowhead", " ".join(t.get_text() for t in plot.fig.texts).replace("\n", " "))

    def test_a_run_without_it_gets_a_placeholder(self):
        plot = ir.peers_throughput(None)
        self.assertEqual(plot.missing, [peers.NEEDS])
        self.assertIn("run-bench.sh profile python-peers writes it", peers.NEEDS)


class Outputs(unittest.TestCase):
    def test_a_peers_run_gets_the_figure_and_the_table(self):
        files = ir.Analysis.load(str(PEERS)).expected_files()
        for f in NEW_FILES:
            self.assertIn(f, files)
        self.assertLessEqual(set(files), set(ir.every_output_file()))

    def test_a_run_without_peers_csv_gets_none_of_them(self):
        for folder in OLDER_RUNS:
            a = ir.Analysis.load(str(folder))
            self.assertNotIn(outputs.PEERS, a.scopes, folder.name)
            self.assertFalse(set(NEW_FILES) & set(a.expected_files()), folder.name)
            self.assertIn("peers.csv", a.skip_reason(outputs.PEERS))
            self.assertIn("note", a.peers_display().columns)
        a, out = export(self, BASIC)
        self.assertFalse([f for f in NEW_FILES if (out / f).exists()])
        tex = (out / "appendix.tex").read_text(encoding="utf-8")
        self.assertNotIn("python_peers", tex)
        self.assertNotIn("fig19", tex)

    def test_an_export_writes_fig19_and_the_files_rows(self):
        _, out = export(self, PEERS)
        for f in NEW_FILES:
            self.assertTrue((out / f).stat().st_size > 0, f)
        written = pd.read_csv(out / "tables/python_peers.csv")
        self.assertEqual(set(written["run"]), {"20261210T091502Z-python-peers"})
        pd.testing.assert_frame_equal(written.drop(columns="run"), csv(), check_dtype=False)
        tex = (out / "appendix.tex").read_text(encoding="utf-8")
        self.assertIn("{figures/fig19_python_peers.pdf}", tex)
        self.assertIn(r"\input{tables/python_peers.tex}", tex)
        table = (out / "tables/python_peers.tex").read_text(encoding="utf-8")
        self.assertEqual(table.count("the original loader after its rewrite"), 2)
        self.assertEqual(table.count("Python &"), 1)  # each language named once
        # every interval on a line of its own, under its estimate, and never broken at its comma
        self.assertEqual(table.count(r"\linebreak{}["), len(peers.INTERVAL_COLUMNS) * len(csv()))
        self.assertFalse(re.findall(r"\[[^]]*, [^]]*\]", table))

    def test_the_notebook_draws_them_after_the_scale_study(self):
        notebook = json.loads((ir.REPO_ROOT / "notebooks/insert-strategies.ipynb").read_text(encoding="utf-8"))
        ids = [cell["id"] for cell in notebook["cells"]]
        self.assertEqual(len(ids), len(set(ids)))
        code = {cell["id"]: "".join(cell["source"]) for cell in notebook["cells"]}
        self.assertEqual(code["cell-peers"], "a.show(ir.peers_throughput)")
        self.assertEqual(code["cell-peers-table"], "a.peers_display()")
        self.assertLess(ids.index("cell-scale-memory"), ids.index("cell-peers"))
        self.assertLess(ids.index("cell-scale-fits-table"), ids.index("cell-peers-table"))

    @unittest.skipUnless(appendix.have_pdflatex(), "pdflatex is not installed")
    def test_the_table_fits_the_line(self):
        _, out = export(self, PEERS)
        ir.compile_pdf(out)
        # pdflatex wraps its log at 79 characters: joined again, a file's name is whole.
        log = re.sub(r"(?m)^(.{79})\n", r"\1", (out / "appendix.log").read_text(encoding="latin-1"))
        part = log.split("(./tables/python_peers.tex", 1)[1].split("(./", 1)[0]
        overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", part)]
        self.assertFalse([x for x in overfull if x > 1], f"python_peers: lines sticking out {overfull}")


if __name__ == "__main__":
    unittest.main()
