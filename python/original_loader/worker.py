"""The worker the Java harness drives: one process, one dataset, many loads.

    /usr/bin/python3 -m original_loader.worker (--generate SEED ROWS | --dataset FILE) --table NAME [--schema FILE]

The rows are generated here from the seed, as the Java generator makes them (generator.py), or
read from a JSON Lines file (dataset.py).

The arms come from the results schema the Java build writes (arms.py: where it is found without
--schema). stdout carries the protocol only, one JSON object per line, flushed at once:
a ready line once the rows are models, then one response per command read from stdin
({"arm": ID, "memory": BOOL} runs one load; {"quit": true} or EOF ends). Logs go to stderr.
"""

import argparse
import importlib
import json
import logging
import platform
import sys
from dataclasses import dataclass
from typing import Optional, TextIO, Tuple

from . import APT_LINE

log = logging.getLogger("original_loader.worker")

# Exit codes: 2 bad arguments, unreadable dataset or schema, 3 missing packages.
EXIT_BAD_INPUT = 2
EXIT_MISSING_MODULES = 3
# Generated rows above this many have their models' size traced on a sample of about this many.
TRACED_ROWS = 100_000

_COMMAND_KEYS = frozenset({"arm", "memory", "quit"})


class CommandError(ValueError):
    pass


@dataclass(frozen=True)
class Command:
    arm: Optional[str] = None
    memory: bool = False
    quit: bool = False


def parse_command(line: str) -> Command:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise CommandError(f"bad JSON: {e}") from e
    if not isinstance(obj, dict):
        raise CommandError(f"a command is a JSON object, got {type(obj).__name__}")
    unknown = sorted(obj.keys() - _COMMAND_KEYS)
    if unknown:
        # Fail loud: a key this worker ignores would mean a load the harness did not ask for.
        raise CommandError(f"unknown keys {unknown}; a command has 'arm' and optional 'memory', or 'quit'")
    if "quit" in obj:
        if obj["quit"] is not True:
            raise CommandError(f"'quit' must be true, was {obj['quit']!r}")
        return Command(quit=True)
    arm = obj.get("arm")
    if not isinstance(arm, str) or not arm:
        raise CommandError(f"'arm' must be a non-empty string, was {arm!r}")
    memory = obj.get("memory", False)
    if not isinstance(memory, bool):
        raise CommandError(f"'memory' must be true or false, was {memory!r}")
    return Command(arm=arm, memory=memory)


def encode(message: dict) -> str:
    """One line: json.dumps without indent never emits a newline, and ASCII escapes keep it
    independent of the pipe's encoding."""
    return json.dumps(message, ensure_ascii=True, allow_nan=False)


def emit(out: TextIO, message: dict) -> None:
    out.write(encode(message) + "\n")
    out.flush()


def missing_modules_error() -> Optional[str]:
    """None if psycopg, psycopg_pool and pydantic import, else the one-line reason."""
    try:
        for module in ("psycopg", "psycopg_pool", "pydantic"):
            importlib.import_module(module)
    except ImportError as e:
        name = e.name or str(e)
        return (f"Python module '{name}' is missing from {sys.executable}: install the Debian packages with "
                f"'{APT_LINE}' and run /usr/bin/python3")
    return None


def libpq_version(number: int) -> str:
    # libpq numbers versions as major * 10000 + minor from PostgreSQL 10 on.
    if number >= 100000:
        return f"{number // 10000}.{number % 10000}"
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def unavailable_arms(arms) -> dict:
    """The arms this interpreter cannot run, each with the one-line reason (a missing optional driver)."""
    from . import asyncpg_copy
    from .arms import Driver

    reason = asyncpg_copy.missing_reason()
    return {arm_id: reason for arm_id, config in arms.arms.items()
            if config.driver is Driver.ASYNCPG and reason is not None}


def ready_message(rows: int, dataset_bytes: int, arms) -> dict:
    import psycopg
    import psycopg_pool
    import pydantic

    from . import asyncpg_copy

    return {
        "ready": True,
        "rows": rows,
        "dataset_bytes": dataset_bytes,
        "python": platform.python_version(),
        "psycopg": psycopg.__version__,
        # "python" (Debian's package) or "c"/"binary": the pure-Python one does more work per row
        "psycopg_impl": psycopg.pq.__impl__,
        "psycopg_pool": psycopg_pool.__version__,
        "pydantic": str(pydantic.VERSION),
        "libpq": libpq_version(psycopg.pq.version()),
        # whether psycopg's executemany runs in pipeline mode (libpq 14 and later)
        "psycopg_pipeline": psycopg.Pipeline.is_supported(),
        "asyncpg": asyncpg_copy.version(),
        "unavailable_arms": unavailable_arms(arms),
    }


