"""The original insert_async_parallel, with every change its rewrite claimed as a separate
switch (arms.py: an arm is a setting of each, so that comparing two arms changes one factor).
Also the synchronous baseline the original was compared with.

Every chunk is one transaction: it commits, or it is rolled back, counted and logged while
the other chunks go on (the rewrite's "handles all exceptions").
"""

import asyncio
import csv
import gc
import io
import logging
from contextlib import asynccontextmanager
from time import perf_counter
from typing import Dict, List, Optional, Sequence, Tuple

import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from .arms import ArmConfig, ArmTable, Connections, Conversion, Driver, Protocol, UnavailableArm
from .chunking import plan_chunks
from .memory import MemoryProbe
from .metrics import ChunkOutcome, LoadMetrics, describe_error, summarise
from .models import COLUMNS, Article, row_values, to_dict

log = logging.getLogger(__name__)

# Connection parameters come from the libpq environment (PGHOST, PGPORT, PGUSER, ...) only.
CONNINFO = ""

# The original's pool settings.
POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 5
# Opening a pool waits for its first connection; a server that does not answer fails the command.
POOL_OPEN_TIMEOUT = 30.0


def table_parts(name: str) -> Tuple[str, ...]:
    """'table' or 'schema.table' as its parts, each taken literally (case and odd characters kept)."""
    parts = tuple(name.split("."))
    if len(parts) > 2 or not all(parts):
        raise ValueError(f"table must be 'name' or 'schema.name', was {name!r}")
    return parts


def table_identifier(name: str) -> sql.Identifier:
    return sql.Identifier(*table_parts(name))


_COLUMN_LIST = sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)

_COPY_OPTIONS = {
    Protocol.COPY_TEXT: sql.SQL(""),  # text is COPY's default, and what write_row sends
    Protocol.COPY_CSV: sql.SQL(" (FORMAT csv)"),
    Protocol.COPY_BINARY: sql.SQL(" (FORMAT binary)"),
}


def build_statement(table: str, protocol: Protocol) -> sql.Composed:
    target = table_identifier(table)
    if protocol is Protocol.EXECUTEMANY:
        # Named placeholders: executemany receives the rows as the dicts the models became.
        values = sql.SQL(", ").join(sql.Placeholder(c) for c in COLUMNS)
        return sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(target, _COLUMN_LIST, values)
    return sql.SQL("COPY {} ({}) FROM STDIN{}").format(target, _COLUMN_LIST, _COPY_OPTIONS[protocol])


# Binary COPY sends no type information: the column types, in column order.
BINARY_TYPES = ("int8", "text", "text", "text", "text", "text", "int4", "date", "int4", "float8", "bool", "text",
                "timestamptz")


class _CsvNull:
    """NULL in a CSV COPY row.

    COPY reads an unquoted empty field as NULL and a quoted one as the empty string. With
    QUOTE_NONNUMERIC the csv module quotes every string (so "" stays an empty string) and
    leaves numbers bare; defining __index__ makes this marker count as a number, so it is
    written as a bare empty field. (Python 3.12's QUOTE_NOTNULL would do this for None, but
    Debian 12 has 3.11.)
    """

    __slots__ = ()

    def __index__(self):
        return 0

    def __str__(self):
        return ""


CSV_NULL = _CsvNull()


