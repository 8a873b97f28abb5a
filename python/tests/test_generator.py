import itertools
import json
import os
import re
import unittest

import support

from original_loader import generator
from original_loader.generator import SplittableRandom, row_fields

REPOSITORY = os.path.dirname(support.PYTHON_DIR)
# What the JDK's SplittableRandom returned; SplittableRandomVectorsTest holds the JDK to the same file.
VECTORS = os.path.join(REPOSITORY, "src", "test", "resources", "splittable-random-vectors.json")
JAVA_GENERATOR = os.path.join(REPOSITORY, "src", "main", "java", "dev", "pginsertbench", "data",
                              "ArticleGenerator.java")


class SplittableRandomTest(unittest.TestCase):
    def test_every_call_returns_what_the_jdk_returned(self):
        with open(VECTORS, encoding="utf-8") as f:
            sequences = json.load(f)["sequences"]
        self.assertGreaterEqual(sum(len(s["calls"]) for s in sequences), 36)
        for sequence in sequences:
            random = SplittableRandom(sequence["seed"])
            for index, (method, bound, expected) in enumerate(sequence["calls"]):
                with self.subTest(seed=sequence["seed"], call=index, method=method, bound=bound):
                    self.assertEqual(call(random, method, bound), expected)

    def test_choices_draw_what_bounded_next_int_draws(self):
        for items in (generator.WORDS, generator.JOURNALS):
            with self.subTest(size=len(items)):
                one, many = SplittableRandom(-5), SplittableRandom(-5)
                self.assertEqual([items[one.next_int(len(items))] for _ in range(500)], many.choices(items, 500))
                self.assertEqual(one.next_long(), many.next_long())

    def test_bounds_outside_javas_are_refused(self):
        for bound in (0, -1, 2 ** 31):
            with self.subTest(bound=bound), self.assertRaises(ValueError):
                SplittableRandom(1).next_int(bound)
        with self.assertRaises(ValueError):
            SplittableRandom(1).next_long(2 ** 63)


def call(random, method, bound):
    if method == "nextInt":
        return random.next_int(bound)
    if method == "nextLong":
        return random.next_long(bound)
    if method == "nextDouble":
        return random.next_double()
    if method == "nextBoolean":
        return random.next_boolean()
    raise AssertionError(f"unknown method {method} in {VECTORS}")


# The lists are compared with the Java source itself, parsed here: it is their one definition,
# so no exported copy has to be kept in step, and the test needs no JDK. An escape this parser
# does not know fails the test rather than passing a wrong list.
_JAVA_TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"|([;}])')
_JAVA_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "s": " ", '"': '"', "'": "'", "\\": "\\"}


def java_unescape(literal):
    def replace(match):
        escape = match.group(1)
        if escape.startswith("u"):
            return chr(int(escape.lstrip("u"), 16))
        if escape not in _JAVA_ESCAPES:
            raise AssertionError(f"an escape the test cannot read: \\{escape}")
        return _JAVA_ESCAPES[escape]

    return re.sub(r"\\(u+[0-9a-fA-F]{4}|.)", replace, literal)


def java_strings(source, declaration):
    """The string literals from a declaration up to the ';' or '}' that ends it."""
    start = source.index(declaration) + len(declaration)
    strings = []
    for match in _JAVA_TOKEN.finditer(source, start):
        if match.group(2):
            return tuple(strings)
        strings.append(java_unescape(match.group(1)))
    raise AssertionError(f"no end to {declaration!r}")


class JavaListsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(JAVA_GENERATOR, encoding="utf-8") as f:
            cls.source = f.read()

    def test_the_lists_are_javas(self):
        for declaration, python in (("HOSTILE_FRAGMENTS = List.of(", generator.HOSTILE_FRAGMENTS),
                                    ("String[] WORDS = {", generator.WORDS),
                                    ("String[] JOURNALS = {", generator.JOURNALS),
                                    ("String[] NAMES = {", generator.NAMES)):
            with self.subTest(declaration=declaration):
                self.assertEqual(java_strings(self.source, declaration), python)

    def test_the_shares_and_the_seed_are_javas(self):
        for name, value in (("HOSTILE_SHARE", generator.HOSTILE_SHARE), ("NULL_SHARE", generator.NULL_SHARE)):
            with self.subTest(name=name):
                self.assertIn(f"double {name} = {value};", self.source)
        self.assertIn(f"new SplittableRandom(seed * 0x{generator.GOLDEN_GAMMA:X}L + id)", self.source)
        self.assertIn("OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)", self.source)
        self.assertEqual(generator.INGEST_BASE.isoformat(), "2024-01-01T00:00:00+00:00")
        self.assertIn("MICROS_PER_YEAR = 365L * 24 * 3600 * 1_000_000;", self.source)

    def test_the_parser_reads_javas_escapes(self):
        self.assertEqual(java_strings('X = {"a\\"b", "t\\tn\\n\\\\", "\\u00fc"};', "X = {"), ('a"b', "t\tn\n\\", "ü"))


