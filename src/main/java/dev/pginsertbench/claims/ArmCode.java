package dev.pginsertbench.claims;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;

/**
 * How a shot's arm counter names an arm: JMH counters are numbers, so an arm is written as the
 * CRC-32 of its id, which stays its name whatever its place in a list. Results written before
 * arms had codes hold the arm's index in its list instead; an index is below the number of arms,
 * which no code is (tests check each list), so one value can only mean one of the two.
 */
public final class ArmCode {

    private ArmCode() {
    }

    /** The code of an arm with this id. */
    public static long of(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The arm a counter value names: by its code, else (older results) by its index; empty for neither. */
    public static <T> Optional<T> find(List<T> arms, ToLongFunction<T> code, double value) {
        Optional<T> byCode = arms.stream().filter(arm -> code.applyAsLong(arm) == value).findFirst();
        if (byCode.isPresent()) {
            return byCode;
        }
        return value >= 0 && value < arms.size() && value == Math.rint(value) ? Optional.of(arms.get((int) value))
                : Optional.empty();
    }
}
