"""The transport study: which configurations it compares and its figure, every
number a summary.csv column as written."""
import unittest

from support import BASIC, HANDWRITTEN, TRANSPORTS, bar_heights, ir
from insert_results import transports


class Selection(unittest.TestCase):
    def test_only_configurations_differing_in_transport(self):
        a = ir.Analysis.load(str(TRANSPORTS))
        points = transports.transport_points(a.df, a.manifests)
        self.assertEqual(list(points["transport"]), ["TCP", "TLS", "UNIX_SOCKET"] * 3)
        # chunkSize 5,000 of the new connection per chunk was measured over TCP only: nothing to compare
        self.assertEqual(set(points[points["benchmark"] == "NewConnectionPerChunkBenchmark.load"]["chunkSize"]),
                         {1000.0})

    def test_a_summary_written_before_the_factor_reads_as_without_it(self):
        a = ir.Analysis.load(str(BASIC))
        self.assertEqual(set(a.df["transport"]), {""})
        self.assertTrue(transports.transport_points(a.df, a.manifests).empty)


class Figure(unittest.TestCase):
    def test_bars_are_rows_per_s_per_transport_grouped_by_strategy(self):
        plot = ir.Analysis.load(str(TRANSPORTS)).figure(ir.transport_cost)
        self.assertEqual(plot.missing, [])
        ax = plot.fig.get_axes()[0]
        self.assertEqual([t.get_text().split("\n")[0] for t in ax.get_xticklabels()],
                         ["new connection per chunk", "pooled executeBatch", "pooled COPY (binary)"])
        self.assertEqual(bar_heights(ax), {"TCP": [4000.0, 9000.0, 30000.0], "TCP + TLS": [2500.0, 8000.0, 20000.0],
                                           "Unix-domain socket": [5000.0, 9500.0, 33000.0]})
        labels = {t.get_text() for t in ax.texts}
        self.assertIn("9,500*", labels)  # one shot: no interval
        self.assertIn("33,000", labels)

    def test_a_run_without_transport_points_draws_the_placeholder(self):
        plot = ir.Analysis.load(str(HANDWRITTEN)).figure(ir.transport_cost)
        text = " ".join(t.get_text() for ax in plot.fig.get_axes() for t in ax.texts)
        self.assertIn("No data in this run", text)
        self.assertIn("run profile standard or thesis", plot.missing[0])


if __name__ == "__main__":
    unittest.main()
