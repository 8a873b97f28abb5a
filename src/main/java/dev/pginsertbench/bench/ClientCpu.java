package dev.pginsertbench.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * CPU time spent by the client: every thread of this JVM, plus child processes it has waited
 * for (psql, as the psql reference runs it; Linux only, from {@code /proc/self/stat}). PostgreSQL
 * backends are not children of this JVM and are never counted.
 */
final class ClientCpu {

    private final OperatingSystemMXBean os;

    ClientCpu() {
        this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    /** CPU nanoseconds used so far; only differences mean anything. */
    long nanos() {
        // cutime + cstime of this process: CPU of children that have exited and been waited for
        return os.getProcessCpuTime() + ProcessStat.of("self").map(ProcessStat::childNanos).orElse(0L);
    }
}
