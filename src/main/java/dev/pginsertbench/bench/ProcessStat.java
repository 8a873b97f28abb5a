package dev.pginsertbench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} that CPU accounting needs, with times in nanoseconds.
 * Linux only; a process that is gone or not visible reads as empty.
 *
 * @param state      the state letter ({@code Z} for an exited child not yet reaped)
 * @param parent     the parent's pid
 * @param ownNanos   user + system time of the process itself
 * @param childNanos user + system time of its children that exited and were waited for
 */
record ProcessStat(char state, long parent, long ownNanos, long childNanos) {

    /** Linux reports {@code /proc} times in USER_HZ ticks, which the kernel ABI fixes at 100 per second. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC = Path.of("/proc");

    // positions after the command name (which may hold spaces), counted from "state" as 0
    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    /** {@code /proc/<process>/stat}, where {@code process} is a pid or {@code self}. */
    static Optional<ProcessStat> of(String process) {
        try {
            String stat = Files.readString(PROC.resolve(process).resolve("stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new ProcessStat(fields[STATE].charAt(0), Long.parseLong(fields[PPID]),
                    ticks(fields, UTIME, STIME), ticks(fields, CUTIME, CSTIME)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not visible from here
        }
    }

    static Optional<ProcessStat> of(long pid) {
        return of(Long.toString(pid));
    }

    private static long ticks(String[] fields, int user, int system) {
        return (Long.parseLong(fields[user]) + Long.parseLong(fields[system])) * NANOS_PER_TICK;
    }
}
