package dev.pginsertbench.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time spent by the client: every thread of this JVM, plus child processes it has waited
 * for (psql, as the psql reference runs it), plus the client processes it was told to include
 * while they run (the Python port's worker); Linux only, from {@code /proc}. PostgreSQL
 * backends are not children of this JVM and are never counted.
 */
final class ClientCpu {

    private final OperatingSystemMXBean os;
    private final List<ProcessHandle> included = new ArrayList<>();

    ClientCpu() {
        this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    /** Counts this process too from now on (its time so far included: only differences mean anything). */
    void include(ProcessHandle process) {
        included.add(process);
    }

    /** CPU nanoseconds used so far; only differences mean anything. */
    long nanos() {
        // cutime + cstime of this process: CPU of children that have exited and been waited for
        long nanos = os.getProcessCpuTime() + ProcessStat.of("self").map(ProcessStat::childNanos).orElse(0L);
        for (ProcessHandle process : included) {
            nanos += ProcessStat.of(process.pid()).map(ProcessStat::ownNanos).orElse(0L);
        }
        return nanos;
    }
}
