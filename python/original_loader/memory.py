"""Per-load memory: peak RSS growth from /proc (cheap, every load) and, on request, the
tracemalloc peak (slow: it traces every allocation, so never on a timed run)."""

import ctypes
import ctypes.util
import gc
import logging
import tracemalloc
from dataclasses import dataclass
from typing import Dict, Optional

log = logging.getLogger(__name__)

_STATUS = "/proc/self/status"
_CLEAR_REFS = "/proc/self/clear_refs"


def read_status(path: str = _STATUS) -> Dict[str, int]:
    """VmRSS and VmHWM in bytes ({} where /proc is missing)."""
    values = {}
    try:
        with open(path) as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    amount, unit = rest.split()
                    values[key] = int(amount) * (1024 if unit == "kB" else 1)
    except OSError:
        pass
    return values


def reset_peak_rss() -> bool:
    """Sets VmHWM back to the current RSS (Linux: writing 5 to clear_refs), so the next peak is this load's."""
    try:
        with open(_CLEAR_REFS, "w") as f:
            f.write("5")
        return True
    except OSError as e:
        log.warning("cannot reset the RSS peak (%s): peak_rss_growth_bytes will be null", e)
        return False


def release_freed_memory() -> None:
    """Hands what earlier loads freed back to the system (a full collection, then glibc's
    malloc_trim), so that RSS before a load is the worker's own level and the next peak is
    measured from it, whichever arm ran before."""
    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError) as e:  # not glibc: the RSS growth then includes what was not returned
        log.debug("malloc_trim unavailable: %s", e)


def traced_size(make):
    """What make() returns and the bytes of Python objects it left alive (tracemalloc's current
    count after it): the dataset's own size, which memory held by a load is measured against."""
    tracemalloc.start()
    try:
        made = make()
        return made, tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def traced_size_by_parts(parts, make, stride: int = 1):
    """traced_size for a list made part by part: make(part) for each part, in order, and the live
    bytes it left summed. What prepares the parts runs untraced: tracemalloc slows pure-Python
    integer arithmetic (the row generator's) about tenfold. With a stride k, only every k-th part
    (the first, then each k-th) is traced and the others count at the traced parts' bytes per item:
    tracing slows parsing about 3.6-fold, minutes at a million rows, while a sample spread over the
    whole list gives its size per item as well."""
    if stride < 1:
        raise ValueError(f"stride must be >= 1, was {stride}")
    made = []
    traced_bytes = 0
    traced_items = 0
    for index, part in enumerate(parts):
        if index % stride == 0:
            made_part, size = traced_size(lambda: make(part))
            traced_bytes += size
            traced_items += len(made_part)
        else:
            made_part = make(part)
        made.extend(made_part)  # untraced: the parts' own sizes, counted or scaled, stand for the list
    if traced_items == len(made):
        return made, traced_bytes
    return made, round(traced_bytes * len(made) / traced_items)


@dataclass
class MemoryReport:
    rss_before_bytes: Optional[int]
    peak_rss_growth_bytes: Optional[int]
    tracemalloc_peak_bytes: Optional[int]


class MemoryProbe:
    """Brackets one load: start() just before it, stop() just after."""

    def __init__(self, trace: bool):
        self.trace = trace
        self._rss_before = None
        self._reset = False

    def start(self) -> None:
        release_freed_memory()
        self._rss_before = read_status().get("VmRSS")
        self._reset = reset_peak_rss()
        if self.trace:
            tracemalloc.start()
            tracemalloc.reset_peak()

    def stop(self) -> MemoryReport:
        traced = None
        if self.trace:
            traced = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        peak = read_status().get("VmHWM")
        growth = peak - self._rss_before if self._reset and peak is not None and self._rss_before is not None else None
        return MemoryReport(self._rss_before, growth, traced)

