import unittest

from original_loader.chunking import ChunkPlan, Chunking, effective_chunk_size, plan_chunks


class AdaptiveRuleTest(unittest.TestCase):
    def test_small_chunks_on_many_rows_become_about_twenty(self):
        self.assertEqual(effective_chunk_size(100_000, 500, Chunking.ADAPTIVE), 5000)
        self.assertEqual(effective_chunk_size(10_001, 500, Chunking.ADAPTIVE), 501)  # ceil, not floor
        self.assertEqual(effective_chunk_size(123_457, 999, Chunking.ADAPTIVE), 6173)
        self.assertEqual(plan_chunks(123_457, 999, Chunking.ADAPTIVE).chunks, 20)

    def test_rule_needs_more_than_ten_thousand_rows(self):
        # 100, not 500: ceil(10,000 / 20) would be 500 too and hide an off-by-one.
        self.assertEqual(effective_chunk_size(10_000, 100, Chunking.ADAPTIVE), 100)
        self.assertEqual(effective_chunk_size(10_001, 100, Chunking.ADAPTIVE), 501)
        self.assertEqual(effective_chunk_size(2_000, 10, Chunking.ADAPTIVE), 10)

    def test_rule_needs_a_requested_size_below_one_thousand(self):
        self.assertEqual(effective_chunk_size(100_000, 1000, Chunking.ADAPTIVE), 1000)
        self.assertEqual(effective_chunk_size(100_000, 999, Chunking.ADAPTIVE), 5000)
        self.assertEqual(effective_chunk_size(100_000, 5000, Chunking.ADAPTIVE), 5000)

    def test_fixed_never_changes_the_request(self):
        self.assertEqual(effective_chunk_size(100_000, 500, Chunking.FIXED), 500)
        self.assertEqual(plan_chunks(100_000, 500, Chunking.FIXED).chunks, 200)

    def test_bad_sizes_are_rejected(self):
        with self.assertRaises(ValueError):
            effective_chunk_size(10, 0, Chunking.FIXED)
        with self.assertRaises(ValueError):
            effective_chunk_size(-1, 10, Chunking.FIXED)


class ChunkPlanTest(unittest.TestCase):
    def test_ranges_cover_every_row_once_with_a_short_last_chunk(self):
        plan = ChunkPlan(12_001, 5000)
        self.assertEqual(plan.chunks, 3)
        self.assertEqual(plan.ranges(), [(0, 5000), (5000, 10000), (10000, 12001)])

    def test_exact_multiple(self):
        self.assertEqual(ChunkPlan(10_000, 5000).ranges(), [(0, 5000), (5000, 10000)])

    def test_no_rows_no_chunks(self):
        self.assertEqual(ChunkPlan(0, 5000).chunks, 0)
        self.assertEqual(ChunkPlan(0, 5000).ranges(), [])

    def test_adaptive_plan_ranges(self):
        plan = plan_chunks(10_001, 500, Chunking.ADAPTIVE)
        ranges = plan.ranges()
        self.assertEqual(len(ranges), 20)
        self.assertEqual(ranges[-1], (19 * 501, 10_001))
        self.assertEqual(sum(end - start for start, end in ranges), 10_001)


if __name__ == "__main__":
    unittest.main()
