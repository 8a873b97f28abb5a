"""The versions figure: which configurations it shows and what it draws, every
number a summary.csv column as written."""
import unittest

from support import BASIC, FIXTURES, HANDWRITTEN, bar_heights, folder_with, ir

VERSIONS = FIXTURES / "versions"


class Selection(unittest.TestCase):
    def test_only_configurations_measured_on_two_servers_in_the_order_run(self):
        a = ir.Analysis.load(str(VERSIONS))
        points = ir.server_points(a.df, a.manifests)
        self.assertEqual(list(points["server"]), ["17.6 embedded"] * 2 + ["16.11 embedded"] * 2
                         + ["17.6 embedded", "16.11 embedded"])
        self.assertNotIn("PooledBatchBenchmark.load", set(points["benchmark"]))

    def test_a_summary_without_the_server_column_reads_it_as_empty(self):
        a = ir.Analysis.load(str(BASIC))
        self.assertEqual(set(a.df["server"]), {""})
        self.assertTrue(ir.server_points(a.df, a.manifests).empty)


class FirstServer(unittest.TestCase):
    def test_every_other_figure_and_table_draws_the_first_server_of_a_run(self):
        a = ir.Analysis.load(str(VERSIONS))
        self.assertEqual(set(ir.plot_data(a.df, a.manifests)["server"]), {"17.6 embedded"})
        self.assertEqual(set(ir.plot_data(a.df, a.manifests, every_server=True)["server"]),
                         {"17.6 embedded", "16.11 embedded"})
        self.assertEqual(set(a.best["server"]), {"17.6 embedded"})

    def test_the_table_of_every_configuration_names_the_server_where_there_are_several(self):
        every = ir.tables.all_configurations_display(ir.Analysis.load(str(VERSIONS)).df)
        self.assertIn("16.11 embedded", set(every["server"]))
        self.assertNotIn("server", ir.tables.all_configurations_display(ir.Analysis.load(str(BASIC)).df).columns)


class Figure(unittest.TestCase):
    def test_bars_are_rows_per_s_per_server_grouped_by_strategy(self):
        plot = ir.Analysis.load(str(VERSIONS)).figure(ir.throughput_per_server)
        self.assertEqual(plot.missing, [])
        ax = plot.fig.get_axes()[0]
        # new connection per chunk runs at pooled COPY's chunkSize and tasks: two strategies, not one point
        self.assertEqual(bar_heights(ax), {"17.6 embedded": [2000.0, 3000.0, 10000.0],
                                           "16.11 embedded": [1000.0, 2500.0, 12000.0]})
        self.assertEqual([t.get_text() for t in ax.get_xticklabels()],
                         ["sync baseline", "new connection per chunk", "pooled COPY (binary)"])
        labels = {t.get_text() for t in ax.texts}
        self.assertIn("12,000*", labels)  # one shot: no interval
        self.assertIn("2,000", labels)

    def test_a_run_on_one_server_draws_the_placeholder(self):
        folder = folder_with(self, summary_rows=[0, 1, 4, 6], source=VERSIONS)
        plot = ir.Analysis.load(str(folder)).figure(ir.throughput_per_server)
        text = " ".join(t.get_text() for ax in plot.fig.get_axes() for t in ax.texts)
        self.assertIn("No data in this run", text)
        self.assertIn("run profile versions", plot.missing[0])
        self.assertIn("this run: profile versions", plot.missing[0])

    def test_the_handwritten_run_has_no_server_and_gets_the_placeholder(self):
        plot = ir.Analysis.load(str(HANDWRITTEN)).figure(ir.throughput_per_server)
        self.assertIn("--pg-version", plot.missing[0])


if __name__ == "__main__":
    unittest.main()