def configure_logging(level: str) -> None:
    logging.basicConfig(stream=sys.stderr, level=level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The pool logs every connection request at INFO: noise, and work inside timed loads.
    logging.getLogger("psycopg").setLevel(max(logging.WARNING, logging.getLogger().level))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python3 -m original_loader.worker", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_rows_arguments(parser)
    parser.add_argument("--table", required=True, help="target table: name or schema.name, taken literally")
    add_schema_argument(parser)
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    return check_rows_arguments(parser, parser.parse_args(argv))


def add_rows_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the rows come from: exactly one of --generate and --dataset (argparse says so otherwise)."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--generate", nargs=2, type=int, metavar=("SEED", "ROWS"),
                        help="generate rows 1..ROWS from SEED as the Java generator does")
    source.add_argument("--dataset", metavar="FILE", help="JSON Lines file, one row per line")


def check_rows_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    if args.generate is not None:
        seed, rows = args.generate
        if not -2 ** 63 <= seed < 2 ** 63:
            parser.error(f"--generate: SEED must fit a Java long, was {seed}")
        if rows < 0:
            parser.error(f"--generate: ROWS must be >= 0, was {rows}")
    return args


def rows_source(args: argparse.Namespace) -> str:
    if args.generate is not None:
        return "generated from seed {}".format(args.generate[0])
    return f"read from {args.dataset!r}"


def make_rows(args: argparse.Namespace) -> Tuple[list, int]:
    """The rows as models, generated from the seed or read from the file, and the bytes of the
    Python objects they hold (memory.traced_size), counted the same way both ways; above
    TRACED_ROWS generated rows, from a sample of about that many spread over them."""
    from .dataset import generated_lines, parse_lines, read_articles
    from .memory import traced_size, traced_size_by_parts

    if args.generate is not None:
        rows = args.generate[1]
        stride = max(1, -(-rows // TRACED_ROWS))
        return traced_size_by_parts(generated_lines(*args.generate), parse_lines, stride)
    return traced_size(lambda: read_articles(args.dataset))


def add_schema_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--schema", metavar="FILE",
                        help="the results schema whose claims give the arms (default: schema.json in the package "
                             "folder, else the repository's results/schema.json)")


def open_session(args: argparse.Namespace, arm_ids) -> Tuple[Optional[object], int]:
    """A load session on the rows the arguments name, once the packages, the schema and every arm id check out
    (an unknown arm fails before the rows are made); else (None, the exit code), the reason on stderr in one line."""
    missing = missing_modules_error()
    if missing:
        print(missing, file=sys.stderr)
        return None, EXIT_MISSING_MODULES

    from .arms import SchemaError, UnknownArm, load_arms
    from .loader import LoadSession

    try:
        arms = load_arms(args.schema)
        for arm_id in arm_ids:
            arms.resolve(arm_id)
    except (SchemaError, UnknownArm) as e:
        print(e, file=sys.stderr)
        return None, EXIT_BAD_INPUT
    return LoadSession(make_rows(args)[0], args.table, arms), 0


def serve(session, commands: TextIO, out: TextIO) -> None:
    """Answers commands until quit or EOF; a bad command gets an error line, never an exit."""
    from .arms import UnknownArm

    for line in iter(commands.readline, ""):
        if not line.strip():
            continue
        try:
            command = parse_command(line)
        except CommandError as e:
            emit(out, {"error": str(e)})
            continue
        if command.quit:
            return
        try:
            result = session.run(command.arm, command.memory)
        except UnknownArm as e:
            emit(out, {"error": str(e)})
        except Exception as e:  # a failed load (server down, pool timeout) must not end the worker
            log.exception("load of arm %s failed", command.arm)
            emit(out, {"error": f"load of arm '{command.arm}' failed: {' '.join(str(e).split()) or type(e).__name__}"})
        else:
            emit(out, result)


def main(argv=None) -> int:
    args = parse_args(argv)
    configure_logging(args.log_level)
    out = sys.stdout
    sys.stdout = sys.stderr  # a stray print anywhere must not corrupt the protocol

    missing = missing_modules_error()
    if missing:
        log.error("%s", missing)
        emit(out, {"ready": False, "error": missing})
        return EXIT_MISSING_MODULES

    from .arms import SchemaError, load_arms
    from .dataset import DatasetError
    from .loader import LoadSession

    try:
        arms = load_arms(args.schema)
    except SchemaError as e:
        log.error("%s", e)
        emit(out, {"ready": False, "error": str(e)})
        return EXIT_BAD_INPUT
    log.info("arms from %s", arms.source)
    try:
        models, dataset_bytes = make_rows(args)
        session = LoadSession(models, args.table, arms)
    except (OSError, DatasetError, ValueError) as e:
        message = f"cannot load the rows ({rows_source(args)}) for table {args.table!r}: {' '.join(str(e).split())}"
        log.error("%s", message)
        emit(out, {"ready": False, "error": message})
        return EXIT_BAD_INPUT
    log.info("%d rows %s; target table %s", len(models), rows_source(args), args.table)
    # A stray non-UTF-8 byte must become a bad command, not a crash of the read loop.
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    try:
        emit(out, ready_message(len(models), dataset_bytes, arms))
        serve(session, sys.stdin, out)
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
