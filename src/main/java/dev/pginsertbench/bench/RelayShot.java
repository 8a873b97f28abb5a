package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a shot of {@link Catalogue#RELAY_COST} adds to {@link ShotCounters}: whether its loader went
 * through the relay. Per-shot values are in each metric's {@code rawData}, in shot order (results/README.md).
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class RelayShot {

    /** 1 where the shot's loader connected through the relay, 0 where it connected directly. */
    public long relayed;
}
