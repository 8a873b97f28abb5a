"""The notebook's column lists, claims and verdicts against results/schema.json, which the
suite's build checks against the code that writes the files (ResultsSchemaTest): a column
renamed or added in Java fails here instead of reading as an empty one."""
import json
import unittest

from support import ir, temp_dir

from insert_results import claims, interleaved, load, pooled, strategies

SCHEMA = json.loads((load.RESULTS_ROOT / "schema.json").read_text(encoding="utf-8"))


class ColumnsAsTheSuiteWritesThem(unittest.TestCase):
    def test_the_schema_is_one_this_package_reads(self):
        self.assertEqual(SCHEMA["schemaVersion"], 1)

    def test_the_newest_manifests_it_reads_are_the_suites(self):
        self.assertEqual(SCHEMA["manifests"], load.MANIFEST_SCHEMAS)

    def test_a_folder_of_a_newer_suite_is_refused_in_one_line(self):
        folder = temp_dir(self)
        (folder / "manifest.json").write_text(json.dumps({"schemaVersion": load.MANIFEST_SCHEMAS["run"] + 1}))
        problem = load.manifest_problem(folder)
        self.assertIn("newer than this notebook reads", problem)
        self.assertNotIn("\n", problem)
        with self.assertRaises(ValueError):
            load.read_manifest(folder)
        (folder / "manifest.json").write_text(json.dumps({"schemaVersion": 2}))  # an older one is read
        self.assertIsNone(load.manifest_problem(folder))

    def test_summary_csv(self):
        self.assertEqual(SCHEMA["files"]["summary.csv"], load.SUMMARY_COLUMNS)

    def test_claims_csv_and_claim_shots_csv(self):
        self.assertEqual(SCHEMA["files"]["claims.csv"], claims.CLAIMS_COLUMNS)
        self.assertEqual(SCHEMA["files"]["claim-shots.csv"], claims.CLAIM_SHOTS_COLUMNS)

    def test_interleaved_csv(self):
        self.assertEqual(SCHEMA["files"]["interleaved.csv"], interleaved.RATIOS_COLUMNS)

    def test_pooled_claims_csv_and_pooled_runs_csv(self):
        self.assertEqual(SCHEMA["files"]["pooled-claims.csv"], pooled.POOLED_CLAIMS_COLUMNS)
        self.assertEqual(SCHEMA["files"]["pooled-runs.csv"], pooled.POOLED_RUNS_COLUMNS)

    def test_every_benchmark_has_a_short_name_here_or_says_why_not(self):
        suite = [benchmark["id"] for benchmark in SCHEMA["benchmarks"]]
        self.assertEqual(sorted(set(strategies.BENCHMARKS) | set(strategies.NOT_NAMED_HERE)), sorted(suite))
        self.assertFalse(set(strategies.BENCHMARKS) & set(strategies.NOT_NAMED_HERE))
        drawn = {benchmark["family"] for benchmark in SCHEMA["benchmarks"]} - {"claims"}
        self.assertLessEqual(drawn, set(strategies.FAMILY_ORDER))

    def test_claims_in_the_suites_order_and_every_verdict(self):
        self.assertEqual([claim["id"] for claim in SCHEMA["claims"]], list(claims.CLAIM_NAMES))
        self.assertEqual(SCHEMA["verdicts"], claims.VERDICTS)
        self.assertEqual(ir.VERDICTS, claims.VERDICTS)


if __name__ == "__main__":
    unittest.main()
