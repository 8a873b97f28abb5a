"""The claims per round-trip time (the network profile): claims.csv's rtt levels, claims-network.csv
and relay-cost.csv, the figure and tables drawn from them, and that a run from before them renders
as it did.

Fixture `network`: a real run of `./run-bench.sh network --rows=3000 --include='claim=(POOL|COPY),
round=[12]|RelayCost.*round=[12]'` (its claims.csv, claim-shots.csv, claims-network.csv, relay-cost.csv,
manifest.json and header-only summary.csv as the suite wrote them): COPY and pool at loopback, 2 ms and
20 ms in Java and Python, two rounds each, and the relay's A/A cost over two forks.
"""
import re
import unittest

import numpy as np
import pandas as pd

from support import CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, FIXTURES, export, ir, one
from insert_results import appendix, claims, network, outputs

NETWORK = FIXTURES / "network"
LEVELS = ["loopback", "2ms", "20ms"]
NEW_FILES = (outputs.figure_files("fig16_claims_vs_rtt") + outputs.table_files("claims_rtt")
             + outputs.table_files("claims_network") + outputs.table_files("relay_cost"))


def analysis():
    return ir.Analysis.load(str(NETWORK))


def csv(file):
    return pd.read_csv(NETWORK / file)


class Reading(unittest.TestCase):
    def test_claims_per_round_trip_time(self):
        c = analysis().study.claims
        self.assertEqual(claims.rtt_levels(c), LEVELS)
        self.assertEqual(c[claims.RTT_MS].dtype, float)
        self.assertEqual(dict(zip(c[claims.RTT], c[claims.RTT_MS])), {"loopback": 0.0, "2ms": 2.0, "20ms": 20.0})
        self.assertTrue(claims.over_rtt(c))
        shots = analysis().study.shots
        relayed = shots[shots[claims.RTT] != claims.LOOPBACK]
        self.assertTrue(relayed["round_trips"].notna().all())
        self.assertTrue(shots.loc[shots[claims.RTT] == claims.LOOPBACK, "round_trips"].isna().all())

    def test_a_run_from_before_reads_as_loopback(self):
        for folder in (CLAIMS_TWO_LANGUAGES, CLAIMS_ONLY):
            study = ir.Analysis.load(str(folder)).study
            self.assertEqual(set(study.claims[claims.RTT]), {claims.LOOPBACK}, folder.name)
            self.assertEqual(set(study.claims[claims.RTT_MS]), {0.0}, folder.name)
            self.assertEqual(set(study.shots[claims.RTT]), {claims.LOOPBACK}, folder.name)
            for column in claims.SHOT_NETWORK_COLUMNS:
                self.assertTrue(study.shots[column].isna().all(), column)
            self.assertFalse(claims.over_rtt(study.claims))
            self.assertIs(claims.first_level(study), study)

    def test_network_files_as_written(self):
        n = analysis().network
        self.assertEqual(list(n.arms.columns), ["run"] + network.NETWORK_COLUMNS)
        self.assertEqual(len(n.arms), len(csv(ir.CLAIMS_NETWORK_FILE)))
        self.assertEqual(list(n.relay_cost["measure"]), ["time", "relay_cpu", "client_cpu"])
        self.assertEqual(one(n.relay_cost, measure="time")["estimate"], 43.0649)

    def test_a_run_without_them_has_none(self):
        self.assertIsNone(ir.load_network({"r": CLAIMS_TWO_LANGUAGES}))
        self.assertIsNone(ir.Analysis.load(str(CLAIMS_ONLY)).network)


