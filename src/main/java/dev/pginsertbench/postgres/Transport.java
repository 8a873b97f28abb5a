package dev.pginsertbench.postgres;

/**
 * How a client reaches the server: the {@code transport} factor of the connection benchmarks.
 * Every server the suite starts offers all of them; an external server is reached over TCP as its
 * URL says, and over TLS when it has TLS on.
 */
public enum Transport {
    /** TCP on the loopback interface, unencrypted ({@code sslmode=disable} on a server the suite started). */
    TCP,
    /** TCP on the loopback interface with TLS ({@code sslmode=require}, the server's self-signed certificate). */
    TLS
}
