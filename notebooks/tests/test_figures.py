"""The strategy figures draw summary.csv's columns as written."""
import unittest

from matplotlib.backends.backend_agg import FigureCanvasAgg

from support import HANDWRITTEN, folder_with, ir


def analysis(folder=HANDWRITTEN):
    return ir.Analysis.load(str(folder))


def bar_widths(ax):
    """Horizontal bars by their y tick label."""
    labels = [t.get_text() for t in ax.get_yticklabels()]
    return dict(zip(labels, [p.get_width() for p in ax.patches]))


class StrategyFigures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = analysis()

    def test_throughput_bars_are_rows_per_s(self):
        widths = bar_widths(self.a.figure(ir.throughput_best).fig.get_axes()[0])
        self.assertEqual(widths["pooled COPY (binary)"], 10000.0)  # tasks 4 (20,000) lost a chunk
        self.assertEqual(widths["sync baseline"], 2500.0)
        self.assertEqual(len(widths), 11)

    def test_the_throughput_legend_lies_below_the_bars_and_their_labels(self):
        fig = self.a.figure(ir.throughput_best).fig
        ax = fig.get_axes()[0]
        self.assertIsNone(ax.get_legend())
        renderer = FigureCanvasAgg(fig).get_renderer()
        legend = fig.legends[0].get_window_extent(renderer)
        self.assertLess(legend.y1, ax.get_window_extent(renderer).y0)
        self.assertEqual([t.get_text() for t in fig.legends[0].get_texts()][0], ir.strategies.FAMILY_NAMES["baseline"])

    def test_percent_of_ceiling_draws_the_x_columns(self):
        ax = self.a.figure(ir.percent_of_ceiling).fig.get_axes()[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        server_copy = ax.get_lines()[0].get_xdata()
        self.assertEqual(server_copy[labels.index("pooled COPY (binary)")], 0.5)
        self.assertEqual(ax.xaxis.get_major_formatter()(1.0), "100%")

    def test_cpu_memory_and_chunk_panels(self):
        axes = self.a.figure(ir.cpu_and_chunk_time).fig.get_axes()
        self.assertEqual([ax.get_title(loc="left") for ax in axes],
                         ["(a) client CPU", "(b) server CPU", "(c) mean chunk (| slowest)"])
        labels = [t.get_text() for t in axes[0].get_yticklabels()]
        row = labels.index("pooled COPY (binary)")
        self.assertEqual([axes[k].patches[row].get_width() for k in range(3)], [2500.0, 1500.0, 20.0])
        self.assertEqual(axes[2].get_lines()[0].get_xdata()[row], 25.0)  # the slowest chunk's tick
        memory = self.a.figure(ir.memory).fig.get_axes()
        labels = [t.get_text() for t in memory[0].get_yticklabels()]
        row = labels.index("pooled COPY (binary)")
        self.assertEqual((memory[0].patches[row].get_width(), memory[1].patches[row].get_width()), (2000.0, 12.0))

    def test_conversion_panels_pair_upfront_with_its_per_chunk_twin(self):
        axes = self.a.figure(ir.memory).fig.get_axes()
        heights = [p.get_height() for p in axes[2].patches]
        self.assertEqual(heights, [3000.0, 2500.0])  # alloc B/row: UPFRONT, PER_CHUNK
        self.assertEqual([p.get_height() for p in axes[3].patches], [40.0, 10.0])

    def test_speedup_heatmap_shows_x_sync(self):
        fig = self.a.figure(ir.speedup_heatmap).fig
        texts = {t.get_text() for ax in fig.get_axes() for t in ax.texts}
        self.assertIn("4.00x", texts)  # pooled COPY, chunk 100, tasks 2
        self.assertIn("1.33x*", texts)  # new connection per chunk: one shot, no interval

    def test_every_figure_has_its_registry_name(self):
        for spec in self.a.figures():
            self.assertEqual(self.a.figure(spec.draw).name, spec.stem)


class MissingData(unittest.TestCase):
    def test_a_run_without_the_factor_study_says_which_profile_adds_it(self):
        a = analysis(folder_with(self, summary_rows=[0, 1, 2], manifest=False))  # sync x2, pooled COPY
        self.assertIn("FactorBenchmark: run profile thesis", a.figure(ir.throughput_vs_chunk).missing[0])
        self.assertIn("FactorBenchmark", " ".join(a.figure(ir.memory).missing))
        # The ratios to the ceilings are summary.csv's columns: drawn though the ceilings' rows are not here.
        self.assertEqual(a.figure(ir.percent_of_ceiling).missing, [])

    def test_placeholder_names_the_profile(self):
        a = analysis(folder_with(self, summary_rows=[]))
        plot = a.figure(ir.percent_of_ceiling)
        text = " ".join(t.get_text() for ax in plot.fig.get_axes() for t in ax.texts)
        self.assertIn("No data in this run", text)
        self.assertIn("run profile quick, standard or thesis", plot.missing[0])

    def test_empty_summary_draws_placeholders(self):
        a = analysis(folder_with(self, summary_rows=[]))
        for spec in a.figures():
            self.assertTrue(a.figure(spec.draw).missing, spec.stem)


if __name__ == "__main__":
    unittest.main()
