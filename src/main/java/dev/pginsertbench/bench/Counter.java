package dev.pginsertbench.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every secondary result a shot reports, by the key JMH writes it under: the fields of the
 * {@code @AuxCounters} classes (JMH names a counter after its field, so a test holds each class's
 * fields equal to its constants here) and the one profiler result the reports read. Readers name a
 * counter only through this enum; results/README.md defines each key (a test checks that too).
 */
public enum Counter {

    ROWS("rows", Writer.SHOT),
    FAILED_CHUNKS("failedChunks", Writer.SHOT),
    BYTES_SENT("bytesSent", Writer.SHOT),
    WAL_BYTES_PER_ROW("walBytesPerRow", Writer.SHOT),
    CHECKPOINTS("checkpoints", Writer.SHOT),
    CLIENT_CPU_NS_PER_ROW("clientCpuNsPerRow", Writer.SHOT),
    SERVER_CPU_NS_PER_ROW("serverCpuNsPerRow", Writer.SHOT),
    SAMPLING_CLIENT_CPU_NS_PER_ROW("samplingClientCpuNsPerRow", Writer.SHOT),
    SAMPLING_SERVER_CPU_NS_PER_ROW("samplingServerCpuNsPerRow", Writer.SHOT),
    PEAK_HEAP_GROWTH("peakHeapGrowth", Writer.SHOT),
    CHUNKS("chunks", Writer.SHOT),
    SUCCESSFUL_CHUNKS("successfulChunks", Writer.SHOT),
    MEAN_CHUNK_SECONDS("meanChunkSeconds", Writer.SHOT),
    MAX_CHUNK_SECONDS("maxChunkSeconds", Writer.SHOT),
    WAIT_CPU_SHARE("waitCpuShare", Writer.SHOT),
    WAIT_CLIENT_SHARE("waitClientShare", Writer.SHOT),
    WAIT_LOCK_EXTEND_SHARE("waitLockExtendShare", Writer.SHOT),
    WAIT_WAL_SHARE("waitWalShare", Writer.SHOT),
    WAIT_DATA_IO_SHARE("waitDataIoShare", Writer.SHOT),
    WAIT_OTHER_SHARE("waitOtherShare", Writer.SHOT),
    ROUND_TRIPS("roundTrips", Writer.SHOT),
    RELAY_CPU_NS_PER_ROW("relayCpuNsPerRow", Writer.SHOT),
    LOADER_ROUND_TRIP_MS("loaderRoundTripMs", Writer.SHOT),
    DIRECT_ROUND_TRIP_MS("directRoundTripMs", Writer.SHOT),
    ZERO_DELAY_ROUND_TRIP_MS("zeroDelayRoundTripMs", Writer.SHOT),
    ARM("arm", Writer.CLAIM),
    RETAINED_HEAP_BYTES("retainedHeapBytes", Writer.CLAIM),
    DATASET_HEAP_BYTES("datasetHeapBytes", Writer.CLAIM),
    PEAK_RSS_GROWTH_BYTES("peakRssGrowthBytes", Writer.CLAIM),
    GENERATOR_NS_PER_ROW("generatorNsPerRow", Writer.CLAIM),
    REFERENCE_ARM("referenceArm", Writer.REFERENCE),
    RELAYED("relayed", Writer.RELAY),
    /** Bytes the benchmark JVM allocated during a shot's iteration, from JMH's gc profiler. */
    ALLOCATED_BYTES_PER_SHOT("gc.alloc.rate.norm", Writer.GC_PROFILER);

    /** Who reports a counter: one of the suite's {@code @AuxCounters} classes, or JMH's gc profiler. */
    public enum Writer {
        /** {@link ShotCounters}: every benchmark. */
        SHOT(ShotCounters.class),
        /** {@link ClaimShot}: the claims study's forks. */
        CLAIM(ClaimShot.class),
        /** {@link ArmShot}: the interleaved reference forks. */
        REFERENCE(ArmShot.class),
        /** {@link RelayShot}: the latency relay's A/A forks. */
        RELAY(RelayShot.class),
        /** {@code -prof gc}, on unless a run says {@code --no-gc}. */
        GC_PROFILER(null);

        private final Class<?> counters;

        Writer(Class<?> counters) {
            this.counters = counters;
        }

        /** The {@code @AuxCounters} class whose fields are these counters; empty for the profiler. */
        public Optional<Class<?>> counters() {
            return Optional.ofNullable(counters);
        }
    }

    private final String key;
    private final Writer writer;

    Counter(String key, Writer writer) {
        this.key = key;
        this.writer = writer;
    }

    /** The key in JMH's {@code secondaryMetrics}. */
    public String key() {
        return key;
    }

    public Writer writer() {
        return writer;
    }

    /** The counter written under this key. */
    public static Optional<Counter> byKey(String key) {
        return Arrays.stream(values()).filter(counter -> counter.key.equals(key)).findFirst();
    }

    /** The counters one writer reports. */
    public static List<Counter> of(Writer writer) {
        return Arrays.stream(values()).filter(counter -> counter.writer == writer).toList();
    }
}
