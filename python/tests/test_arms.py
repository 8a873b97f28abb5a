import ast
import tempfile
import unittest
from dataclasses import fields
from pathlib import Path

import support

from original_loader import arms
from original_loader.arms import (ArmConfig, ArmTable, Connections, Conversion, Driver, Protocol, SchemaError,
                                  UnknownArm, arm_table, load_arms, read_schema, schema_path)
from original_loader.chunking import Chunking, effective_chunk_size

# The Java plan field each switch stands for.
JAVA_FIELD = {"protocol": "protocol", "connections": "connections", "conversion": "conversion",
              "chunking": "chunking", "chunk_size": "chunkSize", "max_tasks": "tasks", "driver": "pythonDriver"}


def changes(config, base):
    """The switches an arm sets differently from base."""
    return {f.name for f in fields(ArmConfig) if getattr(config, f.name) != getattr(base, f.name)}


def java_changes(arm, base):
    """The plan fields a Java arm sets differently from base."""
    return {name for name, value in arm.items() if name not in ("id", "label", "code") and value != base[name]}


class RepositorySchemaTest(unittest.TestCase):
    """The port's arm table from the committed schema, checked against the schema itself."""

    @classmethod
    def setUpClass(cls):
        cls.java = support.schema_arms()
        cls.table = load_arms(support.REPOSITORY_SCHEMA)

    def test_every_java_arm_is_here_or_refused(self):
        self.assertEqual(set(self.table.arms), {i for i, arm in self.java.items() if arm["python"]})
        self.assertEqual(set(self.table.unsupported), {i for i, arm in self.java.items() if not arm["python"]})
        self.assertIn("virtual threads", self.table.unsupported["after_virtual"])

    def test_after_is_the_rewrite(self):
        self.assertEqual(self.table.resolve("after"), ArmConfig(Protocol.COPY_TEXT, Connections.POOL,
                                                                Conversion.UPFRONT, Chunking.ADAPTIVE, 5000, 2))

    def test_each_arm_changes_what_its_java_twin_changes(self):
        after, java_after = self.table.resolve("after"), self.java["after"]
        for arm_id, config in self.table.arms.items():
            with self.subTest(arm=arm_id):
                self.assertEqual({JAVA_FIELD[name] for name in changes(config, after)},
                                 java_changes(self.java[arm_id], java_after))

    def test_factor_values(self):
        protocols = {"BATCH": Protocol.EXECUTEMANY, "COPY_TEXT": Protocol.COPY_TEXT, "COPY_CSV": Protocol.COPY_CSV,
                     "COPY_BINARY": Protocol.COPY_BINARY}
        connections = {"POOLED": Connections.POOL, "PER_CHUNK": Connections.PER_CHUNK,
                       "SINGLE": Connections.SINGLE_SYNC}
        for arm_id, config in self.table.arms.items():
            java = self.java[arm_id]
            with self.subTest(arm=arm_id):
                self.assertEqual((config.protocol, config.connections, config.conversion.name, config.chunking.name,
                                  config.chunk_size, config.max_tasks, config.driver.name),
                                 (protocols[java["protocol"]], connections[java["connections"]], java["conversion"],
                                  java["chunking"], java["chunkSize"], java["tasks"], java["pythonDriver"]))

    def test_adaptive_arms_differ_only_in_the_rule_at_500(self):
        after, a = self.table.resolve("after"), self.table.arms
        self.assertEqual(changes(a["fixed_500"], after) - changes(a["adaptive_500"], after), {"chunking"})
        rows = 100_000
        sizes = {arm: effective_chunk_size(rows, a[arm].chunk_size, a[arm].chunking)
                 for arm in ("fixed_500", "adaptive_500", "after", "fixed_5000")}
        self.assertEqual(sizes, {"fixed_500": 500, "adaptive_500": 5000, "after": 5000, "fixed_5000": 5000})

    def test_resolve(self):
        self.assertIs(self.table.resolve("before"), self.table.arms["before"])
        with self.assertRaises(UnknownArm) as ctx:
            self.table.resolve("after_virtual")
        self.assertIn("no Python counterpart", str(ctx.exception))
        with self.assertRaises(UnknownArm) as ctx:
            self.table.resolve("fastest")
        self.assertIn("unknown arm 'fastest'", str(ctx.exception))
        self.assertIn("known arms: after, ", str(ctx.exception))

    def test_invalid_switch_combinations(self):
        with self.assertRaises(ValueError):
            ArmConfig(Protocol.EXECUTEMANY, Connections.SINGLE_SYNC, Conversion.PER_CHUNK, Chunking.FIXED, 5000, 2)
        with self.assertRaises(ValueError):
            ArmConfig(Protocol.COPY_TEXT, Connections.POOL, Conversion.UPFRONT, Chunking.FIXED, 0, 2)
        with self.assertRaises(ValueError):
            ArmConfig(Protocol.COPY_TEXT, Connections.POOL, Conversion.UPFRONT, Chunking.FIXED, 10, 0)

    def test_each_driver_runs_only_what_it_can(self):
        pooled = (Connections.POOL, Conversion.UPFRONT, Chunking.FIXED, 5000, 2)
        for protocol, connections, driver, words in (
                (Protocol.COPY_TEXT, Connections.POOL, Driver.PSYCOPG_NO_PIPELINE, "executemany only"),
                (Protocol.COPY_TEXT, Connections.POOL, Driver.ASYNCPG, "pooled binary COPY only"),
                (Protocol.COPY_BINARY, Connections.PER_CHUNK, Driver.ASYNCPG, "connections=per_chunk"),
                (Protocol.EXECUTEMANY, Connections.SINGLE_SYNC, Driver.PSYCOPG_NO_PIPELINE, "original's psycopg")):
            with self.subTest(driver=driver, protocol=protocol), self.assertRaises(ValueError) as ctx:
                ArmConfig(protocol, connections, *pooled[1:4], 1 if connections is Connections.SINGLE_SYNC else 2,
                          driver=driver)
            self.assertIn(words, str(ctx.exception))
        self.assertIs(ArmConfig(Protocol.COPY_BINARY, *pooled, driver=Driver.ASYNCPG).driver, Driver.ASYNCPG)
        self.assertIs(ArmConfig(Protocol.EXECUTEMANY, *pooled, driver=Driver.PSYCOPG_NO_PIPELINE).driver,
                      Driver.PSYCOPG_NO_PIPELINE)
        self.assertIs(ArmConfig(Protocol.EXECUTEMANY, *pooled).driver, Driver.PSYCOPG)

    def test_no_arm_id_in_the_package_code(self):
        # The ids live in the schema only; an enum value such as copy_csv names a switch, not an arm.
        switch_values = {m.value for switch in (Protocol, Connections, Conversion, Chunking, Driver) for m in switch}
        package = Path(arms.__file__).parent
        for module in sorted(package.glob("*.py")):
            strings = {node.value for node in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
                       if isinstance(node, ast.Constant) and isinstance(node.value, str)}
            with self.subTest(module=module.name):
                self.assertEqual((set(self.java) - switch_values) & strings, set())


