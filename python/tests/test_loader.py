import csv
import io
import unittest
from datetime import date, datetime, timezone

import support

support.require_port_packages()

from original_loader.arms import Protocol, load_arms
from original_loader.loader import BINARY_TYPES, LoadSession, build_statement, csv_text, table_identifier
from original_loader.models import COLUMNS


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
            LoadSession([], "a.b.c", load_arms(support.REPOSITORY_SCHEMA))

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
