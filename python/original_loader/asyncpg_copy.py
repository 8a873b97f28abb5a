"""asyncpg's binary COPY (copy_records_to_table) as one of the port's drivers: what a Python user
would pick for speed instead of psycopg. It runs through an asyncpg pool of the original's sizes,
with the arm's tasks and chunks, each chunk one transaction, like every other arm.

asyncpg is optional (Debian's python3-asyncpg): this module imports it only when its arm runs,
and says in one line which package is missing where it is not installed.
"""

import importlib
import sys
from typing import List, Optional

from .models import COLUMNS, row_values

APT_PACKAGE = "python3-asyncpg"

# The original's pool settings, as the psycopg pool has them (loader.py).
POOL_MIN_SIZE = 1
POOL_MAX_SIZE = 5
# Opening the pool waits for its first connection; asyncpg reads the same libpq environment
# variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE) as psycopg.
POOL_OPEN_TIMEOUT = 30.0


def missing_reason() -> Optional[str]:
    """None where asyncpg imports, else the one-line reason naming the package to install."""
    try:
        importlib.import_module("asyncpg")
    except ImportError:
        return (f"Python module 'asyncpg' is missing from {sys.executable}: install the Debian package with "
                f"'apt-get install -y {APT_PACKAGE}'")
    return None


def version() -> Optional[str]:
    """asyncpg's version, or None where it does not import."""
    if missing_reason() is not None:
        return None
    import asyncpg
    return asyncpg.__version__


def _require():
    reason = missing_reason()
    if reason is not None:
        raise RuntimeError(reason)
    import asyncpg
    return asyncpg


async def open_asyncpg_pool(name: str):
    """An open asyncpg pool of the original's sizes (name is for logs only: asyncpg pools have none)."""
    asyncpg = _require()
    return await asyncpg.create_pool(min_size=POOL_MIN_SIZE, max_size=POOL_MAX_SIZE, timeout=POOL_OPEN_TIMEOUT,
                                     server_settings={"application_name": f"pg-insert-bench-python {name}"})


class AsyncpgCopyWriter:
    """Writes a chunk with copy_records_to_table inside one transaction."""

    def __init__(self, table: str, pool):
        from .loader import table_parts  # asyncpg quotes the names itself

        parts = table_parts(table)
        self.table_name, self.schema_name = parts[-1], (parts[0] if len(parts) == 2 else None)
        self.pool = pool

    def connection(self):
        return self.pool.acquire()

    async def write(self, conn, rows: List[dict]) -> None:
        # the same dicts as every other arm, as tuples in column order (asyncpg's records)
        records = [row_values(row) for row in rows]
        async with conn.transaction():
            await conn.copy_records_to_table(self.table_name, schema_name=self.schema_name, columns=COLUMNS,
                                             records=records)