class SchemaErrorsTest(unittest.TestCase):
    """What the port says when the schema and the port disagree, or no schema it reads is there."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.folder = self.dir.name

    def tearDown(self):
        self.dir.cleanup()

    def table(self, **edit) -> ArmTable:
        return load_arms(support.edited_schema(self.folder, **edit))

    def error(self, **edit) -> str:
        with self.assertRaises(SchemaError) as ctx:
            self.table(**edit)
        return str(ctx.exception)

    def test_a_changed_arm_flows_through(self):
        self.assertEqual(self.table(arm_id="fixed_500", chunkSize=400).arms["fixed_500"].chunk_size, 400)
        self.assertIs(self.table(arm_id="copy_binary", pythonDriver="ASYNCPG").arms["copy_binary"].driver,
                      Driver.ASYNCPG)

    def test_an_arm_the_schema_lacks_is_unknown(self):
        table = self.table(arm_id="fixed_500", drop=True)
        with self.assertRaises(UnknownArm) as ctx:
            table.resolve("fixed_500")
        self.assertIn("unknown arm 'fixed_500'", str(ctx.exception))
        self.assertIn("known arms: after, ", str(ctx.exception))

    def test_an_unknown_factor_value(self):
        message = self.error(arm_id="copy_csv", protocol="PIPELINE")
        self.assertIn("arm 'copy_csv' has protocol 'PIPELINE', which the port does not know", message)
        self.assertIn("COPY_BINARY", message)
        self.assertIn("whole number", self.error(arm_id="copy_csv", chunkSize="500"))
        message = self.error(arm_id="copy_csv", pythonDriver="ASYNCPG_CYTHON")
        self.assertIn("arm 'copy_csv' has pythonDriver 'ASYNCPG_CYTHON', which the port does not know", message)
        self.assertIn("arm 'copy_csv' is marked to run in Python", self.error(arm_id="copy_csv", pythonDriver="ASYNCPG"))

    def test_the_python_flag_disagreeing(self):
        message = self.error(arm_id="after_virtual", python=True)
        self.assertIn("arm 'after_virtual' is marked to run in Python", message)
        self.assertIn("virtual threads", message)
        self.assertIn("arm 'copy_csv' is marked not to run in Python", self.error(arm_id="copy_csv", python=False))
        self.assertIn("arm 'sync'", self.error(arm_id="sync", tasks=2))  # one sync connection runs one task

    def test_a_factor_the_port_lacks_refuses_the_arm(self):
        table = self.table(arm_id="copy_csv", protocol="UNNEST", python=False)
        self.assertIn("unnest", table.unsupported["copy_csv"])
        self.assertNotIn("copy_csv", table.arms)

    def test_one_id_one_plan(self):
        schema = support.read_schema()
        schema["claims"][0]["arms"][0]["chunkSize"] = 1  # after, in one claim only
        with self.assertRaises(SchemaError) as ctx:
            arm_table(schema, Path("s.json"))
        self.assertIn("arm 'after' has different plans", str(ctx.exception))

    def test_a_missing_file_names_the_paths_tried(self):
        missing = Path(self.folder, "none.json")
        with self.assertRaises(SchemaError) as ctx:
            load_arms(str(missing))
        self.assertIn(str(missing), str(ctx.exception))
        other = Path(self.folder, "other.json")
        with self.assertRaises(SchemaError) as ctx:
            schema_path(candidates=(missing, other))
        self.assertIn(f"{missing} or {other}", str(ctx.exception))

    def test_the_first_schema_present_is_read(self):
        present = Path(support.edited_schema(self.folder))
        self.assertEqual(schema_path(candidates=(Path(self.folder, "none.json"), present)), present)
        self.assertEqual(schema_path(candidates=(present, Path(support.REPOSITORY_SCHEMA))), present)
        self.assertEqual(arms.REPOSITORY_SCHEMA, Path(support.REPOSITORY_SCHEMA).resolve())
        self.assertEqual(arms.PACKAGE_SCHEMA.parent, Path(arms.__file__).resolve().parent)

    def test_a_newer_or_unreadable_schema(self):
        newer = arms.SCHEMA_VERSION + 1
        path = support.edited_schema(self.folder, version=newer)
        with self.assertRaises(SchemaError) as ctx:
            read_schema(Path(path))
        self.assertEqual(str(ctx.exception),
                         f"{path} has schemaVersion {newer}; this port reads version {arms.SCHEMA_VERSION}")
        Path(path).write_text("{", encoding="utf-8")
        with self.assertRaises(SchemaError) as ctx:
            read_schema(Path(path))
        self.assertIn(f"cannot read the arm schema {path}", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
