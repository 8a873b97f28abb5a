"""claims.csv, claim-shots.csv and interleaved.csv in the format with the analysis
scale's columns (what pooling runs reads) and memory compared as a difference in
percent of the dataset, and older files read alongside them.

Fixture `claims_replicated`: a smoke run's claims.csv, claim-shots.csv,
interleaved.csv, interleaved-shots.csv, manifest.json and summary.csv as the suite
wrote them (2,000 rows, one round): the conversion claim in Java (time and retained
memory) and Python (time, retained memory and peak RSS); memory columns empty for
the time rows, a memory ratio only where the original arm holds a tenth of the
dataset's size (Python's retained memory).
"""
import io
import math
import unittest
from contextlib import redirect_stdout

from support import CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, FIXTURES, INTERLEAVED, ir, temp_dir
from insert_results import claims, interleaved

REPLICATED = FIXTURES / "claims_replicated"
NEW_CLAIMS_NUMBERS = ["scale_estimate", "scale_se", "df", "sd_within_round", "sd_between_rounds", "warmup_difference",
                      "warmup_low", "warmup_high", "warmup_forks", "changed_mb", "original_mb", "dataset_mb",
                      "extra_bytes_per_row", "memory_ratio"]


def rows(study):
    return study.claims.set_index(["language", "row"])


class NewColumns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.study = ir.load_claim_study({"r": REPLICATED})

    def test_claims_columns_and_dtypes(self):
        c = self.study.claims
        self.assertEqual(list(c.columns), ["run"] + ir.CLAIMS_COLUMNS)
        self.assertEqual(ir.CLAIMS_COLUMNS[ir.CLAIMS_COLUMNS.index("verdict") + 1], "scale")
        for column in NEW_CLAIMS_NUMBERS:
            self.assertEqual(c[column].dtype, float, column)
        self.assertEqual(c["warmup_flagged"].dtype, bool)
        self.assertEqual(c["scale"].dtype, object)
        r = rows(self.study)
        time, memory = r.loc[("java", "upfront_vs_per_chunk")], r.loc[("java", "retained_memory")]
        self.assertEqual((time["scale"], time["scale_estimate"], time["df"]), ("log_ratio", -0.436031, 1.0))
        self.assertEqual(time["precision_unit"], "log-%")
        self.assertTrue(math.isnan(time["sd_between_rounds"]))  # written NaN: one round
        self.assertTrue(math.isnan(time["changed_mb"]))  # empty for a time row
        self.assertEqual(memory["unit"], "% of dataset more held")
        self.assertEqual(memory["precision_unit"], "pp of dataset")
        self.assertEqual((memory["changed_mb"], memory["original_mb"], memory["extra_bytes_per_row"]),
                         (2.30515, 0.077592, 1113.78))
        self.assertTrue(math.isnan(memory["memory_ratio"]))
        self.assertEqual(r.loc[("python", "retained_memory"), "memory_ratio"], 1.01881)

    def test_claim_shots_dataset_mb(self):
        s = self.study.shots
        self.assertIn("dataset_mb", ir.CLAIM_SHOTS_COLUMNS)
        self.assertEqual(s["dataset_mb"].dtype, float)
        self.assertEqual(set(s.loc[s["language"] == "java", "dataset_mb"]), {2.92065})

    def test_interleaved_columns(self):
        ratios = ir.load_interleaved({"r": REPLICATED}).ratios
        self.assertEqual(list(ratios.columns), ["run"] + interleaved.RATIOS_COLUMNS)
        self.assertEqual(ratios["warmup_flagged"].dtype, bool)
        for column in interleaved.SCALE_COLUMNS[:-1]:
            self.assertEqual(ratios[column].dtype, float, column)
        psql = ratios[ratios["reference"] == "psql"].iloc[0]
        self.assertEqual((psql["scale_estimate"], psql["warmup_difference"], psql["warmup_forks"]),
                         (1.2154, -19.5757, 1.0))