def csv_text(rows: Sequence[dict]) -> str:
    """The rows as COPY (FORMAT csv) input, one line per row ('\\n' ends rows; newlines inside
    quoted fields are data)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerows([CSV_NULL if v is None else v for v in row_values(row)] for row in rows)
    return buffer.getvalue()


async def _write_async(cur, protocol: Protocol, statement, rows: List[dict]) -> None:
    if protocol is Protocol.EXECUTEMANY:
        await cur.executemany(statement, rows)
        return
    async with cur.copy(statement) as copy:
        if protocol is Protocol.COPY_CSV:
            await copy.write(csv_text(rows))
            return
        if protocol is Protocol.COPY_BINARY:
            copy.set_types(BINARY_TYPES)
        for row in rows:
            await copy.write_row(row_values(row))


def _write_sync(cur, protocol: Protocol, statement, rows: List[dict]) -> None:
    if protocol is Protocol.EXECUTEMANY:
        cur.executemany(statement, rows)
        return
    with cur.copy(statement) as copy:
        if protocol is Protocol.COPY_CSV:
            copy.write(csv_text(rows))
            return
        if protocol is Protocol.COPY_BINARY:
            copy.set_types(BINARY_TYPES)
        for row in rows:
            copy.write_row(row_values(row))


def _chunk_rows(converted: Optional[List[dict]], models: Sequence[Article], start: int, end: int) -> List[dict]:
    if converted is not None:
        return converted[start:end]
    return [to_dict(m) for m in models[start:end]]


async def open_pool(name: str) -> AsyncConnectionPool:
    pool = AsyncConnectionPool(CONNINFO, min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE, open=False, name=name)
    # Waits for min_size connections; on timeout the pool closes itself and raises.
    await pool.open(wait=True, timeout=POOL_OPEN_TIMEOUT)
    return pool


def _why_no_connection() -> str:
    """The reason a pool gives no connection: its own timeout message does not say."""
    try:
        # A bounded wait: an address that drops packets would otherwise hang the diagnosis.
        with psycopg.connect(CONNINFO, connect_timeout=5):
            return "a direct connection succeeds"
    except Exception as e:
        return f"a direct connection fails with {describe_error(e)}"


@asynccontextmanager
async def _new_connection():
    conn = await psycopg.AsyncConnection.connect(CONNINFO)
    try:
        yield conn
    finally:
        await conn.close()


async def _rollback_quietly(conn) -> None:
    if conn.closed:
        return
    try:
        await conn.rollback()
    except Exception as e:  # the chunk's own error is the one worth reporting
        log.debug("rollback failed: %s", e)


def _rollback_quietly_sync(conn) -> None:
    if conn.closed:
        return
    try:
        conn.rollback()
    except Exception as e:
        log.debug("rollback failed: %s", e)


def _failed(index: int, start: int, end: int, started: float, error: BaseException) -> ChunkOutcome:
    message = describe_error(error)
    log.warning("chunk %d (rows %d to %d) rolled back: %s", index, start, end - 1, message)
    return ChunkOutcome(index, end - start, perf_counter() - started, message)


async def _run_chunk(index, start, end, converted, models, writer, slots) -> ChunkOutcome:
    async with slots:
        started = perf_counter()
        try:
            rows = _chunk_rows(converted, models, start, end)
            async with writer.connection() as conn:
                await writer.write(conn, rows)
        except Exception as e:
            return _failed(index, start, end, started, e)
        return ChunkOutcome(index, end - start, perf_counter() - started)


class PsycopgWriter:
    """Writes a chunk as one psycopg transaction: committed, or rolled back and raised."""

    def __init__(self, config: ArmConfig, table: str, pool: Optional[AsyncConnectionPool]):
        self.connection = pool.connection if config.connections is Connections.POOL else _new_connection
        self.statement = build_statement(table, config.protocol)
        self.protocol = config.protocol
        self.one_at_a_time = config.driver is Driver.PSYCOPG_NO_PIPELINE

    async def write(self, conn, rows: List[dict]) -> None:
        try:
            async with conn.cursor() as cur:
                if self.one_at_a_time:
                    # executemany outside pipeline mode: each row's INSERT waits for its reply
                    for row in rows:
                        await cur.execute(self.statement, row)
                else:
                    await _write_async(cur, self.protocol, self.statement, rows)
            await conn.commit()
        except BaseException:
            await _rollback_quietly(conn)
            raise


def chunk_writer(config: ArmConfig, table: str, pool=None):
    """The writer of the arm's driver; pool is the arm's open pool where it has one."""
    if config.connections is Connections.POOL and pool is None:
        raise ValueError("this arm needs an open pool")
    if config.driver is Driver.ASYNCPG:
        from .asyncpg_copy import AsyncpgCopyWriter
        return AsyncpgCopyWriter(table, pool)
    return PsycopgWriter(config, table, pool)


async def load_async(config: ArmConfig, models: Sequence[Article], table: str, pool=None) -> LoadMetrics:
    """One load with asyncio tasks, as insert_async_parallel ran it."""
    if config.connections is Connections.SINGLE_SYNC:
        raise ValueError("a single synchronous connection runs through load_sync")
    writer = chunk_writer(config, table, pool)
    slots = asyncio.Semaphore(config.max_tasks)

    started = perf_counter()
    converted = [to_dict(m) for m in models] if config.conversion is Conversion.UPFRONT else None
    plan = plan_chunks(len(models), config.chunk_size, config.chunking)
    ranges = plan.ranges()
    tasks = [asyncio.create_task(_run_chunk(i, start, end, converted, models, writer, slots))
             for i, (start, end) in enumerate(ranges)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    seconds = perf_counter() - started

    outcomes = []
    for i, ((start, end), result) in enumerate(zip(ranges, results)):
        if isinstance(result, ChunkOutcome):
            outcomes.append(result)
        else:  # only a cancellation gets past a chunk's own handler
            outcomes.append(ChunkOutcome(i, end - start, 0.0, describe_error(result)))
    return summarise(outcomes, seconds)


def load_sync(config: ArmConfig, models: Sequence[Article], table: str) -> LoadMetrics:
    """One load on one synchronous connection, one chunk after the other."""
    if config.connections is not Connections.SINGLE_SYNC:
        raise ValueError("load_sync runs only the single synchronous connection")
    statement = build_statement(table, config.protocol)

    started = perf_counter()
    converted = [to_dict(m) for m in models] if config.conversion is Conversion.UPFRONT else None
    plan = plan_chunks(len(models), config.chunk_size, config.chunking)
    outcomes = []
    with psycopg.connect(CONNINFO) as conn:
        for i, (start, end) in enumerate(plan.ranges()):
            chunk_started = perf_counter()
            try:
                rows = _chunk_rows(converted, models, start, end)
                try:
                    with conn.cursor() as cur:
                        _write_sync(cur, config.protocol, statement, rows)
                    conn.commit()
                except BaseException:
                    _rollback_quietly_sync(conn)
                    raise
            except Exception as e:
                outcomes.append(_failed(i, start, end, chunk_started, e))
                continue
            outcomes.append(ChunkOutcome(i, end - start, perf_counter() - chunk_started))
    seconds = perf_counter() - started
    return summarise(outcomes, seconds)


def result_message(arm_id: str, metrics: LoadMetrics, memory) -> dict:
    """One load's protocol response."""
    return {
        "arm": arm_id,
        "inserted": metrics.inserted,
        "chunks": metrics.chunks,
        "successful_chunks": metrics.successful_chunks,
        "failed_chunks": metrics.failed_chunks,
        "seconds": metrics.seconds,
        "throughput": metrics.throughput,
        "avg_chunk_seconds": metrics.avg_chunk_seconds,
        "max_chunk_seconds": metrics.max_chunk_seconds,
        "rss_before_bytes": memory.rss_before_bytes,
        "peak_rss_growth_bytes": memory.peak_rss_growth_bytes,
        "tracemalloc_peak_bytes": memory.tracemalloc_peak_bytes,
        "errors": metrics.errors,
    }


