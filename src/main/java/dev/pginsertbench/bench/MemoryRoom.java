package dev.pginsertbench.bench;

import dev.pginsertbench.claims.Language;
import java.util.Locale;

/**
 * The memory a fork's loads have: the Java side the fork's heap, the Python worker (a process of its own) the
 * machine's memory beside that heap. What refuses a load that would not fit ({@link MemoryNeed}) and where the
 * scale study's fitted memory stops fitting both read it here.
 *
 * @param heapBytes    the fork's maximum heap
 * @param machineBytes the machine's physical memory
 */
public record MemoryRoom(double heapBytes, double machineBytes) {

    /** This machine's, with the forks' heap. */
    public static MemoryRoom here() {
        return new MemoryRoom(ForkFlags.maxHeapBytes(), MemoryNeed.machineBytes());
    }

    public double bytes(Language language) {
        return language == Language.JAVA ? heapBytes : machineBytes - heapBytes;
    }

    /** Whose memory it is, in words: "the fork's heap of 8.0 GiB". */
    public String describe(Language language) {
        return language == Language.JAVA ? "the fork's heap of " + gigabytes(heapBytes)
                : "the machine's " + gigabytes(machineBytes) + " less the fork's heap";
    }

    static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }
}
