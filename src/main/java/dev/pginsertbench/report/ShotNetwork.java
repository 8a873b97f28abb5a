package dev.pginsertbench.report;

import dev.pginsertbench.postgres.RoundTripDelay;

/**
 * How far a shot's server was made to be, and what the shot waited for on the way.
 *
 * @param rtt               the round-trip time the fork's relay added, or loopback without a relay
 * @param roundTrips        round trips the load waited for (the relay's turns); NaN without a relay
 * @param chunks            chunks the load ran
 * @param relayCpuNsPerRow  CPU of the relay's process per row during the shot; NaN without a relay
 * @param loaderRoundTripMs {@code SELECT 1}'s median round trip on the loader's path, measured at the fork's start
 * @param directRoundTripMs the same, straight to the server
 * @param zeroDelayRoundTripMs the same through the relay's process without delay (NaN without a relay)
 */
public record ShotNetwork(RoundTripDelay rtt, double roundTrips, double chunks, double relayCpuNsPerRow,
        double loaderRoundTripMs, double directRoundTripMs, double zeroDelayRoundTripMs) {

    /** The round trips each chunk waited for, on average; NaN where they were not counted. */
    public double roundTripsPerChunk() {
        return roundTrips / chunks;
    }

    /**
     * The delay the relay added to {@code SELECT 1}'s round trip, as measured: the loader's path minus the
     * same through the relay's process without delay, so that the server's time, the client's and the
     * relay's own forwarding are left out.
     */
    public double addedRoundTripMs() {
        return loaderRoundTripMs - zeroDelayRoundTripMs;
    }

    /** What forwarding through the relay's process costs a round trip by itself: without delay, minus direct. */
    public double relayOwnRoundTripMs() {
        return zeroDelayRoundTripMs - directRoundTripMs;
    }
}
