"""The loader's switches, and the arms as settings of them, read from the schema the Java build
writes (results/schema.json, written by ResultsSchema.java): the port runs the arms of the code
that drives it, so a claim's arm is defined once, in Java.

Nothing here imports psycopg or pydantic: the arm table is checked where they are missing too.
"""

import enum
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence

from .chunking import Chunking

log = logging.getLogger(__name__)

# The schemaVersion this module reads; a newer file may mean fields whose sense it does not know.
SCHEMA_VERSION = 2
SCHEMA_NAME = "schema.json"
# Where the jar puts the schema beside the port (the harness unpacks both), then the repository's copy.
PACKAGE_SCHEMA = Path(__file__).resolve().parent / SCHEMA_NAME
REPOSITORY_SCHEMA = Path(__file__).resolve().parents[2] / "results" / SCHEMA_NAME


class Protocol(enum.Enum):
    EXECUTEMANY = "executemany"
    COPY_TEXT = "copy_text"
    COPY_CSV = "copy_csv"
    COPY_BINARY = "copy_binary"


class Connections(enum.Enum):
    POOL = "pool"
    PER_CHUNK = "per_chunk"
    SINGLE_SYNC = "single_sync"


class Conversion(enum.Enum):
    UPFRONT = "upfront"
    PER_CHUNK = "per_chunk"


class Driver(enum.Enum):
    """Which Python driver sends the chunks: the original's psycopg, psycopg with executemany's rows
    sent one execute at a time (each waiting for its reply: executemany outside pipeline mode), or
    asyncpg's binary COPY (copy_records_to_table)."""
    PSYCOPG = "psycopg"
    PSYCOPG_NO_PIPELINE = "psycopg_no_pipeline"
    ASYNCPG = "asyncpg"


@dataclass(frozen=True)
class ArmConfig:
    protocol: Protocol
    connections: Connections
    conversion: Conversion
    chunking: Chunking
    chunk_size: int
    max_tasks: int
    driver: Driver = Driver.PSYCOPG

    def __post_init__(self):
        if self.chunk_size < 1:
            raise ValueError(f"chunk_size must be >= 1, was {self.chunk_size}")
        if self.max_tasks < 1:
            raise ValueError(f"max_tasks must be >= 1, was {self.max_tasks}")
        if self.connections is Connections.SINGLE_SYNC and self.max_tasks != 1:
            # One synchronous connection runs one chunk at a time.
            raise ValueError(f"max_tasks must be 1 with one synchronous connection, was {self.max_tasks}")
        if self.connections is Connections.SINGLE_SYNC and self.driver is not Driver.PSYCOPG:
            raise ValueError(f"one synchronous connection runs the original's psycopg only, not {self.driver.value}")
        if self.driver is Driver.PSYCOPG_NO_PIPELINE and self.protocol is not Protocol.EXECUTEMANY:
            raise ValueError(f"psycopg without a pipeline runs executemany only, not {self.protocol.value}")
        if self.driver is Driver.ASYNCPG and (self.protocol is not Protocol.COPY_BINARY
                                              or self.connections is not Connections.POOL):
            # copy_records_to_table sends binary COPY, and the port runs asyncpg through its pool only
            raise ValueError(f"asyncpg runs pooled binary COPY only, not {self.protocol.value} with "
                             f"connections={self.connections.value}")

    def describe(self) -> str:
        return (f"{self.protocol.value}, connections={self.connections.value}, conversion={self.conversion.value}, "
                f"{self.chunking.value} chunks of {self.chunk_size}, max_tasks={self.max_tasks}, "
                f"driver={self.driver.value}")


# Each Java plan factor: its values as this port's switch settings, or the reason the port has no
# counterpart. A value in neither is one the port has not been told about: an error, not a guess.
_FACTORS = {
    "protocol": (
        {"BATCH": Protocol.EXECUTEMANY, "COPY_TEXT": Protocol.COPY_TEXT, "COPY_CSV": Protocol.COPY_CSV,
         "COPY_BINARY": Protocol.COPY_BINARY},
        {"BATCH_REWRITE": "pgJDBC's rewritten batches (multi-row INSERTs) are not in the port",
         "MULTI_VALUES": "multi-row VALUES statements are not in the port",
         "UNNEST": "INSERT from unnest() of one array per column is not in the port"}),
    "connections": (
        {"POOLED": Connections.POOL, "PER_CHUNK": Connections.PER_CHUNK, "SINGLE": Connections.SINGLE_SYNC}, {}),
    "executor": (
        {"PLATFORM": None},  # the port's asyncio tasks stand for Java's platform threads
        {"VIRTUAL": "it runs on Java virtual threads, which have no asyncio counterpart"}),
    "conversion": ({c.name: c for c in Conversion}, {}),
    "chunking": ({c.name: c for c in Chunking}, {}),
    "pythonDriver": ({d.name: d for d in Driver}, {"NONE": "it is the Java suite's own configuration"}),
}
_NUMBERS = {"chunkSize": "chunk_size", "tasks": "max_tasks"}
# The factors' names as ArmConfig's fields, where they differ.
_FIELDS = {"pythonDriver": "driver"}


class SchemaError(ValueError):
    """The schema is missing, unreadable, of another version, or disagrees with what the port can run."""


class UnknownArm(ValueError):
    pass


