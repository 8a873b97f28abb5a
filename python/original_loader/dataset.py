"""The dataset as Article models, before any timing starts: read from a JSON Lines file, or
generated from the seed (generator.py) and parsed line by line as a file's lines are."""

import json
from typing import Iterator, List, Tuple

from .generator import row_fields
from .models import COLUMNS, Article

_EXPECTED = frozenset(COLUMNS)


class DatasetError(ValueError):
    """A dataset line that does not describe one row of the target table."""


def parse_line(line: str, line_number: int) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise DatasetError(f"line {line_number}: not JSON: {e}") from e
    if not isinstance(obj, dict):
        raise DatasetError(f"line {line_number}: expected a JSON object, got {type(obj).__name__}")
    keys = obj.keys()
    if keys != _EXPECTED:
        # pydantic would silently default missing optional fields and drop extra ones, hiding a
        # dataset that does not match the table.
        missing = sorted(_EXPECTED - keys)
        extra = sorted(keys - _EXPECTED)
        raise DatasetError(f"line {line_number}: keys do not match the table: missing {missing}, unexpected {extra}")
    try:
        article = Article(**obj)
    except Exception as e:  # pydantic's ValidationError differs between v1 and v2
        message = " ".join(str(e).split())
        raise DatasetError(f"line {line_number}: {message}") from e
    if article.ingested_at.tzinfo is None:
        # A naive timestamp would be read in the session's time zone and land shifted.
        raise DatasetError(f"line {line_number}: ingested_at has no UTC offset: {obj['ingested_at']!r}")
    return article


def read_articles(path: str) -> List[Article]:
    articles = []
    with open(path, encoding="utf-8") as f:
        for line_number, line in enumerate(f, start=1):
            if line.strip():
                articles.append(parse_line(line, line_number))
    return articles


def generated_lines(seed: int, size: int, chunk: int = 10_000) -> Iterator[List[Tuple[int, str]]]:
    """Rows 1..size under seed as the JSON lines a file would hold them in, chunk rows at a time,
    each with its line number. Parsing them builds the models exactly as reading a file does (a
    fresh object for every value, dates and timestamps parsed by pydantic), so their size in
    memory is the one the file gave."""
    for start in range(1, size + 1, chunk):
        yield [(id, json.dumps(row_fields(seed, id), ensure_ascii=False, default=_isoformat))
               for id in range(start, min(start + chunk, size + 1))]


def _isoformat(value) -> str:
    return value.isoformat()  # a date, or a timestamp with its offset


def parse_lines(lines: List[Tuple[int, str]]) -> List[Article]:
    return [parse_line(line, line_number) for line_number, line in lines]
