package dev.pginsertbench.bench;

import dev.pginsertbench.load.ChunkPlan;
import dev.pginsertbench.load.LoadCheckpoint;
import dev.pginsertbench.load.LoadPlan;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a load holds on the heap at its fullest moment, measured the same way every time: the load's
 * first chunks (as many as it runs at once; they start together) each wait at their fullest moment
 * ({@link LoadCheckpoint}) until all are there, and then the {@link LiveHeap} is counted, with every
 * row converted up front still held. Minus the live heap just before the load, that is what the
 * load itself holds: rows converted up front, the chunks in flight with their bound parameters or
 * encoded blocks, connections it opened. Sampling at intervals instead would find a chunk's rows or
 * not by chance. The wait and the count stall the load, so the probe runs only in a warm-up shot,
 * whose time is not reported; a wait that does not complete within {@value #WAIT_SECONDS} s (a pool
 * too small for the tasks) leaves the value unknown instead of hanging the load.
 */
final class RetainedHeapProbe implements LoadCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedHeapProbe.class);
    static final long WAIT_SECONDS = 30;

    private final int chunksAtOnce;
    private final CyclicBarrier allAtFullest;
    private final Set<Integer> arrived = ConcurrentHashMap.newKeySet();
    private final long baseline;
    private volatile long atFullest = -1;
    private volatile boolean failed;

    private RetainedHeapProbe(int chunksAtOnce) {
        this.chunksAtOnce = chunksAtOnce;
        this.allAtFullest = new CyclicBarrier(chunksAtOnce, () -> atFullest = LiveHeap.bytes());
        this.baseline = LiveHeap.bytes();
    }

    /**
     * Counts the live heap now, before the load.
     *
     * @param chunksAtOnce the chunks the load runs at once: its tasks, or its chunks if fewer
     */
    static RetainedHeapProbe before(int chunksAtOnce) {
        if (chunksAtOnce < 1) {
            throw new IllegalArgumentException("a load runs at least one chunk at once, was " + chunksAtOnce);
        }
        return new RetainedHeapProbe(chunksAtOnce);
    }

    /** Counts the live heap now, before a load of {@code rows} rows by {@code plan} (its tasks' chunks at once). */
    static RetainedHeapProbe before(LoadPlan plan, int rows) {
        return before(Math.min(plan.tasks(), ChunkPlan.of(rows, plan.chunkSize(), plan.chunking()).chunks()));
    }

    @Override
    public void atFullest(int chunk) {
        if (chunk >= chunksAtOnce || !arrived.add(chunk)) {
            return;
        }
        try {
            allAtFullest.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            failed = true;
            LOG.warn("the retained-heap probe's {} first chunks did not all reach their fullest moment within {} s: "
                    + "the value is left unknown", chunksAtOnce, WAIT_SECONDS);
        } catch (InterruptedException e) {
            failed = true;
            Thread.currentThread().interrupt();
        }
    }

    /** Bytes the load held at its fullest moment above the heap before it, or NaN when the probe did not complete. */
    double retainedBytes() {
        return failed || atFullest < 0 ? Double.NaN : Math.max(0, atFullest - baseline);
    }
}