class Outputs(unittest.TestCase):
    def test_a_network_run_gets_the_figure_and_tables(self):
        files = analysis().expected_files()
        for f in NEW_FILES:
            self.assertIn(f, files)

    def test_a_run_from_before_gets_none_of_them(self):
        for folder in (CLAIMS_TWO_LANGUAGES, CLAIMS_ONLY):
            a = ir.Analysis.load(str(folder))
            self.assertFalse(set(NEW_FILES) & set(a.expected_files()), folder.name)
            self.assertEqual(a.claims_shown.level, "")

    def test_the_claims_figure_and_table_keep_to_loopback(self):
        a = analysis()
        shown = a.claims_shown
        self.assertEqual(set(shown.claims[claims.RTT]), {claims.LOOPBACK})
        self.assertEqual(set(shown.shots[claims.RTT]), {claims.LOOPBACK})
        self.assertIn("loopback only", shown.level)
        display = a.claims_display()
        self.assertEqual(len(display), len(csv(ir.CLAIMS_FILE).drop_duplicates(["claim", "row"])))  # a row each
        loopback = a.study.claims[a.study.claims[claims.RTT] == claims.LOOPBACK]
        first = one(loopback, claim="copy", row="text_per_chunk", language="java")
        self.assertEqual(display.loc[0, "Java estimate [95 % CI]"], claims.estimate_text(first))
        plot = a.figure(ir.claim_intervals)
        self.assertIn("loopback only", " ".join(t.get_text() for t in plot.fig.texts))


