"""The table-shape study: which configurations it shows, its figure and its table,
every number a summary.csv column as written."""
import unittest

import pandas as pd

from support import BASIC, HANDWRITTEN, TABLE_SHAPES, bar_heights, folder_with, ir, one, temp_dir
from insert_results import table_shapes

SHAPES = ["HEAP", "PRIMARY_KEY", "PRIMARY_KEY_AND_INDEXES", "UNLOGGED"]


class Selection(unittest.TestCase):
    def test_only_points_differing_in_shape_and_protocol(self):
        a = ir.Analysis.load(str(TABLE_SHAPES))
        points = ir.shape_points(a.df, a.manifests)
        self.assertEqual(list(points["protocol"]), ["BATCH"] * 4 + ["COPY_BINARY"] * 4)
        self.assertEqual(list(points["tableShape"]), SHAPES * 2)
        self.assertEqual(set(points["tasks"]), {4.0})  # tasks 8 is off the study's setting; UNNEST has one shape
        self.assertEqual(table_shapes.base_text(points), "chunkSize 500, tasks 4; POOLED, PLATFORM, PER_CHUNK, FIXED")

    def test_a_summary_written_before_the_factor_reads_as_without_it(self):
        a = ir.Analysis.load(str(BASIC))
        self.assertEqual(set(a.df["tableShape"]), {""})
        self.assertTrue(ir.shape_points(a.df, a.manifests).empty)


class Figure(unittest.TestCase):
    def test_bars_are_rows_per_s_per_shape_grouped_by_protocol(self):
        plot = ir.Analysis.load(str(TABLE_SHAPES)).figure(ir.table_shape_cost)
        self.assertEqual(plot.missing, [])
        ax = plot.fig.get_axes()[0]
        self.assertEqual([t.get_text() for t in ax.get_xticklabels()], ["BATCH", "COPY_BINARY"])
        self.assertEqual(bar_heights(ax), {"no index": [5000.0, 20000.0], "primary key": [4000.0, 15000.0],
                                           "primary key + 2 indexes": [2500.0, 8000.0],
                                           "UNLOGGED, no index": [6000.0, 30000.0]})
        labels = {t.get_text() for t in ax.texts}
        self.assertIn("6,000*", labels)  # one shot: no interval
        self.assertIn("30,000", labels)

    def test_a_run_without_shape_points_draws_the_placeholder(self):
        plot = ir.Analysis.load(str(HANDWRITTEN)).figure(ir.table_shape_cost)
        text = " ".join(t.get_text() for ax in plot.fig.get_axes() for t in ax.texts)
        self.assertIn("No data in this run", text)
        self.assertIn("run profile standard or thesis", plot.missing[0])
        self.assertIn("this run: profile thesis", plot.missing[0])

    def test_shapes_the_run_did_not_measure_are_named(self):
        folder = folder_with(self, summary_rows=[0, 2, 4, 6], source=TABLE_SHAPES)  # HEAP and indexed only
        plot = ir.Analysis.load(str(folder)).figure(ir.table_shape_cost)
        self.assertEqual(len(plot.missing), 1)
        self.assertIn("PRIMARY_KEY, UNLOGGED", plot.missing[0])


class Table(unittest.TestCase):
    def export(self, folder):
        out = temp_dir(self)
        ir.Analysis.load(str(folder), out=str(out)).export_tables()
        return (pd.read_csv(out / "tables/table_shape_cost.csv"),
                (out / "tables/table_shape_cost.tex").read_text(encoding="utf-8"))

    def test_cells_and_csv_are_the_summary_rows(self):
        frame, tex = self.export(TABLE_SHAPES)
        self.assertEqual(len(frame), 8)
        self.assertEqual(one(frame, protocol="COPY_BINARY", tableShape="UNLOGGED")["wal_bytes_per_row"], 4)
        a = ir.Analysis.load(str(TABLE_SHAPES))
        display = ir.tables.table_shape_cost_display(ir.tables.table_shape_cost(a.df, a.manifests))
        heap = one(display, protocol="COPY_BINARY", **{"table shape": "no index"})
        self.assertEqual(heap["rows/s [95 % CI]"], "20,000 [18,000, 22,500]")
        self.assertEqual(one(display, protocol="BATCH", **{"table shape": "UNLOGGED, no index"})["rows/s [95 % CI]"],
                         "6,000")
        for s in (r"\toprule", r"\label{tab:table-shape-cost}", r"COPY\_BINARY", r"rows/\allowbreak{}s [95 \% CI]",
                  r"primary key + 2 indexes"):
            self.assertIn(s, tex)

    def test_a_run_without_shape_points_says_what_adds_them(self):
        frame, tex = self.export(HANDWRITTEN)
        self.assertTrue(frame.empty)
        self.assertIn("no data in this run", tex)
        self.assertIn("run profile standard or thesis", tex)


if __name__ == "__main__":
    unittest.main()
