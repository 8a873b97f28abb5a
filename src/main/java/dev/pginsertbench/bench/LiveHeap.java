package dev.pginsertbench.bench;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The bytes of every live object on the heap, summed over the JVM's class histogram of live
 * objects ({@code GC.class_histogram}, which collects first). Unlike the heap's "used" figure after
 * {@code System.gc()}, which counts partly filled regions and the collector's own bookkeeping and
 * so moves in steps of a region (4 MiB with this heap), the histogram counts objects: the same
 * live objects give the same total. Slow (a full collection and a heap walk), so never in a timed
 * shot.
 */
final class LiveHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private LiveHeap() {
    }

    /** Bytes of all live objects now. */
    static long bytes() {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("the JVM's class histogram (GC.class_histogram) is not available: " + e, e);
        }
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("the JVM's class histogram has no Total line");
        }
        return Long.parseLong(total.group(2));
    }

    /**
     * The live bytes of what {@code make} builds and returns: measured with it held, against
     * before it was built. Nothing else may allocate long-lived objects meanwhile.
     */
    static long of(Supplier<?> make) {
        long before = bytes();
        Object made = make.get();
        long after = bytes();
        java.lang.ref.Reference.reachabilityFence(made);
        return Math.max(0, after - before);
    }
}