class Figure(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.plot = ir.claims_vs_rtt(analysis().study)
        cls.axes = [ax for ax in cls.plot.fig.get_axes() if ax.get_visible() and ax.axison]

    def test_a_panel_per_primary_comparison(self):
        primary = csv(ir.CLAIMS_FILE).query("primary")
        self.assertEqual(len(self.axes), len(primary.drop_duplicates(["claim", "row"])))
        self.assertEqual([ax.get_title(loc="left") for ax in self.axes],
                         ["COPY: text per chunk", "pool: pooled vs per chunk"])

    def test_the_round_trip_times_on_x_loopback_first(self):
        for ax in self.axes:
            self.assertEqual([t.get_text() for t in ax.get_xticklabels()], ["loopback", "2\u00a0ms", "20\u00a0ms"])

    def test_the_unit_on_y(self):
        self.assertIn("x faster", self.axes[0].get_ylabel())
        self.assertEqual(self.axes[0].get_yscale(), "log")
        self.assertIn("% less time", self.axes[1].get_ylabel())

    def test_each_language_at_its_estimates(self):
        primary = csv(ir.CLAIMS_FILE).query("primary")
        for ax, (claim, language) in zip([self.axes[0], self.axes[0], self.axes[1]],
                                         [("copy", "java"), ("copy", "python"), ("pool", "python")]):
            mine = primary[(primary["claim"] == claim) & (primary["language"] == language)]
            want = [one(mine, rtt=level)["estimate"] for level in LEVELS]
            drawn = [list(line.get_ydata()) for line in ax.lines if len(line.get_ydata()) == 3]
            self.assertIn(want, drawn, f"{claim} {language}")

    def test_a_run_from_before_gets_a_placeholder(self):
        plot = ir.claims_vs_rtt(ir.Analysis.load(str(CLAIMS_TWO_LANGUAGES)).study)
        self.assertTrue(plot.missing)


class Tables(unittest.TestCase):
    def test_the_primary_comparisons_per_round_trip_time(self):
        a = analysis()
        display = a.claims_rtt_display()
        primary = a.study.claims[a.study.claims["primary"]]
        self.assertEqual(len(display), len(primary))
        self.assertEqual(list(display.columns), ["claim", "comparison", "language", "rtt", "estimate [95 % CI]",
                                                 "n forks", "verdict"])
        self.assertEqual(list(display["rtt"][:3]), ["loopback", "2\u00a0ms", "20\u00a0ms"])
        for r in primary.itertuples():
            row = one(display, comparison=r.comparison, language=claims.language_name(r.language),
                      rtt=claims.rtt_label(r.rtt, r.rtt_ms))
            self.assertEqual(row["estimate [95 % CI]"], claims.estimate_text(r))
            self.assertEqual(row["n forks"], f"{r.n_forks:.0f}")
            self.assertEqual(row["verdict"], claims.verdict_text(r))
        self.assertIn("[-11514.0, 99.4]", " ".join(display["estimate [95 % CI]"]))

    def test_the_network_split_at_the_relayed_round_trip_times(self):
        display = analysis().network_display()
        written = csv(ir.CLAIMS_NETWORK_FILE)
        relayed = written[written["rtt"] != "loopback"]
        self.assertEqual(len(display), len(relayed))
        self.assertNotIn("loopback", set(display["rtt"]))
        row = one(display, claim="COPY", language="Python", rtt="20\u00a0ms", arm="copy_batch")
        self.assertEqual([row[c] for c in network.SPLIT_NAMES.values()], ["11.8", "651", "235", "416"])

    def test_the_relay_cost(self):
        display = analysis().relay_cost_display()
        self.assertEqual(list(display["estimate [95 % CI]"]),
                         ["43.1 [-11.8, 132]", "7,080 [-3,510, 17,700]", "1,260 [-5,820, 8,350]"])
        self.assertEqual(list(display["unit"]), ["% more time", "ns per row", "ns per row"])
        self.assertEqual(list(display["n pairs (forks)"]), ["16 (2)"] * 3)

    def test_the_files_hold_the_csvs_numbers(self):
        _, out = export(self, NETWORK)
        split = pd.read_csv(out / "tables/claims_network.csv")
        written = csv(ir.CLAIMS_NETWORK_FILE)
        relayed = written[written["rtt"] != "loopback"]
        key = ["claim", "language", "rtt", "arm"]
        merged = split.merge(relayed, on=key, suffixes=("", "_written"))
        self.assertEqual(len(merged), len(relayed))
        for column in network.SPLIT:
            np.testing.assert_allclose(merged[column], merged[column + "_written"])
        cost = pd.read_csv(out / "tables/relay_cost.csv")
        pd.testing.assert_frame_equal(cost.drop(columns="run"), csv(ir.RELAY_COST_FILE), check_dtype=False)
        tex = (out / "tables/claims_rtt.tex").read_text(encoding="utf-8")
        self.assertIn("longtable", tex)
        self.assertEqual(tex.count("COPY text vs executeBatch"), 1)  # each comparison named once
        self.assertIn("13.2~\\% [-11514.0, 99.4]", tex)


class MethodsAndAppendix(unittest.TestCase):
    def test_the_relay_model_where_the_run_measured_through_it(self):
        _, out = export(self, NETWORK)
        md = (out / "methods.md").read_text(encoding="utf-8")
        self.assertIn(network.RELAY_MODEL, md)
        self.assertIn("loopback, 2\u00a0ms and 20\u00a0ms", md)
        _, old = export(self, CLAIMS_TWO_LANGUAGES)
        self.assertNotIn("relay", (old / "methods.md").read_text(encoding="utf-8"))

    def test_the_appendix_includes_them_the_long_tables_after_the_figures(self):
        a, out = export(self, NETWORK)
        tex = (out / "appendix.tex").read_text(encoding="utf-8")
        self.assertIn("{figures/fig16_claims_vs_rtt.pdf}", tex)
        for name in ("claims_rtt", "claims_network", "relay_cost"):
            self.assertIn(f"\\input{{tables/{name}.tex}}", tex)
        self.assertLess(tex.index("fig16_claims_vs_rtt"), tex.index(r"\FloatBarrier"))
        self.assertLess(tex.index(r"\FloatBarrier"), tex.index("tables/claims_rtt.tex"))

    @unittest.skipUnless(appendix.have_pdflatex(), "pdflatex is not installed")
    def test_the_new_tables_fit_the_line(self):
        _, out = export(self, NETWORK)
        ir.compile_pdf(out)
        # pdflatex wraps its log at 79 characters: joined again, a file's name is whole.
        log = re.sub(r"(?m)^(.{79})\n", r"\1", (out / "appendix.log").read_text(encoding="latin-1"))
        for name in ("claims_rtt", "claims_network", "relay_cost"):
            part = log.split(f"(./tables/{name}.tex", 1)[1].split("(./", 1)[0]
            overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", part)]
            self.assertFalse([x for x in overfull if x > 1], f"{name}: lines sticking out {overfull}")


if __name__ == "__main__":
    unittest.main()
