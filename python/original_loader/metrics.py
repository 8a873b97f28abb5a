"""The metrics the original reported after its rewrite (inserted rows, duration, successful
chunks, throughput, mean chunk time), plus the failed count and the slowest chunk."""

from dataclasses import dataclass
from typing import List, Optional, Sequence

# Enough to see what went wrong without one bad load flooding the protocol line.
MAX_ERRORS = 10


@dataclass(frozen=True)
class ChunkOutcome:
    index: int
    rows: int
    # From the chunk's start (after it got its slot among max_tasks) to its commit or rollback,
    # connection acquisition and any per-chunk conversion included, as the Java loader times it.
    seconds: float
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class LoadMetrics:
    inserted: int
    chunks: int
    successful_chunks: int
    failed_chunks: int
    seconds: float
    throughput: float
    avg_chunk_seconds: float
    max_chunk_seconds: float
    errors: List[str]


def summarise(outcomes: Sequence[ChunkOutcome], seconds: float) -> LoadMetrics:
    ok = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    inserted = sum(o.rows for o in ok)
    times = [o.seconds for o in outcomes]  # every chunk that ran, failed ones too
    return LoadMetrics(
        inserted=inserted,
        chunks=len(outcomes),
        successful_chunks=len(ok),
        failed_chunks=len(failed),
        seconds=seconds,
        throughput=inserted / seconds if seconds > 0 else 0.0,
        avg_chunk_seconds=sum(times) / len(times) if times else 0.0,
        max_chunk_seconds=max(times) if times else 0.0,
        errors=[f"chunk {o.index}: {o.error}" for o in sorted(failed, key=lambda o: o.index)[:MAX_ERRORS]],
    )


def describe_error(error: BaseException) -> str:
    """One line: the protocol is line-based and server messages can span lines."""
    text = " ".join(str(error).split())
    sqlstate = getattr(error, "sqlstate", None)
    prefix = f"{type(error).__name__}" + (f" [{sqlstate}]" if sqlstate else "")
    return f"{prefix}: {text}" if text else prefix
