package dev.pginsertbench.bench;

/**
 * JVM flags every benchmark fork gets, from the annotations when JMH is run directly and from
 * the runner otherwise. A fixed 8 GiB heap holds a million rows twice (records plus rows
 * converted up front, about 1 KB each) with room to spare, and never resizes during a shot.
 */
public final class ForkFlags {

    public static final String INITIAL_HEAP = "-Xms8g";
    public static final String MAX_HEAP = "-Xmx8g";

    private ForkFlags() {
    }
}
