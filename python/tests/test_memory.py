import os
import sys
import tempfile
import unittest

from original_loader import memory
from original_loader.memory import MemoryProbe, read_status


class ReadStatusTest(unittest.TestCase):
    def test_parses_kilobytes_into_bytes(self):
        with tempfile.NamedTemporaryFile("w", delete=False) as f:
            f.write("Name:\tpython3\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\nThreads:\t1\n")
        try:
            self.assertEqual(read_status(f.name), {"VmHWM": 20480 * 1024, "VmRSS": 10240 * 1024})
        finally:
            os.unlink(f.name)

    def test_missing_file(self):
        self.assertEqual(read_status("/nonexistent/status"), {})


@unittest.skipUnless(sys.platform.startswith("linux"), "reads /proc")
class ProbeTest(unittest.TestCase):
    def test_peak_growth_sees_a_temporary_allocation(self):
        probe = MemoryProbe(trace=True)
        probe.start()
        block = bytearray(64 * 1024 * 1024)
        block[::4096] = b"x" * len(block[::4096])  # touch every page so it counts in RSS
        del block
        report = probe.stop()
        self.assertGreater(report.rss_before_bytes, 0)
        self.assertGreaterEqual(report.tracemalloc_peak_bytes, 64 * 1024 * 1024)
        if report.peak_rss_growth_bytes is not None:  # null where clear_refs is not writable
            self.assertGreaterEqual(report.peak_rss_growth_bytes, 60 * 1024 * 1024)

    def test_no_trace_unless_asked(self):
        probe = MemoryProbe(trace=False)
        probe.start()
        self.assertIsNone(probe.stop().tracemalloc_peak_bytes)


if __name__ == "__main__":
    unittest.main()


class TracedSizeTest(unittest.TestCase):
    def test_counts_what_is_left_alive_not_what_was_freed(self):
        def make():
            garbage = [bytes(1000) for _ in range(1000)]  # about 1 MB, freed on return
            del garbage
            return [bytes(100) for _ in range(1000)]      # about 130 KB, kept

        made, size = memory.traced_size(make)
        self.assertEqual(len(made), 1000)
        self.assertGreater(size, 100 * 1000)
        self.assertLess(size, 400 * 1000)
