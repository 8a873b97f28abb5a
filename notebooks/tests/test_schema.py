"""The notebook takes its column lists, benchmark names, claims and verdicts from
results/schema.json, which the suite's build checks against the code that writes the files
(ResultsSchemaTest): a column added in Java is read without an edit here, and one the notebook
draws by name that the schema lacks fails, naming it, instead of reading as an empty one."""
import json
import unittest

from support import ir, temp_dir

from insert_results import claims, interleaved, load, network, peers, pooled, scale, schema, strategies

SCHEMA = json.loads((load.RESULTS_ROOT / "schema.json").read_text(encoding="utf-8"))


class ColumnsAsTheSuiteWritesThem(unittest.TestCase):
    def test_the_schema_is_one_this_package_reads(self):
        self.assertIn(SCHEMA["schemaVersion"], schema.READS)

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

    def test_every_csv_the_notebook_reads_has_the_schemas_columns_and_kinds(self):
        read = {"summary.csv": (load.SUMMARY_COLUMNS, load.SUMMARY_NUMBERS, load.SUMMARY_FLAGS),
                "claims.csv": (claims.CLAIMS_COLUMNS, claims.CLAIMS_NUMBERS, claims.CLAIMS_FLAGS),
                "claim-shots.csv": (claims.CLAIM_SHOTS_COLUMNS, claims.CLAIM_SHOTS_NUMBERS, []),
                "interleaved.csv": (interleaved.RATIOS_COLUMNS, interleaved.RATIOS_NUMBERS, interleaved.RATIOS_FLAGS),
                "interleaved-shots.csv": (interleaved.SHOTS_COLUMNS, interleaved.SHOTS_NUMBERS, []),
                "pooled-claims.csv": (pooled.POOLED_CLAIMS_COLUMNS, pooled.POOLED_CLAIMS_NUMBERS,
                                      pooled.POOLED_CLAIMS_FLAGS),
                "pooled-runs.csv": (pooled.POOLED_RUNS_COLUMNS, pooled.POOLED_RUNS_NUMBERS, []),
                "claims-network.csv": (network.NETWORK_COLUMNS, network.NETWORK_NUMBERS, []),
                "relay-cost.csv": (network.RELAY_COST_COLUMNS, network.RELAY_COST_NUMBERS, []),
                "scale.csv": (scale.POINT_COLUMNS, scale.POINT_NUMBERS, []),
                "scale-fits.csv": (scale.FIT_COLUMNS, scale.FIT_NUMBERS, []),
                "peers.csv": (peers.PEERS_COLUMNS, peers.PEERS_NUMBERS, [])}
        self.assertEqual(set(read), set(SCHEMA["files"]))
        for file, (names, numbers, flags) in read.items():
            described = SCHEMA["files"][file]
            self.assertEqual([c["name"] for c in described], names, file)
            self.assertEqual([c["name"] for c in described if c["kind"] == "number"], numbers, file)
            self.assertEqual([c["name"] for c in described if c["kind"] == "flag"], flags, file)

    def test_a_number_column_is_read_as_numbers_and_a_flag_as_booleans(self):
        summary = load.read_summary(load.SAMPLE_DIR / load.SUMMARY_FILE)
        for column in load.SUMMARY_NUMBERS:
            self.assertEqual(summary[column].dtype, float, column)
        for column in load.SUMMARY_FLAGS:
            self.assertEqual(summary[column].dtype, bool, column)

    def test_a_column_the_notebook_draws_that_the_schema_lacks_is_named(self):
        with self.assertRaisesRegex(schema.SchemaError, "summary.csv has no column wal_per_row, which the notebook draws"):
            schema.require("summary.csv", ["rows_per_s", "wal_per_row"])
        with self.assertRaisesRegex(schema.SchemaError, "no columns for claims.tsv"):
            schema.columns("claims.tsv")
        with self.assertRaisesRegex(schema.SchemaError, "no benchmark SYNC in the catalogue"):
            schema.benchmark("SYNC")

    def test_a_missing_unreadable_or_newer_schema_is_refused_in_one_line(self):
        folder = temp_dir(self)
        for text, message in ((None, "cannot read the results schema"), ("{", "cannot read the results schema"),
                              (json.dumps({"schemaVersion": 99}), "results schema version 99")):
            path = folder / "schema.json"
            if text is not None:
                path.write_text(text, encoding="utf-8")
            with self.assertRaisesRegex(schema.SchemaError, message) as caught:
                schema.read(path)
            self.assertNotIn("\n", str(caught.exception))

    def test_every_benchmark_has_its_short_name_from_the_schema(self):
        self.assertEqual(list(strategies.BENCHMARKS), [b["id"] for b in SCHEMA["benchmarks"]])
        self.assertEqual([info.name for info in strategies.BENCHMARKS.values()],
                         [b["shortName"] for b in SCHEMA["benchmarks"]])
        drawn = {benchmark["family"] for benchmark in SCHEMA["benchmarks"]} - {"claims"}
        self.assertLessEqual(drawn, set(strategies.FAMILY_ORDER))

    def test_families_and_languages_with_their_names_from_the_schema(self):
        self.assertEqual(strategies.FAMILY_ORDER, [f["id"] for f in SCHEMA["families"]])
        self.assertEqual([strategies.FAMILY_NAMES[f["id"]] for f in SCHEMA["families"]],
                         [f["label"] for f in SCHEMA["families"]])
        self.assertEqual(claims.LANGUAGE_NAMES, {lang["id"]: lang["label"] for lang in SCHEMA["languages"]})

    def test_the_interleaved_arms_are_the_schemas_references(self):
        self.assertEqual(list(interleaved.ARMS), [r["id"] for r in SCHEMA["references"]])

    def test_claims_in_the_suites_order_and_every_verdict(self):
        self.assertEqual([claim["id"] for claim in SCHEMA["claims"]], list(claims.CLAIM_NAMES))
        self.assertEqual([claim["title"] for claim in SCHEMA["claims"]], list(claims.CLAIM_NAMES.values()))
        self.assertEqual(SCHEMA["verdicts"], claims.VERDICTS)
        self.assertEqual(ir.VERDICTS, claims.VERDICTS)


if __name__ == "__main__":
    unittest.main()
