import cProfile
import pstats
import select
import time
import unittest

from original_loader.time_split import split


def _function(filename: str, name: str, body: str):
    """A function whose code says it lives in filename, as the profiler will name it."""
    namespace = {"time": time}
    exec(compile(f"def {name}(seconds):\n{body}\n", filename, "exec"), namespace)
    return namespace[name]

def _busy(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

BUSY = "    end = time.perf_counter() + seconds\n    while time.perf_counter() < end:\n        pass"

class SplitTest(unittest.TestCase):
    """Known amounts of work in each place land in their parts, and the parts add up to the load."""

    def test_each_part_is_charged_where_its_time_went(self):
        to_dict = _function("/pkg/original_loader/models.py", "to_dict", BUSY)
        write_row = _function("/usr/lib/python3/dist-packages/psycopg/copy.py", "write_row", BUSY)
        poller = select.epoll()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        to_dict(0.05)
        write_row(0.03)
        poller.poll(0.04)
        _busy(0.02)
        profiler.disable()
        total = time.perf_counter() - started
        poller.close()
        parts = split(pstats.Stats(profiler), total)
        self.assertAlmostEqual(parts.conversion, 0.05, delta=0.015)
        # the driver's time includes the compiled calls it makes
        self.assertAlmostEqual(parts.driver, 0.03, delta=0.012)
        self.assertAlmostEqual(parts.waiting, 0.04, delta=0.015)
        self.assertGreaterEqual(parts.other, 0.02 - 0.005)
        self.assertAlmostEqual(parts.conversion + parts.driver + parts.waiting + parts.other, total, delta=1e-9)
        self.assertAlmostEqual(sum(parts.shares().values()), 1.0, delta=1e-9)

    def test_a_sync_drivers_wait_is_waiting_not_driver(self):
        wait = _function("/usr/lib/python3/dist-packages/psycopg/waiting.py", "wait_epoll",
                         "    import select\n    p = select.epoll()\n    p.poll(seconds)\n    p.close()")
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        wait(0.04)
        profiler.disable()
        parts = split(pstats.Stats(profiler), time.perf_counter() - started)
        self.assertAlmostEqual(parts.waiting, 0.04, delta=0.015)
        self.assertLess(parts.driver, 0.01)

    def test_a_load_that_never_waits_has_no_waiting(self):
        profiler = cProfile.Profile()
        profiler.enable()
        _busy(0.01)
        profiler.disable()
        parts = split(pstats.Stats(profiler), 0.01)
        self.assertEqual((parts.conversion, parts.driver, parts.waiting), (0.0, 0.0, 0.0))

if __name__ == "__main__":
    unittest.main()


class CommittedPilotTest(unittest.TestCase):
    """The committed pilot's README quotes its time-split.jsonl: every arm's row holds the file's numbers."""

    def test_the_readme_table_is_the_files(self):
        import json
        from pathlib import Path
        folders = sorted((Path(__file__).resolve().parents[2] / "results").glob("*-time-split"))
        self.assertTrue(folders, "a committed time-split folder")
        for folder in folders:
            readme = (folder / "README.md").read_text(encoding="utf-8")
            for line in (folder / "time-split.jsonl").read_text(encoding="utf-8").splitlines():
                r = json.loads(line)
                s, share = r["seconds"], r["shares"]
                row = (f"| `{r['arm']}` | {r['unprofiled_seconds']:.3f} | "
                       f"{r['unprofiled_cpu_seconds'] / r['rows'] * 1e6:.1f} | {r['profiler_slowdown']:.2f}x | "
                       + " | ".join(f"{s[k]:.2f} ({share[k] * 100:.0f} %)"
                                    for k in ("conversion", "driver", "waiting", "other")) + " |")
                self.assertIn(row, readme, folder.name)
