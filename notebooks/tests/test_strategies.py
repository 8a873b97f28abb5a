"""Naming strategies and choosing which configurations figures and tables show."""
import unittest


from support import BASIC, HANDWRITTEN, folder_with, ir, one
from insert_results import strategies as st


def configurations(folder=HANDWRITTEN):
    df, manifests, _ = ir.load_runs(str(folder))
    return ir.with_names(df), manifests


class Names(unittest.TestCase):
    def test_strategy_names_tell_the_configurations_of_a_benchmark_apart(self):
        df, _ = configurations()
        names = set(df["strategy"])
        for name in ("sync baseline", "pooled COPY (binary)", "original loader (after)",
                     "original loader (before)", "factor study (BATCH, POOLED)", "psql \\copy"):
            self.assertIn(name, names)

    def test_an_unknown_benchmark_is_named_by_its_label(self):
        self.assertEqual(st.strategy_name({"benchmark": "NewBenchmark.load", "label": "a new way"}), "a new way")

    def test_configuration_text_leaves_out_what_the_name_says(self):
        df, _ = configurations()
        self.assertEqual(one(df, benchmark=st.POOLED_COPY, tasks=2.0)["configuration"], "chunkSize 100, tasks 2")
        self.assertEqual(one(df, benchmark=st.FACTOR, conversion="UPFRONT")["configuration"],
                         "chunkSize 1,000, tasks 2; PLATFORM, UPFRONT, FIXED, HEAP")  # the table shape too
        self.assertEqual(one(df, benchmark=st.CEIL_SERVER_COPY)["configuration"], "-")

    def test_profile_hint_names_psql_in_every_matrix_profile(self):
        self.assertIn("run profile quick, standard or thesis", st.profile_hint([st.PSQL_COPY]))
        self.assertIn("run profile thesis", st.profile_hint([st.FACTOR]))


class Selection(unittest.TestCase):
    def test_a_configuration_with_failed_chunks_is_never_the_best(self):
        df, manifests = configurations()
        self.assertFalse(one(df, benchmark=st.POOLED_COPY, tasks=4.0)["complete"])
        best = ir.best_per_strategy(ir.plot_data(df, manifests)).set_index("strategy")
        self.assertEqual(best.loc["pooled COPY (binary)", "tasks"], 2.0)  # tasks 4 is faster but incomplete
        self.assertEqual(best.loc["sync baseline", "chunkSize"], 500.0)
        self.assertTrue(best.index.is_unique)

    def test_empty_chunk_counts_do_not_make_a_configuration_incomplete(self):
        df, _ = configurations(BASIC)  # the suite's fixture has no chunk counters
        self.assertTrue(df["complete"].all())

    def test_best_is_ordered_by_family(self):
        df, manifests = configurations()
        best = ir.best_per_strategy(ir.plot_data(df, manifests))
        families = list(dict.fromkeys(best["family"]))
        self.assertEqual(families, ["baseline", "strategy", "original", "factor", "reference", "ceiling"])

    def test_main_rows_are_the_manifests_dataset_rows(self):
        df, manifests = configurations()
        self.assertEqual(ir.main_rows(df, manifests), {"fixture-handwritten": 1000.0})
        self.assertEqual(ir.main_rows(df, {}), {"fixture-handwritten": 1000.0})  # else the largest

    def test_other_dataset_sizes_are_not_drawn(self):
        d = folder_with(self)
        text = (d / ir.SUMMARY_FILE).read_text(encoding="utf-8").splitlines()
        extra = text[1].replace("SyncBaselineBenchmark.load,baseline,sync baseline,1000,",
                                "SyncBaselineBenchmark.load,baseline,sync baseline,50,", 1)
        (d / ir.SUMMARY_FILE).write_text("\n".join(text + [extra]) + "\n", encoding="utf-8")
        df, manifests = configurations(d)
        self.assertIn(50.0, set(df["rows"]))
        self.assertNotIn(50.0, set(ir.plot_data(df, manifests)["rows"]))


if __name__ == "__main__":
    unittest.main()
