package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Language;
import dev.pginsertbench.claims.OriginalClaim;
import dev.pginsertbench.claims.ScaleStrategy;
import dev.pginsertbench.load.Conversion;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a configuration's loads are expected to hold in memory at once, so that one that would not fit is
 * refused before its fork starts, naming the size and the memory it needs, instead of ending in an
 * out-of-memory error that loses the fork. The bytes per row are those the committed claims runs measured
 * on 100,000 rows (Java) and 40,000 (Python), by the same probes the scale study reports; the scale
 * study's fits are what says how they grow.
 *
 * @param bytes  bytes held at the fullest moment
 * @param detail what they are, in words
 */
public record MemoryNeed(double bytes, String detail) {

    /** The live size of one generated Java row (an {@code Article} and its strings) held in a list. */
    static final double JAVA_ROW_BYTES = 1_465;
    /** What converting one row up front adds in Java: its converted values, held until the load ends. */
    static final double JAVA_UPFRONT_BYTES = 1_104;
    /** The live size of one row as the Python port's pydantic model (tracemalloc; 2,787 with RSS growth at 100,000). */
    static final double PYTHON_ROW_BYTES = 2_790;
    /** What converting one row up front adds in the Python port: its dict, held until the load ends. */
    static final double PYTHON_UPFRONT_BYTES = 485;
    /** The share of a heap or of the machine's memory a load may plan to fill; the rest is the process's own. */
    static final double USABLE_SHARE = 0.8;

    /** What a fork of this configuration holds for {@code rows} rows per load, by language. */
    public static Map<Language, MemoryNeed> of(Catalogue entry, Map<Parameter, Object> params, int rows) {
        return switch (entry) {
            case SCALE -> {
                ScaleStrategy strategy = (ScaleStrategy) params.get(Parameter.STRATEGY);
                Language language = (Language) params.get(Parameter.LANGUAGE);
                boolean upfront = strategy.arm().plan().conversion() == Conversion.UPFRONT;
                yield language == Language.JAVA
                        ? Map.of(Language.JAVA, need(rows, "converted up front", upfront ? JAVA_UPFRONT_BYTES : 0))
                        : Map.of(Language.PYTHON, need(rows, upfront ? "models held and dicts converted up front"
                                : "models held", PYTHON_ROW_BYTES + (upfront ? PYTHON_UPFRONT_BYTES : 0)));
            }
            case CLAIM -> ((OriginalClaim) params.get(Parameter.CLAIM)).probesRetainedMemory()
                    ? Map.of(Language.JAVA, need(rows, "rows held, counted again, and converted up front",
                            JAVA_ROW_BYTES * 2 + JAVA_UPFRONT_BYTES))
                    : Map.of(Language.JAVA, need(rows, "rows held and converted up front",
                            JAVA_ROW_BYTES + JAVA_UPFRONT_BYTES));
            case PYTHON_CLAIM -> Map.of(Language.JAVA, need(rows, "rows held", JAVA_ROW_BYTES),
                    Language.PYTHON, need(rows, "models held and dicts converted up front",
                            PYTHON_ROW_BYTES + PYTHON_UPFRONT_BYTES));
            default -> Map.of(Language.JAVA, need(rows, "rows held and converted up front",
                    JAVA_ROW_BYTES + JAVA_UPFRONT_BYTES));
        };
    }

    private static MemoryNeed need(int rows, String what, double bytesPerRow) {
        return new MemoryNeed(rows * bytesPerRow, String.format(Locale.ROOT, "%s, %,.0f bytes a row", what,
                bytesPerRow));
    }

    /**
     * Why a fork of this configuration would not fit, or empty when it fits: its Java side in the fork's heap,
     * its Python side in the machine's memory beside that heap.
     */
    public static Optional<String> refusal(Catalogue entry, Map<Parameter, Object> params, int rows, MemoryRoom room) {
        for (Map.Entry<Language, MemoryNeed> need : of(entry, params, rows).entrySet()) {
            if (need.getValue().bytes() > USABLE_SHARE * room.bytes(need.getKey())) {
                return Optional.of(String.format(Locale.ROOT,
                        "%,d rows would hold about %s in %s (%s), more than %.0f %% of %s", rows,
                        MemoryRoom.gigabytes(need.getValue().bytes()), need.getKey().label(), need.getValue().detail(),
                        100 * USABLE_SHARE, room.describe(need.getKey())));
            }
        }
        return Optional.empty();
    }

    /** The machine's physical memory. */
    public static double machineBytes() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

}
