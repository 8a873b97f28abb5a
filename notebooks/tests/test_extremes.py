"""Any results folder the suite can write is drawn: intervals without an upper bound, huge
and tiny bounds, one shot, missing configurations. Nothing drawn may depend on a bound being
finite or small; a figure that did would stretch its file to the bound (matplotlib refuses
images over 2^16 pixels a side)."""
import struct
import unittest

import numpy as np

from support import EXTREMES, export, ir
from insert_results.plotting import FIG_WIDTH, STYLE, finite_errors, interval_cap, label_end, limit_axis, upper_bounds

# A figure is FIG_WIDTH inches wide; a long strategy name or a legend beside the axes may widen it, not tenfold.
MAX_WIDTH_PX = 3 * FIG_WIDTH * STYLE["savefig.dpi"]


def png_size(path):
    """(width, height) in pixels, from the PNG's header."""
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])


class ExtremeIntervals(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a, cls.out = export(cls, EXTREMES)

    @classmethod
    def addCleanup(cls, function, *args):  # export's temporary folder, for the whole class
        cls.addClassCleanup(function, *args)

    def test_the_fixture_has_the_extreme_cases(self):
        df = self.a.df
        self.assertTrue((df["rows_per_s_high"] > 100 * df["rows_per_s"]).any(), "a huge upper bound")
        self.assertTrue((df["rows_per_s_low"].notna() & df["rows_per_s_high"].isna()).any(), "an unbounded interval")
        self.assertTrue((df["rows_per_s_low"] < 1).any(), "a tiny lower bound")
        self.assertTrue((df["n"] == 1).any(), "one shot")
        self.assertFalse((df["benchmark"] == ir.strategies.SYNC).any(), "no sync baseline")

    def test_every_figure_is_written_at_its_own_size(self):
        for spec in self.a.figures():
            png = self.out / "figures" / f"{spec.stem}.png"
            self.assertTrue(png.is_file(), spec.stem)
            width, height = png_size(png)
            self.assertLess(width, MAX_WIDTH_PX, spec.stem)
            self.assertLess(height, 2 ** 14, spec.stem)

    def test_every_expected_output_is_written(self):
        self.assertEqual(self.a.check_outputs(), [])

    def test_the_huge_bound_is_cut_at_the_cap_and_marked(self):
        ax = self.a.figure(ir.throughput_best).fig.get_axes()[0]
        right = ax.get_xlim()[1]
        cap = interval_cap(self.a.df[self.a.df["family"] != "ceiling"]["rows_per_s"].tolist()
                           + self.a.df[self.a.df["family"] == "ceiling"]["rows_per_s"].tolist())
        self.assertLess(right, 1.3 * cap)
        arrows = [line for line in ax.get_lines() if line.get_marker() == ">"]
        self.assertTrue(arrows, "the cut intervals end in arrowheads")
        for text in ax.texts:
            self.assertLessEqual(text.get_position()[0], right, text.get_text())


class DrawnIntervals(unittest.TestCase):
    def test_an_unbounded_interval_ends_at_the_cap(self):
        known, err, cut = finite_errors([10.0, 10.0, 10.0], [8.0, np.nan, 9.0], [np.nan, np.nan, 11.0], cap=20.0)
        self.assertEqual(list(known), [True, False, True])
        self.assertEqual(list(cut), [True, False, False])
        self.assertEqual((err[0, 0], err[1, 0]), (2.0, 10.0))
        self.assertEqual(err[1, 2], 1.0)

    def test_without_a_cap_an_unbounded_interval_runs_off_the_axis(self):
        known, err, cut = finite_errors([10.0], [8.0], [np.nan])
        self.assertTrue(known[0])
        self.assertFalse(cut.any())
        self.assertGreater(err[1, 0], 1e100)

    def test_the_cap_is_twice_the_largest_value(self):
        self.assertEqual(interval_cap([1.0, np.nan, 5.0]), 10.0)
        self.assertIsNone(interval_cap([np.nan]))
        self.assertIsNone(interval_cap([]))

    def test_a_label_goes_past_its_bar_but_not_past_the_cap(self):
        self.assertEqual(label_end(10.0, 12.0, cap=20.0), 12.0)
        self.assertEqual(label_end(10.0, 7e7, cap=20.0), 20.0)
        self.assertEqual(label_end(10.0, np.nan, cap=20.0), 10.0)

    def test_the_axis_reaches_the_cap_for_an_unbounded_interval_only(self):
        import matplotlib
        matplotlib.use("Agg")
        from matplotlib.figure import Figure
        ax = Figure().subplots()
        limit_axis(ax, [10.0, 5.0], highs=upper_bounds([8.0, np.nan], [np.nan, np.nan]), pad=1.0)
        self.assertEqual(ax.get_xlim(), (0.0, 20.0))
        limit_axis(ax, [10.0, 5.0], highs=upper_bounds([np.nan, np.nan], [np.nan, np.nan]), pad=1.0)
        self.assertEqual(ax.get_xlim(), (0.0, 10.0))
        limit_axis(ax, [10.0], highs=[7e7], pad=1.0)
        self.assertEqual(ax.get_xlim(), (0.0, 20.0))


if __name__ == "__main__":
    unittest.main()