class OlderFiles(unittest.TestCase):
    def test_claims_without_the_new_columns(self):
        for folder in (CLAIMS_ONLY, CLAIMS_TWO_LANGUAGES, ir.REPO_ROOT / "results/20261129T175733Z-claims"):
            c = ir.load_claim_study({"old": folder}).claims
            self.assertEqual(list(c.columns), ["run"] + ir.CLAIMS_COLUMNS, folder)
            for column in NEW_CLAIMS_NUMBERS:
                self.assertEqual(c[column].dtype, float, column)
                self.assertTrue(c[column].isna().all(), column)
            self.assertEqual(set(c["scale"]), {""})
            self.assertFalse(c["warmup_flagged"].any())
            self.assertEqual(c["warmup_flagged"].dtype, bool)

    def test_claim_shots_without_dataset_mb(self):
        s = ir.load_claim_study({"old": CLAIMS_TWO_LANGUAGES}).shots
        self.assertEqual(s["dataset_mb"].dtype, float)
        self.assertTrue(s["dataset_mb"].isna().all())

    def test_interleaved_without_the_new_columns(self):
        ratios = ir.load_interleaved({"old": INTERLEAVED}).ratios
        self.assertEqual(list(ratios.columns), ["run"] + interleaved.RATIOS_COLUMNS)
        self.assertTrue(ratios["scale_estimate"].isna().all())
        self.assertEqual(ratios["scale_estimate"].dtype, float)
        self.assertFalse(ratios["warmup_flagged"].any())

    def test_old_memory_text_is_unchanged(self):
        d = ir.claim_study_display(ir.load_claim_study({"old": CLAIMS_ONLY}).claims).set_index(
            ir.load_claim_study({"old": CLAIMS_ONLY}).claims["row"])
        self.assertEqual(d.loc["retained_memory", "claimed"], "at most 0.5x memory")


class MemoryText(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        study = ir.load_claim_study({"r": REPLICATED})
        cls.rows = {(r.language, r.row): r for r in study.claims.itertuples()}
        cls.display = ir.claim_study_display(study.claims)

    def test_estimate_with_what_each_arm_held(self):
        self.assertEqual(claims.estimate_text(self.rows[("java", "retained_memory")]),
                         "+76.3\u00a0% of dataset; 2.3 vs 0.1 MB, +1,114 B/row")  # one fork: no interval
        self.assertEqual(claims.estimate_text(self.rows[("python", "retained_memory")]),
                         "+0.4\u00a0% of dataset; 1.1 vs 1.0 MB, +10 B/row, 1.02x")
        self.assertEqual(claims.estimate_text(self.rows[("python", "peak_rss")]),
                         "-0.1\u00a0% of dataset [-0.1, -0.1]; 0.2 vs 0.2 MB, -2 B/row")
        self.assertEqual(claims.estimate_text(self.rows[("java", "upfront_vs_per_chunk")]),
                         "35.3\u00a0% [-1742.0, 97.7]")

    def test_claimed_ranges(self):
        self.assertEqual(claims.claimed_range_text(0.0, 10.0, "% of dataset more held"),
                         "0\u201310 % of dataset more held")
        self.assertEqual(claims.claimed_range_text(0.0, math.nan, "% of dataset more held"),
                         "above 0 % of dataset more held")
        self.assertEqual(claims.claimed_range_text(math.nan, 0.5, "x memory"), "at most 0.5x memory")

    def test_table(self):
        memory = self.display[self.display["row"] == "retained memory *"].iloc[0]
        self.assertEqual(memory["claimed"], "0\u201310 % of dataset more held")
        self.assertEqual(memory["Java estimate [95 % CI]"], "+76.3\u00a0% of dataset; 2.3 vs 0.1 MB, +1,114 B/row")

    def test_figure_has_a_memory_difference_panel(self):
        axes = ir.claim_intervals(ir.load_claim_study({"r": REPLICATED})).fig.get_axes()
        self.assertEqual([ax.get_xlabel() for ax in axes],
                         ["% less time", "% of dataset more held (changed arm minus the original)"])
        self.assertEqual([ax.get_xscale() for ax in axes], ["linear", "linear"])


class MethodsText(unittest.TestCase):
    def methods(self, folder):
        out = temp_dir(self)
        a = ir.Analysis.load(str(folder), out=str(out))
        with redirect_stdout(io.StringIO()):
            a.export_methods()
        return (out / "methods.md").read_text(encoding="utf-8")

    def test_memory_as_a_difference_in_the_new_format(self):
        text = self.methods(REPLICATED)
        self.assertIn("Memory is compared as a difference, not a ratio", text)
        self.assertNotIn("Retained heap is the heap used right after a full collection", text)
        self.assertIn("peak RSS row compares the growth of the process's resident memory during a load, as a "
                      "difference in percent of the dataset.", text)

    def test_memory_as_a_ratio_in_older_files(self):
        text = self.methods(CLAIMS_TWO_LANGUAGES)
        self.assertIn("memory comparisons are ratios of the two arms' retained heap", text)
        self.assertNotIn("as a difference in percent of the dataset", text)


if __name__ == "__main__":
    unittest.main()