class LoadSession:
    """Runs loads of one dataset into one table, arm after arm, each arm as the arm table has it.

    Pools are per arm: opened (and waited ready) before an arm's first timed load, kept open
    across its later loads, so one arm's grown pool never helps another, and closed by close().
    One event loop serves the whole session because a pool belongs to the loop it was opened on.
    """

    def __init__(self, models: Sequence[Article], table: str, arms: ArmTable):
        table_identifier(table)  # a bad name fails now, not on the first load
        self.models = models
        self.table = table
        self.arms = arms
        self._loop = asyncio.new_event_loop()
        self._pools: Dict[str, object] = {}  # psycopg_pool's or asyncpg's, per arm

    def _pool_for(self, arm_id: str, config: ArmConfig):
        if config.connections is not Connections.POOL:
            return None
        pool = self._pools.get(arm_id)
        if pool is None:
            if config.driver is Driver.ASYNCPG:
                from .asyncpg_copy import open_asyncpg_pool as opener
            else:
                opener = open_pool
            try:
                pool = self._loop.run_until_complete(opener(f"arm-{arm_id}"))
            except Exception as e:
                raise RuntimeError(f"{describe_error(e)}; {_why_no_connection()}") from e
            self._pools[arm_id] = pool
        return pool

    def run(self, arm_id: str, memory: bool = False) -> dict:
        config = self.arms.resolve(arm_id)
        if config.driver is Driver.ASYNCPG:
            from .asyncpg_copy import missing_reason
            reason = missing_reason()
            if reason is not None:
                raise UnavailableArm(f"arm '{arm_id}' cannot run here: {reason}")
        pool = self._pool_for(arm_id, config)
        gc.collect()  # garbage left by the previous load is not this load's cost
        probe = MemoryProbe(trace=memory)
        probe.start()
        try:
            if config.connections is Connections.SINGLE_SYNC:
                metrics = load_sync(config, self.models, self.table)
            else:
                metrics = self._loop.run_until_complete(load_async(config, self.models, self.table, pool))
        finally:
            report = probe.stop()
        log.info("%s: %d of %d rows in %.3f s, %d chunks (%d failed)", arm_id, metrics.inserted, len(self.models),
                 metrics.seconds, metrics.chunks, metrics.failed_chunks)
        return result_message(arm_id, metrics, report)

    def close(self) -> None:
        if self._loop.is_closed():
            return
        for arm_id, pool in self._pools.items():
            try:
                self._loop.run_until_complete(pool.close())
            except Exception as e:
                log.warning("closing the pool of %s: %s", arm_id, e)
        self._pools.clear()
        self._loop.close()
