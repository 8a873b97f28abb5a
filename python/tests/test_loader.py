import csv
import io
import unittest
from dataclasses import fields
from datetime import date, datetime, timezone

import support  # noqa: F401

support.require_port_packages()

from original_loader.chunking import Chunking, effective_chunk_size
from original_loader.loader import (AFTER, ARMS, BINARY_TYPES, UNSUPPORTED_ARMS, ArmConfig, Connections,
                                    Conversion, LoadSession, Protocol, UnknownArm, build_statement, csv_text,
                                    resolve_arm, table_identifier)
from original_loader.models import COLUMNS

# The Java arms (claims/OriginalClaim.java); after_virtual has no Python counterpart.
JAVA_ARMS = {"after", "copy_batch", "copy_csv", "copy_binary", "new_connection_per_chunk", "convert_per_chunk",
             "fixed_500", "adaptive_500", "fixed_5000", "before", "sync", "after_virtual"}


def changes(config):
    """The switches an arm sets differently from the after loader."""
    return {f.name: getattr(config, f.name) for f in fields(ArmConfig) if getattr(config, f.name) != getattr(AFTER, f.name)}


class ArmTableTest(unittest.TestCase):
    def test_every_java_arm_is_here_or_rejected(self):
        self.assertEqual(set(ARMS) | set(UNSUPPORTED_ARMS), JAVA_ARMS)
        self.assertEqual(set(UNSUPPORTED_ARMS), {"after_virtual"})

    def test_after_is_the_rewrite(self):
        self.assertEqual(AFTER, ArmConfig(Protocol.COPY_TEXT, Connections.POOL, Conversion.UPFRONT,
                                          Chunking.ADAPTIVE, 5000, 2))

    def test_each_claim_arm_changes_only_its_factor(self):
        expected = {
            "after": {},
            "copy_batch": {"protocol": Protocol.EXECUTEMANY},
            "copy_csv": {"protocol": Protocol.COPY_CSV},
            "copy_binary": {"protocol": Protocol.COPY_BINARY},
            "new_connection_per_chunk": {"connections": Connections.PER_CHUNK},
            "convert_per_chunk": {"conversion": Conversion.PER_CHUNK},
            "fixed_500": {"chunk_size": 500, "chunking": Chunking.FIXED},
            "adaptive_500": {"chunk_size": 500},
            "fixed_5000": {"chunking": Chunking.FIXED},
            "before": {"protocol": Protocol.EXECUTEMANY, "connections": Connections.PER_CHUNK,
                       "conversion": Conversion.PER_CHUNK, "chunking": Chunking.FIXED},
            "sync": {"protocol": Protocol.EXECUTEMANY, "connections": Connections.SINGLE_SYNC,
                     "conversion": Conversion.PER_CHUNK, "chunking": Chunking.FIXED, "max_tasks": 1},
        }
        self.assertEqual({arm: changes(config) for arm, config in ARMS.items()}, expected)

    def test_adaptive_arms_differ_only_in_the_rule_at_500(self):
        self.assertEqual(changes(ARMS["fixed_500"]).keys() - changes(ARMS["adaptive_500"]).keys(), {"chunking"})
        rows = 100_000
        sizes = {arm: effective_chunk_size(rows, ARMS[arm].chunk_size, ARMS[arm].chunking)
                 for arm in ("fixed_500", "adaptive_500", "after", "fixed_5000")}
        self.assertEqual(sizes, {"fixed_500": 500, "adaptive_500": 5000, "after": 5000, "fixed_5000": 5000})

    def test_resolve(self):
        self.assertIs(resolve_arm("before"), ARMS["before"])
        with self.assertRaises(UnknownArm) as ctx:
            resolve_arm("after_virtual")
        self.assertIn("no Python counterpart", str(ctx.exception))
        with self.assertRaises(UnknownArm) as ctx:
            resolve_arm("fastest")
        self.assertIn("unknown arm 'fastest'", str(ctx.exception))

    def test_invalid_switch_combinations(self):
        with self.assertRaises(ValueError):
            ArmConfig(Protocol.EXECUTEMANY, Connections.SINGLE_SYNC, Conversion.PER_CHUNK, Chunking.FIXED, 5000, 2)
        with self.assertRaises(ValueError):
            ArmConfig(Protocol.COPY_TEXT, Connections.POOL, Conversion.UPFRONT, Chunking.FIXED, 0, 2)
        with self.assertRaises(ValueError):
            ArmConfig(Protocol.COPY_TEXT, Connections.POOL, Conversion.UPFRONT, Chunking.FIXED, 10, 0)


