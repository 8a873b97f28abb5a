"""How a load is cut into chunks, each one transaction: fixed, or the original's adaptive rule."""

import enum
from dataclasses import dataclass
from typing import List, Tuple

# The original's rule: a requested chunk below this size ...
ADAPTIVE_SMALL_CHUNK = 1000
# ... on more than this many rows ...
ADAPTIVE_MIN_ROWS = 10000
# ... is replaced by the size that gives about this many chunks.
ADAPTIVE_CHUNKS = 20


class Chunking(enum.Enum):
    FIXED = "fixed"
    ADAPTIVE = "adaptive"


def effective_chunk_size(rows: int, requested: int, chunking: Chunking) -> int:
    if requested < 1:
        raise ValueError(f"chunk size must be >= 1, was {requested}")
    if rows < 0:
        raise ValueError(f"rows must be >= 0, was {rows}")
    if chunking is Chunking.ADAPTIVE and requested < ADAPTIVE_SMALL_CHUNK and rows > ADAPTIVE_MIN_ROWS:
        return -(-rows // ADAPTIVE_CHUNKS)  # ceil(rows / 20)
    return requested


@dataclass(frozen=True)
class ChunkPlan:
    rows: int
    chunk_size: int

    @property
    def chunks(self) -> int:
        return -(-self.rows // self.chunk_size)

    def ranges(self) -> List[Tuple[int, int]]:
        """Each chunk's [start, end) positions in the dataset; the last one may be shorter."""
        return [(start, min(start + self.chunk_size, self.rows)) for start in range(0, self.rows, self.chunk_size)]


def plan_chunks(rows: int, requested: int, chunking: Chunking) -> ChunkPlan:
    return ChunkPlan(rows, effective_chunk_size(rows, requested, chunking))
