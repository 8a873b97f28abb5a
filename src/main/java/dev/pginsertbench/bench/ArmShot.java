package dev.pginsertbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a shot of {@link Catalogue#INTERLEAVED_REFERENCES} adds to {@link ShotCounters}: which arm it
 * ran. Per-shot values are in each metric's {@code rawData}, in shot order (results/README.md).
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class ArmShot {

    /** The {@link ReferenceArm} the shot ran, by its {@link ReferenceArm#code()}. */
    public long referenceArm;
}
