"""The tables: summary.csv's numbers formatted, never recomputed; booktabs LaTeX."""
import unittest

import pandas as pd

from support import HANDWRITTEN, folder_with, ir, one, temp_dir
from insert_results import latex

NBSP = "\u00a0"


class BestConfiguration(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = ir.Analysis.load(str(HANDWRITTEN))
        cls.display = cls.a.best_display().set_index("strategy")

    def test_cells(self):
        copy = self.display.loc["pooled COPY (binary)"]
        self.assertEqual(copy["rows/s [95 % CI]"], "10,000 [8,330, 12,500]")
        self.assertEqual(copy["MB/s"], "10.0")
        self.assertEqual(copy["x sync"], "4.00x")
        self.assertEqual(copy["% of server COPY"], f"50.0{NBSP}%")
        self.assertEqual(copy["alloc. B/row"], "2,000")
        self.assertEqual(self.display.loc["new connection per chunk", "rows/s [95 % CI]"], "3,330")  # n = 1

    def test_numbers_are_shown_as_the_suite_wrote_them(self):
        # Numbers that do not fit together (rows_per_s is not rows / seconds_mean, x_sync is not
        # rows_per_s over the sync baseline's): a table that recomputed any of them would differ.
        d = folder_with(self)
        text = (d / ir.SUMMARY_FILE).read_text(encoding="utf-8")
        row = next(l for l in text.splitlines() if l.startswith("PooledCopyBenchmark.load") and ",2,COPY" in l)
        cells = row.split(",")
        cols = text.splitlines()[0].split(",")  # the file's own columns: it may lack later ones (server, transport)
        for col, value in (("rows_per_s", "12345"), ("x_sync", "7.5"), ("x_server_copy", "0.123"),
                           ("mb_per_s", "99.9"), ("rows_per_s_high", "")):
            cells[cols.index(col)] = value
        (d / ir.SUMMARY_FILE).write_text(text.replace(row, ",".join(cells)), encoding="utf-8")
        copy = ir.Analysis.load(str(d)).best_display().set_index("strategy").loc["pooled COPY (binary)"]
        self.assertEqual(copy["rows/s [95 % CI]"], "12,300 [8,330, \u221e]")  # empty high bound: unbounded
        self.assertEqual(copy["x sync"], "7.50x")
        self.assertEqual(copy["% of server COPY"], f"12.3{NBSP}%")
        self.assertEqual(copy["MB/s"], "99.9")

    def test_csv_holds_the_summary_rows(self):
        out = temp_dir(self)
        a = ir.Analysis.load(str(HANDWRITTEN), out=str(out))
        a.export_tables()
        best = pd.read_csv(out / "tables/best_configuration.csv")
        self.assertEqual(one(best, strategy="pooled COPY (binary)")["x_parallel_ceiling"], 0.2)
        every = pd.read_csv(out / "tables/all_configurations.csv")
        self.assertEqual(len(every), 14)
        self.assertIn("server_cpu_ns_per_row", every.columns)


class Latex(unittest.TestCase):
    def export(self):
        out = temp_dir(self)
        ir.Analysis.load(str(HANDWRITTEN), out=str(out)).export_tables()
        return {n: (out / f"tables/{n}.tex").read_text(encoding="utf-8")
                for n in ("best_configuration", "all_configurations", "environment")}

    def test_booktabs_and_escaped(self):
        tex = self.export()
        best = tex["best_configuration"]
        for s in (r"\toprule", r"\midrule", r"\bottomrule", r"\label{tab:best-configuration}",
                  r"rows/\allowbreak{}s [95 \% CI]", r"psql \textbackslash copy", r"50.0~\%", r"\begin{table}[htbp]"):
            self.assertIn(s, best)
        self.assertNotIn("\\copy", best.replace(r"\textbackslash copy", ""))
        self.assertNotIn(" % ", best.replace(r"\%", ""))
        every = tex["all_configurations"]
        self.assertIn(r"\begin{longtable}", every)
        self.assertIn(r"PER\_CHUNK", every)
        self.assertIn(r"synchronous\_commit", tex["environment"])

    def test_glyphs_the_default_font_encoding_lacks(self):
        self.assertEqual(latex.escape("34 -> 20-25 min, 2\u20135x \u00b1 1 \u00b5s 50 %_x"),
                         r"34 -\textgreater{} 20-25 min, 2--5x $\pm$ 1 $\mu$s 50 \%\_x")
        frame = pd.DataFrame({"a_b": ["x < y | z"], "c": ["3.1x [2.8, \u221e]"]})
        tex = latex.booktabs(frame, "Cap_tion 50 %", "tab:t", ["l", 0.3])
        for s in (r"a\_b", r"x \textless{} y \textbar{} z", r"$\infty$", r"p{0.30\linewidth}", r"Cap\_tion 50 \%"):
            self.assertIn(s, tex)


if __name__ == "__main__":
    unittest.main()
