package dev.pginsertbench.bench;

import java.util.Locale;

/** What role a benchmark plays in the study; summary.csv and the notebook group by it. */
public enum Family {
    /** The synchronous loader every strategy is compared with. */
    BASELINE,
    /** One of the strategies under study. */
    STRATEGY,
    /** The original loader before and after its rewrite. */
    ORIGINAL,
    /** A point of the one-factor-at-a-time study. */
    FACTOR,
    /** A well-known tool doing the same load ({@code psql \copy}). */
    REFERENCE,
    /** What the server alone achieves, without a client sending rows. */
    CEILING,
    /** The claims study's interleaved arms (their scores mix arms; claims.csv reports them). */
    CLAIMS,
    /** Each strategy's cost per row and memory held as the load grows (scale.csv reports them). */
    SCALE,
    /** The latency relay's own cost, direct and relayed shots interleaved (relay-cost.csv reports them). */
    INSTRUMENT;

    /** The name written into summary.csv. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What figures and tables call the group. */
    public String label() {
        return switch (this) {
            case BASELINE -> "sync baseline";
            case STRATEGY -> "strategies under study";
            case ORIGINAL -> "original loader";
            case FACTOR -> "factor study";
            case REFERENCE -> "psql \\copy";
            case CEILING -> "server ceilings";
            case CLAIMS -> "claims study";
            case SCALE -> "scale study";
            case INSTRUMENT -> "latency relay";
        };
    }
}
