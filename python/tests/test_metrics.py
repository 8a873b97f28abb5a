import unittest

from original_loader.metrics import MAX_ERRORS, ChunkOutcome, describe_error, summarise


class SummariseTest(unittest.TestCase):
    def test_failed_chunks_are_counted_but_not_inserted(self):
        outcomes = [
            ChunkOutcome(0, 5000, 0.5),
            ChunkOutcome(1, 5000, 1.5, "UniqueViolation: duplicate key"),
            ChunkOutcome(2, 2000, 1.0),
        ]
        m = summarise(outcomes, 2.0)
        self.assertEqual(m.inserted, 7000)
        self.assertEqual(m.chunks, 3)
        self.assertEqual(m.successful_chunks, 2)
        self.assertEqual(m.failed_chunks, 1)
        self.assertEqual(m.throughput, 3500.0)
        self.assertAlmostEqual(m.avg_chunk_seconds, 1.0)  # failed chunks ran too
        self.assertEqual(m.max_chunk_seconds, 1.5)
        self.assertEqual(m.errors, ["chunk 1: UniqueViolation: duplicate key"])

    def test_errors_are_capped_and_in_chunk_order(self):
        outcomes = [ChunkOutcome(i, 10, 0.1, f"e{i}") for i in reversed(range(MAX_ERRORS + 5))]
        m = summarise(outcomes, 1.0)
        self.assertEqual(m.failed_chunks, MAX_ERRORS + 5)
        self.assertEqual(len(m.errors), MAX_ERRORS)
        self.assertEqual(m.errors[0], "chunk 0: e0")
        self.assertEqual(m.inserted, 0)
        self.assertEqual(m.throughput, 0.0)

    def test_empty_load(self):
        m = summarise([], 0.0)
        self.assertEqual((m.inserted, m.chunks, m.throughput, m.avg_chunk_seconds, m.max_chunk_seconds),
                         (0, 0, 0.0, 0.0, 0.0))


class DescribeErrorTest(unittest.TestCase):
    def test_one_line_with_sqlstate(self):
        class FakeDbError(Exception):
            sqlstate = "23505"

        text = describe_error(FakeDbError("duplicate key\nDETAIL:  Key (id)=(1) already exists."))
        self.assertEqual(text, "FakeDbError [23505]: duplicate key DETAIL: Key (id)=(1) already exists.")
        self.assertEqual(describe_error(RuntimeError()), "RuntimeError")


if __name__ == "__main__":
    unittest.main()
