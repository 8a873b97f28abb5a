"""Numbers as text, for tables, labels and the methods paragraph."""
from __future__ import annotations

import math

UNBOUNDED = "\u221e"


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def fmt_int(v) -> str:
    if _missing(v) or (isinstance(v, float) and math.isinf(v)):
        return "-"
    return f"{v:,.0f}"


def fmt_sig(v, digits=3) -> str:
    """About `digits` significant digits, with thousands separators."""
    if _missing(v):
        return "-"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    mag = int(math.floor(math.log10(abs(v))))
    return f"{round(v, digits - 1 - mag):,.{max(0, digits - 1 - mag)}f}"


def fmt_interval(v, lo, hi, digits=3, suffix="") -> str:
    """"2,000 [1,670, 2,500]"; the point alone where there is no interval;
    "[1,670, ∞]" where the suite left the upper bound empty (unbounded)."""
    if _missing(v):
        return "-"
    s = fmt_sig(v, digits) + suffix
    if _missing(lo):
        return s
    return f"{s} [{fmt_sig(lo, digits)}, {UNBOUNDED if _missing(hi) else fmt_sig(hi, digits)}]"


def fmt_ratio(v) -> str:
    """A ratio the suite computed, as "1.34x"."""
    return "-" if _missing(v) else f"{v:.2f}x"


def fmt_percent(v) -> str:
    """A ratio the suite computed, shown as a percentage: 0.211 -> "21.1 %"
    (a no-break space, so a narrow column never breaks the number from its sign)."""
    return "-" if _missing(v) else f"{v:.1%}".replace("%", "\u00a0%")
