"""Puts the package on the path (discover imports tests as top-level modules) and holds shared rows."""

import importlib.util
import json
import os
import sys
import unittest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)

from original_loader import APT_LINE  # noqa: E402  (after the path is set)

# The schema the Java build writes from its claims: the tests take the arms from it, as the port does.
REPOSITORY_SCHEMA = os.path.join(os.path.dirname(PYTHON_DIR), "results", "schema.json")

# The port's packages (Debian's); the tests of the modules that import them are skipped without
# them, saying so, unless BENCH_REQUIRE_PYTHON is set (CI), where a missing package fails them.
PORT_PACKAGES = ("psycopg", "psycopg_pool", "pydantic")
MISSING_PACKAGES = [name for name in PORT_PACKAGES if importlib.util.find_spec(name) is None]


# Why the tests that need the port's packages are skipped here, or None where they run.
SKIP_REASON = (f"{sys.executable} lacks {' '.join(MISSING_PACKAGES)} ({APT_LINE})"
               if MISSING_PACKAGES and not os.environ.get("BENCH_REQUIRE_PYTHON") else None)

# A test that starts the worker with the port's packages.
needs_port_packages = unittest.skipIf(SKIP_REASON is not None, SKIP_REASON or "")


def require_port_packages():
    """Skip the calling test module (raise at its import) when the port's packages are missing."""
    if SKIP_REASON:
        raise unittest.SkipTest(SKIP_REASON)


# Text that breaks naive COPY/CSV encoders: delimiters, quotes, escapes, line breaks, the
# end-of-data marker, what looks like NULL, and non-ASCII beyond the BMP.
HOSTILE = [
    'He said "hi", then left',
    "back\\slash \\N \\. \\t",
    "tab\there",
    "line1\nline2\r\nline3\rend",
    "\\.",
    "\\N",
    "NULL",
    "",
    "  padded  ",
    "comma, separated; and|pipes",
    "Ünïcödé – 日本語 – 🚀",
]


def row(i, **overrides):
    """One dataset object with every column, as the Java side writes it."""
    obj = {
        "id": i,
        "doi": f"10.1000/{i}",
        "title": f"Title {i}",
        "abstract": HOSTILE[i % len(HOSTILE)],
        "authors": "A. Author; B. Author",
        "journal": None,
        "publication_year": 2020,
        "publication_date": "2020-02-29",
        "citations": None,
        "score": 0.1,
        "open_access": True,
        "keywords": None,
        "ingested_at": "2024-03-01T12:34:56.123456Z",
    }
    obj.update(overrides)
    return obj


def write_jsonl(path, objects):
    with open(path, "w", encoding="utf-8") as f:
        for obj in objects:
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def read_schema():
    with open(REPOSITORY_SCHEMA, encoding="utf-8") as f:
        return json.load(f)


def schema_arms(schema=None):
    """Each arm of the schema's claims once, by id, as the schema writes it."""
    schema = schema or read_schema()
    return {arm["id"]: arm for claim in schema["claims"] for arm in claim["arms"]}


def edited_schema(folder, arm_id=None, drop=False, version=None, **fields):
    """A copy of the repository's schema in folder, with one arm's fields changed (wherever it
    appears) or the arm dropped, or another schemaVersion; returns its path."""
    schema = read_schema()
    if version is not None:
        schema["schemaVersion"] = version
    for claim in schema["claims"]:
        if drop:
            claim["arms"] = [arm for arm in claim["arms"] if arm["id"] != arm_id]
        for arm in claim["arms"]:
            if arm["id"] == arm_id:
                arm.update(fields)
    path = os.path.join(folder, "schema.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(schema, f)
    return path
