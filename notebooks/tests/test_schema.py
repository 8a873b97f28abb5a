"""The notebook's column lists, claims and verdicts against results/schema.json, which the
suite's build checks against the code that writes the files (ResultsSchemaTest): a column
renamed or added in Java fails here instead of reading as an empty one."""
import json
import unittest

from support import ir

from insert_results import claims, interleaved, load, strategies

SCHEMA = json.loads((load.RESULTS_ROOT / "schema.json").read_text(encoding="utf-8"))


class ColumnsAsTheSuiteWritesThem(unittest.TestCase):
    def test_the_schema_is_one_this_package_reads(self):
        self.assertEqual(SCHEMA["schemaVersion"], 1)

    def test_summary_csv(self):
        self.assertEqual(SCHEMA["files"]["summary.csv"], load.SUMMARY_COLUMNS)

    def test_claims_csv_and_claim_shots_csv(self):
        self.assertEqual(SCHEMA["files"]["claims.csv"], claims.CLAIMS_COLUMNS)
        self.assertEqual(SCHEMA["files"]["claim-shots.csv"], claims.CLAIM_SHOTS_COLUMNS)

    def test_interleaved_csv(self):
        self.assertEqual(SCHEMA["files"]["interleaved.csv"], interleaved.RATIOS_COLUMNS)

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
