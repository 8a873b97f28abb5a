"""The dataset, generated here from (seed, rows): the rows the Java generator
(src/main/java/dev/pginsertbench/data/ArticleGenerator.java) makes, value for value, so the worker
needs no file from the JVM.

Row ``id`` under ``seed`` comes from ``java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15 + id)``
and a fixed sequence of draws, taken in the order Java evaluates them. SplittableRandom is
reimplemented below with Java's 64- and 32-bit two's complement arithmetic; its results are held
to the JDK's by a fixture both languages' tests read (src/test/resources/splittable-random-vectors.json),
the word lists to the Java source by test_generator.py, and whole rows to Java's by checksum on a
real server (PythonGeneratorTest).

Only the functions that return models import pydantic (models.py), when first called.
"""

from datetime import date, datetime, timedelta, timezone
from typing import Iterator, List, Optional

_MASK64 = (1 << 64) - 1
_SIGN64 = 1 << 63
_SIGN32 = 1 << 31
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
_DOUBLE_UNIT = 2.0 ** -53  # Java's 0x1.0p-53


def _signed64(value: int) -> int:
    return value - (1 << 64) if value & _SIGN64 else value


def _signed32(value: int) -> int:
    return value - (1 << 32) if value & _SIGN32 else value


def _mix64(z: int) -> int:
    """Stafford's variant 13, on the unsigned 64-bit pattern (``>>`` on it is Java's ``>>>``)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def _mix32(z: int) -> int:
    """The high 32 bits of Stafford's variant 4, as an unsigned 32-bit pattern."""
    z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & _MASK64
    return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & _MASK64) >> 32