class StatementTest(unittest.TestCase):
    # Identifiers render only against a connection; the composed parts show what will be sent.
    def test_table_names_are_identifiers_not_text(self):
        self.assertEqual(repr(table_identifier("bench_articles")), "Identifier('bench_articles')")
        self.assertEqual(repr(table_identifier('Odd "Name"')), "Identifier('Odd \"Name\"')")
        self.assertEqual(repr(table_identifier("bench.Articles")), "Identifier('bench', 'Articles')")
        for bad in ("a.b.c", "", ".x", "x."):
            with self.assertRaises(ValueError):
                table_identifier(bad)
        with self.assertRaises(ValueError):
            LoadSession([], "a.b.c")

    def test_insert_uses_named_placeholders_for_every_column(self):
        text = repr(build_statement("t", Protocol.EXECUTEMANY))
        self.assertIn("INSERT INTO ", text)
        for column in COLUMNS:
            self.assertIn(f"Placeholder('{column}')", text)

    def test_copy_formats(self):
        self.assertIn("FROM STDIN')", repr(build_statement("t", Protocol.COPY_TEXT)))
        self.assertIn("(FORMAT csv)", repr(build_statement("t", Protocol.COPY_CSV)))
        self.assertIn("(FORMAT binary)", repr(build_statement("t", Protocol.COPY_BINARY)))

    def test_binary_types_match_the_columns(self):
        self.assertEqual(len(BINARY_TYPES), len(COLUMNS))
        self.assertEqual(dict(zip(COLUMNS, BINARY_TYPES))["publication_date"], "date")
        self.assertEqual(dict(zip(COLUMNS, BINARY_TYPES))["ingested_at"], "timestamptz")


def a_row(**overrides):
    values = dict(zip(COLUMNS, (1, 'a"b', "", None, "x,y", "l1\nl2", 2020, date(2020, 1, 2), None, 1.5, True, "\\N",
                                datetime(2024, 3, 1, 12, 0, 0, 123456, tzinfo=timezone.utc))))
    values.update(overrides)
    return values


class CsvTest(unittest.TestCase):
    def test_null_is_bare_and_every_string_is_quoted(self):
        self.assertEqual(
            csv_text([a_row()]),
            '1,"a""b","",,"x,y","l1\nl2",2020,"2020-01-02",,1.5,True,"\\N","2024-03-01 12:00:00.123456+00:00"\n')

    def test_false_zero_and_all_nulls(self):
        row = dict.fromkeys(COLUMNS)
        row.update(id=0, doi="d", title="t", open_access=False, score=0.0,
                   ingested_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
        self.assertEqual(csv_text([row]), '0,"d","t",,,,,,,0.0,False,,"2024-01-01 00:00:00+00:00"\n')

    def test_hostile_text_reads_back_unchanged(self):
        rows = [a_row(id=i, abstract=text) for i, text in enumerate(support.HOSTILE)]
        parsed = list(csv.reader(io.StringIO(csv_text(rows), newline="")))
        self.assertEqual([r[3] for r in parsed], support.HOSTILE)
        self.assertEqual(len(parsed), len(support.HOSTILE))

    def test_rows_are_separate_lines(self):
        self.assertEqual(csv_text([a_row(id=1, journal="j"), a_row(id=2, journal="j")]).count("\n"), 2)


if __name__ == "__main__":
    unittest.main()
