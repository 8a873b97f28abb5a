"""Where a Python load's time goes: one arm's load under cProfile, its wall time split into converting the
models to rows, the driver's own work (encoding, protocol), waiting on the server (the event loop idle in
epoll, or a sync connection blocked in it) and the rest (the interpreter running asyncio and the loader):

    /usr/bin/python3 -m original_loader.time_split (--generate SEED ROWS | --dataset FILE) --table NAME
        --arm ID [--arm ID ...] [--schema FILE] [--repeat N]

Each arm runs once unprofiled (to warm up and as the reference time), then --repeat times unprofiled and once
under cProfile; one JSON line per arm gives the seconds of each part and how much cProfile slowed the load.
A deterministic profiler charges every Python call: the pure-Python parts (pydantic, psycopg's Python
implementation) look costlier than they are next to compiled code (asyncpg), so the parts are read as shares
of the profiled load, beside the unprofiled time. The table is emptied before every load.
"""

import argparse
import cProfile
import pstats
import sys
from dataclasses import asdict, dataclass
from time import perf_counter, process_time
from typing import Dict, Tuple

from .worker import add_rows_arguments, add_schema_argument, check_rows_arguments, configure_logging, emit, \
    open_session

# Where a profiled function's time is charged: its file's package, or a compiled method's name.
DRIVER_PACKAGES = ("/psycopg/", "/psycopg_pool/", "/asyncpg/")
DRIVER_NAMES = ("psycopg", "asyncpg")
# The conversion the loader makes per model (models.py): everything beneath it counts.
CONVERSION_FUNCTION = ("models.py", "to_dict")


@dataclass(frozen=True)
class TimeSplit:
    """Seconds of one profiled load, by part; they add up to profiled_seconds."""
    conversion: float
    driver: float
    waiting: float
    other: float
    profiled_seconds: float

    def shares(self) -> Dict[str, float]:
        total = self.profiled_seconds
        return {k: (v / total if total > 0 else float("nan")) for k, v in
                (("conversion", self.conversion), ("driver", self.driver), ("waiting", self.waiting),
                 ("other", self.other))}


# The compiled methods a process blocks in while the server works: the selector's poll (asyncio's loop idle)
# and psycopg's own wait on a sync connection.
WAIT_METHODS = ("'select.epoll'", "'select.poll'", "select.select")


def _is_waiting(function: Tuple[str, int, str]) -> bool:
    filename, _, name = function
    return filename == "~" and any(method in name for method in WAIT_METHODS)


def _is_driver(function: Tuple[str, int, str]) -> bool:
    filename, _, name = function
    if filename == "~":
        return any(driver in name for driver in DRIVER_NAMES)
    return any(package in filename for package in DRIVER_PACKAGES)


def _beneath(stats: pstats.Stats, is_part) -> float:
    """The time spent in the part's functions and all they call: each function's cumulative time as called from
    outside the part (so nested calls within it count once)."""
    total = 0.0
    for function, (_, _, _, cumulative, callers) in stats.stats.items():
        if not is_part(function):
            continue
        if not callers:
            total += cumulative
        for caller, timing in callers.items():
            if not is_part(caller):
                total += timing[3]  # the caller's share of this function's cumulative time
    return total


def _waiting_beneath(stats: pstats.Stats, is_part) -> float:
    """The time the part's own calls spent blocked in a poll (a sync connection's wait)."""
    total = 0.0
    for function, (_, _, _, _, callers) in stats.stats.items():
        if _is_waiting(function):
            total += sum(timing[3] for caller, timing in callers.items() if is_part(caller))
    return total


def _is_conversion(function: Tuple[str, int, str]) -> bool:
    filename, _, name = function
    return filename.endswith(CONVERSION_FUNCTION[0]) and name == CONVERSION_FUNCTION[1]


def split(stats: pstats.Stats, profiled_seconds: float) -> TimeSplit:
    """The profiled load's time by part: conversion is everything beneath the loader's to_dict; the driver
    everything beneath its functions but the polls they block in; waiting every poll; the rest the remainder."""
    conversion = _beneath(stats, _is_conversion)
    waiting = sum(own for function, (_, _, own, _, _) in stats.stats.items() if _is_waiting(function))
    driver = max(0.0, _beneath(stats, _is_driver) - _waiting_beneath(stats, _is_driver))
    other = max(0.0, profiled_seconds - conversion - driver - waiting)
    return TimeSplit(conversion, driver, waiting, other, profiled_seconds)


def _empty(table: str) -> None:
    import psycopg

    from .loader import CONNINFO, table_identifier
    with psycopg.connect(CONNINFO, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("TRUNCATE {}").format(table_identifier(table)))


def measure(session, arm_id: str, repeat: int) -> dict:
    """One arm: a warm-up load, repeat unprofiled loads, one profiled; the split and the times."""
    times, cpu = [], []
    for i in range(repeat + 1):
        _empty(session.table)
        started, cpu_started = perf_counter(), process_time()
        result = session.run(arm_id)
        if i > 0:  # the first is the warm-up: pools open, code paths warm
            times.append(perf_counter() - started)
            cpu.append(process_time() - cpu_started)
        _check(result, len(session.models))
    _empty(session.table)
    profiler = cProfile.Profile()
    started = perf_counter()
    profiler.enable()
    result = session.run(arm_id)
    profiler.disable()
    profiled = perf_counter() - started
    _check(result, len(session.models))
    parts = split(pstats.Stats(profiler), profiled)
    unprofiled = sum(times) / len(times)
    return {"arm": arm_id, "rows": len(session.models), "unprofiled_seconds": unprofiled,
            "unprofiled_cpu_seconds": sum(cpu) / len(cpu), "profiled_seconds": profiled,
            "profiler_slowdown": profiled / unprofiled if unprofiled > 0 else float("nan"),
            "seconds": {k: v for k, v in asdict(parts).items() if k != "profiled_seconds"},
            "shares": parts.shares()}


def _check(result: dict, rows: int) -> None:
    if result["inserted"] != rows or result["failed_chunks"]:
        raise RuntimeError(f"arm {result['arm']}: {result['inserted']} of {rows} rows inserted, "
                           f"{result['failed_chunks']} chunks failed: {result['errors']}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m original_loader.time_split", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_rows_arguments(parser)
    parser.add_argument("--table", required=True)
    parser.add_argument("--arm", required=True, action="append", help="an arm id of the schema; repeatable")
    add_schema_argument(parser)
    parser.add_argument("--repeat", type=int, default=3, help="unprofiled loads per arm after the warm-up")
    parser.add_argument("--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    args = check_rows_arguments(parser, parser.parse_args(argv))
    if args.repeat < 1:
        parser.error(f"--repeat must be >= 1, was {args.repeat}")
    configure_logging(args.log_level)

    session, failed = open_session(args, args.arm)
    if session is None:
        return failed
    try:
        for arm_id in args.arm:
            emit(sys.stdout, measure(session, arm_id, args.repeat))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
