import os
import tempfile
import unittest
from datetime import date, datetime, timedelta, timezone

import support
from support import HOSTILE, row, write_jsonl

support.require_port_packages()

from original_loader.dataset import DatasetError, parse_line, read_articles
from original_loader.models import COLUMNS, Article, model_fields, row_values, to_dict


class DatasetTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "rows.jsonl")

    def tearDown(self):
        self.dir.cleanup()

    def test_types_nulls_and_hostile_text_survive_parsing(self):
        objects = [row(i) for i in range(len(HOSTILE))]
        objects.append(row(99, abstract=None, authors=None, publication_year=None, publication_date=None,
                           score=None, open_access=None, ingested_at="2024-03-01T14:34:56+02:00"))
        objects.append(row(100, score=3, open_access=False, citations=7))
        write_jsonl(self.path, objects)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write("\n")  # a trailing blank line is not a row

        articles = read_articles(self.path)

        self.assertEqual(len(articles), len(HOSTILE) + 2)
        self.assertEqual([a.abstract for a in articles[:len(HOSTILE)]], HOSTILE)
        first = articles[0]
        self.assertEqual(first.publication_date, date(2020, 2, 29))
        self.assertEqual(first.ingested_at, datetime(2024, 3, 1, 12, 34, 56, 123456, tzinfo=timezone.utc))
        self.assertIsNone(first.journal)
        self.assertIsNone(first.keywords)
        nulls = articles[-2]
        for column in ("abstract", "authors", "publication_year", "publication_date", "score", "open_access"):
            self.assertIsNone(getattr(nulls, column), column)
        self.assertEqual(nulls.ingested_at.utcoffset(), timedelta(hours=2))
        self.assertEqual(nulls.ingested_at, datetime(2024, 3, 1, 12, 34, 56, tzinfo=timezone.utc))
        last = articles[-1]
        self.assertIsInstance(last.score, float)
        self.assertEqual(last.score, 3.0)
        self.assertIs(last.open_access, False)
        self.assertEqual(last.citations, 7)

    def test_model_fields_are_the_table_columns_in_order(self):
        self.assertEqual(model_fields(Article), COLUMNS)

    def test_dict_and_row_keep_column_order(self):
        article = parse_line(support.json.dumps(row(5)), 1)
        d = to_dict(article)
        self.assertEqual(tuple(d), COLUMNS)
        values = row_values(d)
        self.assertEqual(values[0], 5)
        self.assertEqual(values[-1], article.ingested_at)
        self.assertEqual(len(values), 13)

    def test_missing_or_extra_keys_name_the_line(self):
        obj = row(1)
        del obj["keywords"]
        obj["surprise"] = 1
        write_jsonl(self.path, [row(0), obj])
        with self.assertRaises(DatasetError) as ctx:
            read_articles(self.path)
        self.assertIn("line 2", str(ctx.exception))
        self.assertIn("keywords", str(ctx.exception))
        self.assertIn("surprise", str(ctx.exception))

    def test_naive_timestamp_is_rejected(self):
        with self.assertRaises(DatasetError) as ctx:
            parse_line(support.json.dumps(row(1, ingested_at="2024-03-01T12:00:00")), 7)
        self.assertIn("line 7", str(ctx.exception))

    def test_invalid_values_and_json_are_rejected(self):
        with self.assertRaises(DatasetError):
            parse_line(support.json.dumps(row(1, publication_date="2020-02-30")), 1)
        with self.assertRaises(DatasetError):
            parse_line(support.json.dumps(row(1, doi=None)), 1)
        with self.assertRaises(DatasetError):
            parse_line("{not json", 1)
        with self.assertRaises(DatasetError):
            parse_line("[1, 2]", 1)


if __name__ == "__main__":
    unittest.main()