class UnavailableArm(UnknownArm):
    """An arm the port knows but this interpreter cannot run: its optional driver is not installed."""


@dataclass(frozen=True)
class ArmTable:
    """The arms the port runs, and the ones it cannot run with why, as one schema file gives them."""

    source: Path
    arms: Mapping[str, ArmConfig]
    unsupported: Mapping[str, str]

    def resolve(self, arm_id: str) -> ArmConfig:
        if arm_id in self.arms:
            return self.arms[arm_id]
        if arm_id in self.unsupported:
            raise UnknownArm(f"arm '{arm_id}' has no Python counterpart: {self.unsupported[arm_id]}")
        known = ", ".join(self.arms)
        raise UnknownArm(f"unknown arm '{arm_id}' (not in {self.source}); known arms: {known}")


def _config(arm_id: str, arm: dict, source: Path):
    """The arm's settings, or None and the reasons it cannot run here."""
    settings, reasons = {}, []
    for factor, (realised, unrealisable) in _FACTORS.items():
        value = arm.get(factor)
        if not isinstance(value, str):
            raise SchemaError(f"{source}: arm '{arm_id}' has {factor} {value!r}, not a name")
        if value in realised:
            if realised[value] is not None:
                settings[_FIELDS.get(factor, factor)] = realised[value]
        elif value in unrealisable:
            reasons.append(unrealisable[value])
        else:
            known = ", ".join([*realised, *unrealisable])
            raise SchemaError(f"{source}: arm '{arm_id}' has {factor} {value!r}, which the port does not know "
                              f"(it knows {known})")
    for field, name in _NUMBERS.items():
        value = arm.get(field)
        if type(value) is not int:
            raise SchemaError(f"{source}: arm '{arm_id}' has {field} {value!r}, not a whole number")
        settings[name] = value
    if reasons:
        return None, reasons
    try:
        return ArmConfig(**settings), []
    except ValueError as e:  # a combination the loader cannot run, such as tasks on one sync connection
        return None, [str(e)]


def _arms(schema: dict, source: Path) -> Dict[str, dict]:
    """Each arm of the schema's claims once, by id; an id names one plan wherever it appears."""
    claims = schema.get("claims")
    if not isinstance(claims, list):
        raise SchemaError(f"{source}: no list of claims")
    arms: Dict[str, dict] = {}
    for claim in claims:
        for arm in claim.get("arms", []) if isinstance(claim, dict) else []:
            arm_id = arm.get("id") if isinstance(arm, dict) else None
            if not isinstance(arm_id, str) or not arm_id:
                raise SchemaError(f"{source}: an arm of claim {claim.get('id')!r} has no id")
            if arm_id in arms and _plan(arms[arm_id]) != _plan(arm):
                raise SchemaError(f"{source}: arm '{arm_id}' has different plans in different claims")
            arms.setdefault(arm_id, arm)
    if not arms:
        raise SchemaError(f"{source}: its claims have no arms")
    return arms


def _plan(arm: dict) -> dict:
    return {k: v for k, v in arm.items() if k not in ("label", "code")}


def arm_table(schema: dict, source: Path) -> ArmTable:
    """The arm table of a parsed schema; a SchemaError where the schema and the port disagree."""
    arms: Dict[str, ArmConfig] = {}
    unsupported: Dict[str, str] = {}
    for arm_id, arm in _arms(schema, source).items():
        in_python = arm.get("python")
        if not isinstance(in_python, bool):
            raise SchemaError(f"{source}: arm '{arm_id}' has python {in_python!r}, not true or false")
        config, reasons = _config(arm_id, arm, source)
        if in_python and config is None:
            raise SchemaError(f"{source}: arm '{arm_id}' is marked to run in Python, but the port cannot run it: "
                              f"{'; '.join(reasons)}")
        if not in_python and config is not None:
            raise SchemaError(f"{source}: arm '{arm_id}' is marked not to run in Python, but the port can run it "
                              f"({config.describe()})")
        if config is None:
            unsupported[arm_id] = "; ".join(reasons)
        else:
            arms[arm_id] = config
    return ArmTable(source, arms, unsupported)


def read_schema(path: Path) -> dict:
    """The parsed schema file, of the version this port reads."""
    try:
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        raise SchemaError(f"cannot read the arm schema {path}: {' '.join(str(e).split())}") from e
    version = schema.get("schemaVersion") if isinstance(schema, dict) else None
    if version != SCHEMA_VERSION:
        raise SchemaError(f"{path} has schemaVersion {version!r}; this port reads version {SCHEMA_VERSION}")
    return schema


def schema_path(given: Optional[str] = None,
                candidates: Sequence[Path] = (PACKAGE_SCHEMA, REPOSITORY_SCHEMA)) -> Path:
    """The schema to read: the one given, else the first candidate that exists."""
    tried: List[Path] = [Path(given)] if given is not None else list(candidates)
    for path in tried:
        if path.is_file():
            return path
    raise SchemaError(f"no arm schema at {' or '.join(map(str, tried))}: the Java build writes it "
                      f"(results/schema.json); --schema names another")


def load_arms(given: Optional[str] = None) -> ArmTable:
    """The arm table from the schema file given, or found where the harness or the repository puts it."""
    path = schema_path(given)
    table = arm_table(read_schema(path), path)
    log.debug("arms from %s: %s; not in Python: %s", path, ", ".join(table.arms), ", ".join(table.unsupported))
    return table
