package dev.pginsertbench.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by the client: every thread of this JVM, plus child processes it has waited
 * for (psql in {@link PsqlCopyBenchmark}; Linux only, from {@code /proc/self/stat}). PostgreSQL
 * backends are not children of this JVM and are never counted.
 */
final class ClientCpu {

    private static final Path PROC_SELF_STAT = Path.of("/proc/self/stat");
    /** Linux reports {@code /proc} times in USER_HZ ticks, which the kernel ABI fixes at 100 per second. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final OperatingSystemMXBean os;

    ClientCpu() {
        this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    /** CPU nanoseconds used so far; only differences mean anything. */
    long nanos() {
        return os.getProcessCpuTime() + waitedForChildrenNanos();
    }

    /** cutime + cstime of this process: CPU of children that have exited and been waited for. */
    private static long waitedForChildrenNanos() {
        if (!Files.isReadable(PROC_SELF_STAT)) {
            return 0;
        }
        try {
            String stat = Files.readString(PROC_SELF_STAT, StandardCharsets.US_ASCII);
            // fields after the command name (which may hold spaces) start at field 3, "state"
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
