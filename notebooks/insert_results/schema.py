"""What the suite's results hold, as its code describes them: results/schema.json, written
from the Java code and held to it by the suite's build (ResultsSchemaTest). The notebook takes
its column lists, benchmark names, claims, verdicts and manifest versions from here instead of
keeping copies; a name it draws that the schema lacks fails here, saying which.
"""
from __future__ import annotations

import json
from pathlib import Path

# The schema versions this package reads (a schema's shape, not the files' columns).
READS = (2,)
PATH = Path(__file__).resolve().parent.parent.parent / "results" / "schema.json"


class SchemaError(ValueError):
    pass


def read(path: Path = PATH) -> dict:
    try:
        schema = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SchemaError(f"{path}: cannot read the results schema ({e}); the suite's build writes it "
                          f"(mvn test -Dtest=ResultsSchemaTest -Dbench.writeSchema=true)") from e
    if schema.get("schemaVersion") not in READS:
        raise SchemaError(f"{path}: results schema version {schema.get('schemaVersion')}, this notebook reads "
                          f"{', '.join(map(str, READS))}: update notebooks/insert_results")
    return schema


SCHEMA = read()


def _described(file: str) -> list[dict]:
    try:
        return list(SCHEMA["files"][file])
    except KeyError:
        raise SchemaError(f"{PATH}: no columns for {file}; it lists {', '.join(SCHEMA['files'])}") from None


def columns(file: str) -> list[str]:
    """The columns of one CSV file the suite writes, in its order."""
    return [column["name"] for column in _described(file)]


def of_kind(file: str, kind: str) -> list[str]:
    """The columns of file whose cells are numbers ("number"), true/false ("flag") or text ("text")."""
    return [column["name"] for column in _described(file) if column["kind"] == kind]


def require(file: str, names) -> list[str]:
    """names, each a column of file the notebook draws by name; fails naming those the schema lacks."""
    names = list(names)
    missing = [n for n in names if n not in columns(file)]
    if missing:
        raise SchemaError(f"{PATH}: {file} has no column {', '.join(missing)}, which the notebook draws")
    return names


def benchmarks() -> list[dict]:
    """The catalogue's benchmarks in its order: id, key, family, label, shortName, parameters, nameParameters."""
    return list(SCHEMA["benchmarks"])


def benchmark(key: str) -> str:
    """The id (Class.method, as summary.csv names it) of the catalogue entry key."""
    for b in SCHEMA["benchmarks"]:
        if b["key"] == key:
            return b["id"]
    raise SchemaError(f"{PATH}: no benchmark {key} in the catalogue; it has "
                      f"{', '.join(b['key'] for b in SCHEMA['benchmarks'])}")


def benchmark_class(key: str) -> str:
    """The benchmark class of the catalogue entry key, as the methods text names it."""
    return benchmark(key).split(".")[0]


def references() -> list[dict]:
    """The interleaved references' arms: id, code, and the benchmark that measures each alone."""
    return list(SCHEMA["references"])


def families() -> list[dict]:
    """summary.csv's families (id, label), in the order figures and tables list them."""
    return list(SCHEMA["families"])


def languages() -> list[dict]:
    """The ports of the original loader the claims study measures (id, label), in order."""
    return list(SCHEMA["languages"])


def claims() -> list[dict]:
    return list(SCHEMA["claims"])


def verdicts() -> list[str]:
    return list(SCHEMA["verdicts"])


def manifests() -> dict:
    """The newest manifest.json schema of each kind of folder."""
    return dict(SCHEMA["manifests"])


def relay_model() -> str:
    """What the latency relay models and leaves out: the paragraph the methods text gives a run measured through it."""
    try:
        return str(SCHEMA["network"]["relayModel"])
    except KeyError:
        raise SchemaError(f"{PATH}: no network.relayModel, the paragraph on the latency relay") from None


def scale_method() -> str:
    """The methods paragraph on the scale study, in the suite's words (ScaleReport.METHOD)."""
    try:
        return str(SCHEMA["scale"]["method"])
    except KeyError:
        raise SchemaError(f"{PATH}: no scale.method, the paragraph on the scale study") from None
