package dev.pginsertbench.postgres;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * How far the loader's server is made to be: {@link #LOOPBACK}, the server as it is reached (no
 * relay), or a round-trip time added by a {@link LatencyRelay} in front of it ({@code 0ms} is the
 * relay alone, its own cost). Written as {@code loopback} or milliseconds with the unit, such as
 * {@code 0.5ms} or {@code 20ms}, as the {@code rtt} parameter and the results name it.
 *
 * @param added the round-trip time the relay adds, or null for no relay
 */
public record RoundTripDelay(Duration added) implements Comparable<RoundTripDelay> {

    /** No relay: the loader connects to the server directly. */
    public static final RoundTripDelay LOOPBACK = new RoundTripDelay(null);

    private static final String LOOPBACK_TEXT = "loopback";
    private static final String UNIT = "ms";
    /** A relay cannot hold bytes longer than a connection attempt waits. */
    private static final Duration MOST = Duration.ofSeconds(1);

    public RoundTripDelay {
        if (added != null && (added.isNegative() || added.compareTo(MOST) > 0)) {
            throw new IllegalArgumentException("an added round-trip time must be between 0 and " + MOST.toMillis()
                    + " ms, was " + added.toNanos() / 1e6 + " ms");
        }
    }

    /** A relay adding this many milliseconds to every round trip. */
    public static RoundTripDelay ofMillis(double millis) {
        return new RoundTripDelay(Duration.ofNanos(Math.round(millis * 1e6)));
    }

    /**
     * {@code loopback} or {@code <milliseconds>ms}; anything else is refused naming where it was given.
     *
     * @param where the setting or parameter that held the text, for the error
     */
    public static RoundTripDelay parse(String text, String where) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals(LOOPBACK_TEXT)) {
            return LOOPBACK;
        }
        if (value.endsWith(UNIT)) {
            try {
                return ofMillis(Double.parseDouble(value.substring(0, value.length() - UNIT.length())));
            } catch (NumberFormatException e) {
                // refused below with the expected form
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(where + ": '" + text + "' is not a round-trip time; expected "
                + LOOPBACK_TEXT + " (no relay) or milliseconds such as 0ms, 0.5ms or 20ms");
    }

    /** Whether a relay stands between the loader and the server. */
    public boolean relayed() {
        return added != null;
    }

    /** The added round-trip time in milliseconds; 0 for loopback, which adds nothing. */
    public double millis() {
        return added == null ? 0 : added.toNanos() / 1e6;
    }

    /** Loopback first, then by the time added. */
    @Override
    public int compareTo(RoundTripDelay other) {
        if (relayed() != other.relayed()) {
            return relayed() ? 1 : -1;
        }
        return relayed() ? added.compareTo(other.added) : 0;
    }

    @Override
    public String toString() {
        return added == null ? LOOPBACK_TEXT
                : BigDecimal.valueOf(added.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString() + UNIT;
    }
}