def texts(fields):
    return [fields[name] for name in ("doi", "title", "abstract", "authors", "journal", "keywords")
            if fields[name] is not None]


class RowFieldsTest(unittest.TestCase):
    """Properties of the generated values (no pydantic needed); that they are Java's, value for
    value, PythonGeneratorTest proves on a server by checksum."""

    ROWS = 2000

    def test_hostile_rows_exist_and_no_surrogate_pair_is_split(self):
        hostile = 0
        for id in range(1, self.ROWS + 1):
            fields = row_fields(42, id)
            self.assertEqual(fields["id"], id)
            values = texts(fields)
            for text in values:
                text.encode("utf-8")  # a lone surrogate (half an emoji) cannot be encoded
                self.assertNotIn("\0", text)
            hostile += any(fragment in text for text in values for fragment in generator.HOSTILE_FRAGMENTS)
        self.assertTrue(0.02 * self.ROWS < hostile < 0.08 * self.ROWS, hostile)

    def test_a_cut_inside_a_surrogate_pair_moves_before_it(self):
        # "emoji 😀🚀🧪" first: 12 UTF-16 units, so the middle of the 22 is inside 🧪's pair
        scripted = ScriptedRandom([15, 0, 0, 1, 1, 2])
        text = generator._add_hostile(scripted, "abcdefghij")
        self.assertEqual(text, 'emoji 😀🚀"double quoted"🧪abcdefghijcomma, separated')

    def test_rows_depend_on_seed_and_id_only(self):
        self.assertEqual(row_fields(7, 500), row_fields(7, 500))
        self.assertNotEqual(row_fields(7, 500), row_fields(8, 500))
        self.assertEqual(row_fields(7, 1)["ingested_at"].utcoffset().total_seconds(), 0)


class ScriptedRandom:
    def __init__(self, draws):
        self.draws = list(draws)

    def next_int(self, bound):
        draw = self.draws.pop(0)
        assert 0 <= draw < bound
        return draw


@support.needs_port_packages
class ModelsTest(unittest.TestCase):
    def test_all_at_once_equals_one_by_one(self):
        for seed, size in ((42, 50), (-7, 1500)):
            with self.subTest(seed=seed, size=size):
                models = generator.generate(seed, size)
                self.assertEqual(len(models), size)
                self.assertEqual(models, [generator.row(seed, id) for id in range(1, size + 1)])
                self.assertEqual([m.id for m in models], list(range(1, size + 1)))

    def test_rows_is_lazy(self):
        first = list(itertools.islice(generator.rows(3, 10 ** 12), 3))
        self.assertEqual(first, generator.generate(3, 3))

    def test_the_workers_parsed_rows_are_the_generated_models(self):
        from original_loader.dataset import generated_lines, parse_lines
        from original_loader.memory import traced_size_by_parts

        models, size = traced_size_by_parts(generated_lines(11, 2503, chunk=1000), parse_lines)
        self.assertEqual(models, generator.generate(11, 2503))
        self.assertGreater(size, 2503 * 1000)

    def test_a_sampled_size_is_the_whole_lists_within_two_percent(self):
        from original_loader.dataset import generated_lines, parse_lines
        from original_loader.memory import traced_size_by_parts

        whole_models, whole = traced_size_by_parts(generated_lines(5, 6007, chunk=500), parse_lines)
        models, sampled = traced_size_by_parts(generated_lines(5, 6007, chunk=500), parse_lines, stride=4)
        self.assertEqual(models, whole_models)
        self.assertNotEqual(sampled, whole)  # estimated from 4 of 13 parts, not counted
        self.assertAlmostEqual(sampled / whole, 1.0, delta=0.02)
        with self.assertRaises(ValueError):
            traced_size_by_parts(generated_lines(5, 10), parse_lines, stride=0)

    def test_a_negative_size_is_refused(self):
        with self.assertRaises(ValueError):
            generator.generate(1, -1)


if __name__ == "__main__":
    unittest.main()
