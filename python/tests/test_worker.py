import json
import os
import subprocess
import sys
import tempfile
import unittest

import support
from support import row, write_jsonl

from original_loader.arms import SCHEMA_VERSION
from original_loader.worker import Command, CommandError, encode, libpq_version, parse_command


class ParseCommandTest(unittest.TestCase):
    def test_load_commands(self):
        self.assertEqual(parse_command('{"arm": "after", "memory": false}\n'), Command(arm="after", memory=False))
        self.assertEqual(parse_command('{"arm": "sync", "memory": true}'), Command(arm="sync", memory=True))
        self.assertEqual(parse_command('{"arm": "before"}'), Command(arm="before", memory=False))

    def test_quit(self):
        self.assertTrue(parse_command('{"quit": true}').quit)
        with self.assertRaises(CommandError):
            parse_command('{"quit": false}')

    def test_bad_commands(self):
        for line in ('{"arm": "after"', "[]", '"after"', '{"arm": 3}', '{"arm": ""}', "{}",
                     '{"arm": "after", "memory": "yes"}', '{"arm": "after", "memory": 1}',
                     '{"arm": "after", "chunk_size": 10}'):
            with self.subTest(line=line), self.assertRaises(CommandError):
                parse_command(line)


class EncodeTest(unittest.TestCase):
    def test_one_ascii_line(self):
        line = encode({"errors": ["chunk 0: bad\nvalue ü"], "seconds": 1.5})
        self.assertNotIn("\n", line)
        self.assertTrue(line.isascii())
        self.assertEqual(json.loads(line), {"errors": ["chunk 0: bad\nvalue ü"], "seconds": 1.5})

    def test_no_nan(self):
        with self.assertRaises(ValueError):
            encode({"throughput": float("nan")})

    def test_libpq_version(self):
        self.assertEqual(libpq_version(150018), "15.18")
        self.assertEqual(libpq_version(170006), "17.6")
        self.assertEqual(libpq_version(90624), "9.6.24")


