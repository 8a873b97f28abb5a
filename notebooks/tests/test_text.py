"""The methods text says how many shots each configuration ran, also when the forks that interleave arms (claims study,
interleaved references) set their own."""
import unittest

from support import ir

text = ir.text


def manifest(configurations, warmup=1, measured=2):
    return {"jmh": {"version": "1.37", "mode": "ss", "forks": 1, "warmupIterations": warmup,
                    "measurementIterations": measured},
            "order": {"configurations": configurations}}


class ShotsInTheMethodsText(unittest.TestCase):

    def test_claims_forks_report_their_own_shots_not_the_profiles(self):
        m = manifest(["ClaimBenchmark.load {claim=COPY, round=1} (2 + 16 shots)",
                      "ClaimBenchmark.load {claim=POOL, round=1} (4 + 40 shots)"], warmup=0, measured=1)
        paragraph = text.methods_text({"run": m}, [])
        self.assertIn("every configuration, an interleaved fork, set its own shots", paragraph)
        self.assertIn("warm-up 2 to 4, measured 16 to 40", paragraph)
        self.assertNotIn("measured shots: 1 per configuration", paragraph)

    def test_a_mixed_run_states_both(self):
        m = manifest(["SyncBaselineBenchmark.load {chunkSize=500}",
                      "ClaimBenchmark.load {claim=CONVERSION, round=1} (2 + 4 shots)"])
        paragraph = text.methods_text({"run": m}, ["run"])
        self.assertIn("warm-up shots: 1; measured shots: 2 per configuration", paragraph)
        self.assertIn("the interleaved forks (1 configuration) set their own shots", paragraph)
        self.assertEqual(text.own_shots(m), ([(2, 4)], 2))


class TheDriver(unittest.TestCase):

    def test_the_methods_and_the_environment_name_the_jdbc_driver(self):
        m = manifest([])
        m["postgres"] = {"version": "PostgreSQL 17.6 on x86_64", "provider": "embedded",
                         "driver": "PostgreSQL JDBC Driver 42.7.14"}
        self.assertIn("connected through PostgreSQL JDBC Driver 42.7.14", text.methods_text({"run": m}, []))
        self.assertIn(("JDBC driver", "PostgreSQL JDBC Driver 42.7.14"), text.environment_rows(m))


class TheRoundTrip(unittest.TestCase):

    def test_the_environment_says_how_far_the_server_was_where_the_manifest_measured_it(self):
        m = manifest([])
        m["postgres"] = {"version": "PostgreSQL 17.6", "roundTrip": {"medianMs": 0.0912, "minMs": 0.0701, "n": 21}}
        self.assertIn(("round trip (SELECT 1)", "median 0.0912 ms, fastest 0.0701 ms (n = 21, before the first fork)"),
                      text.environment_rows(m))
        del m["postgres"]["roundTrip"]  # a manifest before schema 9
        self.assertNotIn("round trip (SELECT 1)", [name for name, value in text.environment_rows(m) if value])


if __name__ == "__main__":
    unittest.main()


class StartTime(unittest.TestCase):

    def test_the_start_to_the_second_so_that_the_line_can_break(self):
        m = manifest(["SyncBaselineBenchmark.load {chunkSize=500}"])
        m["run"] = {"startedUtc": "2026-12-07T18:08:54.399830618Z"}
        paragraph = text.methods_text({"run": m}, ["run"])
        self.assertIn("started at 2026-12-07T18:08:54Z", paragraph)
        self.assertNotIn("399830618", paragraph)
