package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoaderOptions;
import java.time.Duration;

/**
 * JVM flags every benchmark fork gets, from the annotations when JMH is run directly and from
 * the runner otherwise. A fixed 8 GiB heap holds a million rows twice (records plus rows
 * converted up front, about 1 KB each) with room to spare, and never resizes during a shot.
 */
public final class ForkFlags {

    public static final String INITIAL_HEAP = "-Xms8g";
    public static final String MAX_HEAP = "-Xmx8g";
    /** The heap {@link #MAX_HEAP} gives every fork, in bytes. */
    public static double maxHeapBytes() {
        String size = MAX_HEAP.substring("-Xmx".length());
        if (!size.endsWith("g")) {
            throw new IllegalStateException("the fork heap is given in GiB, as -Xmx<n>g: " + MAX_HEAP);
        }
        return Long.parseLong(size.substring(0, size.length() - 1)) * (1L << 30);
    }

    /** The run's chunk deadline in seconds ({@code --chunk-deadline}); the loader's default where absent. */
    public static final String CHUNK_DEADLINE_PROPERTY = "bench.chunkDeadline";
    /** The run's random seed ({@code --seed}), from which every interleaved fork's shot order is drawn. */
    public static final String SCHEDULE_SEED_PROPERTY = "bench.scheduleSeed";
    /** The schedule seed of a fork started by JMH directly, without the runner. */
    static final long DIRECT_SCHEDULE_SEED = 42;

    private ForkFlags() {
    }

    /** The run's schedule seed, or {@link #DIRECT_SCHEDULE_SEED} in a fork JMH started without the runner. */
    static long scheduleSeed() {
        return Long.getLong(SCHEDULE_SEED_PROPERTY, DIRECT_SCHEDULE_SEED);
    }

    /** A benchmark's loader options with the run's chunk deadline. */
    static LoaderOptions withRunDeadline(LoaderOptions options) {
        Long seconds = Long.getLong(CHUNK_DEADLINE_PROPERTY);
        return seconds == null ? options : options.withChunkDeadline(Duration.ofSeconds(seconds));
    }
}
