package dev.pginsertbench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * How far the heap rose above its level at the start of a shot: the sum of every heap pool's
 * peak during the shot minus their sum at the start (an upper bound, as pools peak at different
 * moments). It counts garbage not yet collected as well as what a load keeps alive, so it bounds
 * a strategy's working memory from above: a load that keeps every converted row shows the whole
 * converted dataset here; one that streams shows little more than its allocation between two
 * collections.
 */
final class HeapPeak {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private long usedAtStart;

    /** Marks the start of a shot. */
    void start() {
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        usedAtStart = used;
    }

    /** Bytes the heap rose above its start level during the shot, at most. */
    long growth() {
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        return Math.max(0, peak - usedAtStart);
    }
}