class WorkerProcessTest(unittest.TestCase):
    """The real process over pipes; no command here reaches a database."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.dataset = os.path.join(self.dir.name, "rows.jsonl")
        write_jsonl(self.dataset, [row(i) for i in range(3)])
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("PG")}
        self.env["PGCONNECT_TIMEOUT"] = "2"

    def tearDown(self):
        self.dir.cleanup()

    def run_worker(self, commands, *python_flags, dataset=None, table="bench_articles", schema=None, rows=None):
        source = rows or ["--dataset", dataset or self.dataset]
        arguments = [*source, "--table", table, *(["--schema", schema] if schema else [])]
        return self.run_module("original_loader.worker", arguments, commands, python_flags)

    def run_module(self, module, arguments, commands="", python_flags=()):
        return subprocess.run([sys.executable, *python_flags, "-m", module, *arguments],
                              input=commands, capture_output=True, text=True, cwd=support.PYTHON_DIR, env=self.env,
                              timeout=60)

    @support.needs_port_packages
    def test_ready_then_errors_then_quit(self):
        commands = "\n".join(['{"arm": "after"', '{"arm": "nope"}', '{"arm": "after_virtual", "memory": false}',
                              '[1]', '{"quit": true}', '{"arm": "after"}']) + "\n"
        done = self.run_worker(commands)
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        ready = lines[0]
        self.assertEqual(ready["ready"], True)
        self.assertEqual(ready["rows"], 3)
        self.assertEqual(set(ready), {"ready", "rows", "python", "psycopg", "psycopg_impl", "psycopg_pool", "pydantic",
                                      "libpq", "dataset_bytes", "psycopg_pipeline", "asyncpg", "unavailable_arms"})
        self.assertIsInstance(ready["psycopg_pipeline"], bool)
        # every arm runs where asyncpg is installed; without it, its arms are named
        asyncpg_arms = {i for i, arm in support.schema_arms().items() if arm["pythonDriver"] == "ASYNCPG"}
        self.assertEqual(set(ready["unavailable_arms"]), set() if ready["asyncpg"] else asyncpg_arms)
        # the three models read are counted, more than their JSON text and less than a megabyte
        self.assertGreater(ready["dataset_bytes"], 3 * 200)
        self.assertLess(ready["dataset_bytes"], 1_000_000)
        self.assertEqual(ready["python"], ".".join(map(str, sys.version_info[:3])))
        self.assertEqual(len(lines), 5, "the command after quit must not run")
        self.assertIn("bad JSON", lines[1]["error"])
        self.assertIn("unknown arm 'nope'", lines[2]["error"])
        self.assertIn("no Python counterpart", lines[3]["error"])
        self.assertIn("JSON object", lines[4]["error"])

    @support.needs_port_packages
    def test_generated_rows_are_ready_and_counted_like_read_ones(self):
        # 10,001 rows: one more than a part of generated_lines
        done = self.run_worker('{"quit": true}\n', rows=["--generate", "-3", "10001"])
        self.assertEqual(done.returncode, 0, done.stderr)
        ready = json.loads(done.stdout)
        self.assertEqual(ready["rows"], 10001)
        self.assertGreater(ready["dataset_bytes"], 10001 * 1000)
        self.assertIn("10001 rows generated from seed -3", done.stderr)

    def test_exactly_one_source_of_rows(self):
        for rows, words in ((["--generate", "1", "2", "--dataset", "x"], "not allowed with"),
                            ([], "one of the arguments --generate --dataset is required"),
                            (["--generate", "1"], "expected 2 arguments"),
                            (["--generate", "1", "-1"], "ROWS must be >= 0"),
                            (["--generate", str(2 ** 63), "1"], "SEED must fit a Java long")):
            with self.subTest(rows=rows):
                done = self.run_module("original_loader.worker", [*rows, "--table", "t"])
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stdout, "")
                self.assertIn(words, done.stderr)

    @support.needs_port_packages
    def test_eof_ends_cleanly(self):
        done = self.run_worker("")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(len(done.stdout.splitlines()), 1)

    @support.needs_port_packages
    def test_bad_dataset_is_reported_on_the_protocol(self):
        with open(self.dataset, "a", encoding="utf-8") as f:
            f.write('{"id": 1}\n')
        done = self.run_worker("")
        self.assertEqual(done.returncode, 2)
        message = json.loads(done.stdout)
        self.assertIs(message["ready"], False)
        self.assertIn("line 4", message["error"])

    @support.needs_port_packages
    def test_a_missing_or_newer_schema_is_reported_on_the_protocol(self):
        missing = os.path.join(self.dir.name, "none.json")
        version = SCHEMA_VERSION + 1
        newer = support.edited_schema(self.dir.name, version=version)
        for schema, words in ((missing, f"no arm schema at {missing}"),
                              (newer, f"{newer} has schemaVersion {version}")):
            with self.subTest(schema=schema):
                done = self.run_worker("", schema=schema)
                self.assertEqual(done.returncode, 2, done.stderr)
                message = json.loads(done.stdout)
                self.assertIs(message["ready"], False)
                self.assertIn(words, message["error"])

    @support.needs_port_packages
    def test_the_arms_are_the_schemas(self):
        schema = support.edited_schema(self.dir.name, arm_id="fixed_500", drop=True)
        done = self.run_worker('{"arm": "fixed_500"}\n', schema=schema)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("unknown arm 'fixed_500'", json.loads(done.stdout.splitlines()[1])["error"])

    @support.needs_port_packages
    def test_the_load_command_refuses_a_missing_schema_in_one_line(self):
        missing = os.path.join(self.dir.name, "none.json")
        done = self.run_module("original_loader.load",
                               ["--dataset", self.dataset, "--table", "t", "--arm", "x", "--schema", missing])
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertEqual(done.stdout, "")
        self.assertEqual(len(done.stderr.splitlines()), 1, done.stderr)
        self.assertIn(missing, done.stderr)

    @support.needs_port_packages
    def test_an_asyncpg_arm_without_asyncpg_is_refused_in_one_line(self):
        # a package named asyncpg that fails to import stands for one that is not installed
        shadow = os.path.join(self.dir.name, "shadow", "asyncpg")
        os.makedirs(shadow)
        with open(os.path.join(shadow, "__init__.py"), "w", encoding="utf-8") as f:
            f.write("raise ImportError('not installed here')\n")
        self.env["PYTHONPATH"] = os.path.dirname(shadow)
        asyncpg_arms = [i for i, arm in support.schema_arms().items() if arm["pythonDriver"] == "ASYNCPG"]
        self.assertTrue(asyncpg_arms, "the schema has an arm sent with asyncpg")
        done = self.run_worker(f'{{"arm": "{asyncpg_arms[0]}"}}\n')
        self.assertEqual(done.returncode, 0, done.stderr)
        ready, answer = [json.loads(line) for line in done.stdout.splitlines()]
        self.assertIsNone(ready["asyncpg"])
        self.assertEqual(sorted(ready["unavailable_arms"]), sorted(asyncpg_arms))
        for reason in (ready["unavailable_arms"][asyncpg_arms[0]], answer["error"]):
            self.assertIn("'asyncpg' is missing", reason)
            self.assertIn("apt-get install -y python3-asyncpg", reason)
        self.assertIn(f"arm '{asyncpg_arms[0]}' cannot run here", answer["error"])

    def test_missing_packages_are_reported_with_the_apt_line(self):
        done = self.run_worker("", "-S")  # -S drops dist-packages, where Debian installs psycopg
        self.assertEqual(done.returncode, 3, done.stderr)
        message = json.loads(done.stdout)
        self.assertIs(message["ready"], False)
        self.assertIn("psycopg", message["error"])
        self.assertIn("apt-get install -y python3-psycopg python3-psycopg-pool python3-pydantic", message["error"])


if __name__ == "__main__":
    unittest.main()
