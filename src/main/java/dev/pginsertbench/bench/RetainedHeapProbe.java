package dev.pginsertbench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What a load holds on the heap at its peak: the heap used right after a full collection, at its
 * highest over collections forced every {@value #INTERVAL_MILLIS} ms while the load runs, minus
 * the same before the load. It counts only live objects (the converted rows, the chunks in
 * flight with their buffers and bound parameters, the pool's connections), not garbage, unlike
 * {@link HeapPeak}. The forced collections stall the load, so the probe runs only in a warm-up
 * shot, whose time is not reported. Sampling can miss a peak shorter than the interval.
 */
final class RetainedHeapProbe implements AutoCloseable {

    static final long INTERVAL_MILLIS = 100;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long highest;

    private RetainedHeapProbe() {
        baseline = usedAfterCollection();
        highest = baseline;
        sampler = Thread.ofPlatform().daemon().name("retained-heap-probe").start(this::sample);
    }

    /** Collects, records the baseline and starts sampling. */
    static RetainedHeapProbe start() {
        return new RetainedHeapProbe();
    }

    private void sample() {
        while (running) {
            highest = Math.max(highest, usedAfterCollection());
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long usedAfterCollection() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Stops sampling; bytes held above the baseline at the highest sample, never negative. */
    long retainedBytes() {
        close();
        return Math.max(0, highest - baseline);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