class SplittableRandom:
    """``java.util.SplittableRandom`` as the generator uses it: the seed constructor (golden gamma),
    nextInt, nextLong, their bounded forms, nextDouble and nextBoolean. Internally the seed is
    the unsigned 64-bit pattern; results are Java's signed values."""

    __slots__ = ("_seed",)

    def __init__(self, seed: int):
        self._seed = seed & _MASK64

    def _next_seed(self) -> int:
        self._seed = (self._seed + GOLDEN_GAMMA) & _MASK64
        return self._seed

    def _next_int_bits(self) -> int:
        return _mix32(self._next_seed())

    def _next_long_bits(self) -> int:
        return _mix64(self._next_seed())

    def next_int(self, bound: Optional[int] = None) -> int:
        """nextInt(), or nextInt(bound) as RandomSupport.boundedNextInt draws it."""
        if bound is None:
            return _signed32(self._next_int_bits())
        return self._bounded(self._next_int_bits, _SIGN32, bound)

    def next_long(self, bound: Optional[int] = None) -> int:
        """nextLong(), or nextLong(bound) as RandomSupport.boundedNextLong draws it."""
        if bound is None:
            return _signed64(self._next_long_bits())
        return self._bounded(self._next_long_bits, _SIGN64, bound)

    @staticmethod
    def _bounded(next_bits, sign: int, bound: int) -> int:
        """Java's bounded draw on ints (sign 2^31) or longs (2^63), next_bits giving the unsigned pattern."""
        if not 0 < bound < sign:
            raise ValueError(f"bound must be positive and below {sign}, was {bound}")
        m = bound - 1
        r = next_bits()
        if bound & m == 0:
            return r & m  # a power of two: the low bits
        # Java: for (u = r >>> 1; u + m - (r = u % bound) < 0; u = next() >>> 1). u + m - r is never
        # negative as an integer, so Java's sum is negative exactly when it passed sign - 1.
        u = r >> 1
        while True:
            r = u % bound
            if u + m - r < sign:
                return r
            u = next_bits() >> 1

    def next_double(self) -> float:
        """(nextLong() >>> 11) * 2^-53: exact in a double, as in Java."""
        return (self._next_long_bits() >> 11) * _DOUBLE_UNIT

    def next_boolean(self) -> bool:
        return self._next_int_bits() >= _SIGN32  # nextInt() < 0

    def choices(self, items, count: int) -> List:
        """``items[next_int(len(items))]`` drawn count times; a power-of-two length (the word
        list's 64) skips the bound's checks, the hot path of every row's text."""
        size = len(items)
        if size & (size - 1):
            return [items[self.next_int(size)] for _ in range(count)]
        m = size - 1
        seed = self._seed
        picked = []
        for _ in range(count):
            seed = (seed + GOLDEN_GAMMA) & _MASK64
            z = ((seed ^ (seed >> 33)) * 0x62A9D9ED799705F5) & _MASK64
            picked.append(items[(((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) >> 32) & m])  # _mix32(seed) & m
        self._seed = seed
        return picked


# The Java generator's constants. test_generator.py parses ArticleGenerator.java and fails when
# these differ from its lists, so they are written once more here but cannot drift.
HOSTILE_SHARE = 0.05
NULL_SHARE = 0.05

HOSTILE_FRAGMENTS = (
    "\"double quoted\"", "comma, separated", "back\\slash", "tab\there", "carriage\rreturn",
    "line\nfeed", "\\N", "\n\\.\n", "crlf\r\nend", "'single quoted'", "pipe|bar;semicolon",
    "Zürich Ærøskøbing façade naïve", "Łódź Ελληνικά кириллица", "数据库系统研究", "論文の要旨",
    "emoji 😀🚀🧪", "\\\\double backslash", "trailing backslash\\")

WORDS = (
    "analysis", "of", "the", "performance", "distributed", "systems", "we", "propose", "a", "novel",
    "method", "for", "bulk", "loading", "relational", "databases", "results", "show", "that", "our",
    "approach", "reduces", "latency", "and", "improves", "throughput", "in", "large", "scale",
    "experiments", "with", "real", "workloads", "model", "data", "query", "optimization", "index",
    "transaction", "concurrency", "control", "storage", "engine", "write", "ahead", "log", "recovery",
    "benchmark", "evaluation", "parallel", "streaming", "protein", "climate", "genome", "neural",
    "network", "graph", "sampling", "estimation", "variance", "survey", "cohort", "clinical", "trial",
)

JOURNALS = (
    "Journal of Data Engineering", "VLDB Journal", "Proceedings of SIGMOD", "Information Systems",
    "Nature Computational Science", "Revista de Informática", "Zeitschrift für Datenbanken",
    "Acta Numerica", "PLOS ONE", "IEEE Transactions on Knowledge and Data Engineering",
)

NAMES = (
    "Smith", "García", "Müller", "Nguyen", "Kowalski", "O'Brien", "Øster", "Rossi", "Tanaka", "Silva",
    "Dubois", "Ivanova", "Chen", "Kim", "Hernández", "Andersson",
)

INGEST_BASE = datetime(2024, 1, 1, tzinfo=timezone.utc)
MICROS_PER_YEAR = 365 * 24 * 3600 * 1_000_000


def row_fields(seed: int, id: int) -> dict:
    """The article ``id`` under ``seed`` as the model's fields: ArticleGenerator.row(id)."""
    random = SplittableRandom(seed * GOLDEN_GAMMA + id)
    hostile = random.next_double() < HOSTILE_SHARE
    year = 1950 + random.next_int(76)
    published = date(year, 1, 1) + timedelta(days=random.next_int(365))
    ingested = INGEST_BASE + timedelta(microseconds=random.next_long(MICROS_PER_YEAR))
    # The constructor's arguments, left to right: each nullable() draws after its value is made.
    doi = f"10.{1000 + random.next_int(9000)}/art.{id}"
    title = _text(random, 6 + random.next_int(10), hostile)
    abstract = _nullable(random, _text(random, 90 + random.next_int(50), hostile))
    authors = _nullable(random, _authors(random, hostile))
    journal = _nullable(random, JOURNALS[random.next_int(len(JOURNALS))])
    publication_year = _nullable(random, year)
    publication_date = _nullable(random, published)
    citations = _nullable(random, random.next_int(5000))
    score = _nullable(random, random.next_double() * 100)
    open_access = _nullable(random, random.next_boolean())
    keywords = _nullable(random, _keywords(random, hostile))
    return {"id": id, "doi": doi, "title": title, "abstract": abstract, "authors": authors, "journal": journal,
            "publication_year": publication_year, "publication_date": publication_date, "citations": citations,
            "score": score, "open_access": open_access, "keywords": keywords, "ingested_at": ingested}


def row(seed: int, id: int):
    """The Article model of row ``id`` under ``seed``."""
    from .models import Article

    return Article(**row_fields(seed, id))


def rows(seed: int, size: int) -> Iterator:
    """Rows 1..size as models, one at a time (what ArticleGenerator.generate(size) lists)."""
    if size < 0:
        raise ValueError(f"size must be >= 0, was {size}")
    from .models import Article

    for id in range(1, size + 1):
        yield Article(**row_fields(seed, id))


def generate(seed: int, size: int) -> list:
    """Rows 1..size as a list of models."""
    return list(rows(seed, size))


def _nullable(random: SplittableRandom, value):
    return None if random.next_double() < NULL_SHARE else value


def _text(random: SplittableRandom, words: int, hostile: bool) -> str:
    text = " ".join(random.choices(WORDS, words))
    return _add_hostile(random, text) if hostile else text


def _authors(random: SplittableRandom, hostile: bool) -> str:
    count = 1 + random.next_int(5)
    authors = []
    for _ in range(count):
        name = NAMES[random.next_int(len(NAMES))]
        authors.append(f"{name}, {chr(ord('A') + random.next_int(26))}.")
    text = "; ".join(authors)
    return _add_hostile(random, text) if hostile else text


def _keywords(random: SplittableRandom, hostile: bool) -> str:
    count = 2 + random.next_int(4)
    text = ",".join(random.choices(WORDS, count))
    return _add_hostile(random, text) if hostile else text


def _add_hostile(random: SplittableRandom, text: str) -> str:
    """Three fragments at the start, the middle or the end, by Java's UTF-16 indices: the text is
    held as UTF-16 code units while they go in, and a cut inside a surrogate pair moves before it."""
    units = bytearray(text.encode("utf-16-le", "surrogatepass"))
    for _ in range(3):
        fragment = HOSTILE_FRAGMENTS[random.next_int(len(HOSTILE_FRAGMENTS))]
        length = len(units) // 2
        where = random.next_int(3)
        at = 0 if where == 0 else length // 2 if where == 1 else length
        if 0 < at < length and 0xDC00 <= int.from_bytes(units[2 * at:2 * at + 2], "little") <= 0xDFFF:
            at -= 1  # never split an emoji's surrogate pair
        units[2 * at:2 * at] = fragment.encode("utf-16-le", "surrogatepass")
    return units.decode("utf-16-le")
