package dev.pginsertbench.postgres;

/**
 * How a client reaches the server: the {@code transport} factor of the connection benchmarks.
 * The embedded and local servers offer all of them; an external server is reached over TCP as its
 * URL says and over TLS when it has TLS on, a container over TCP and TLS neither (its image has
 * TLS off and its socket inside the container).
 */
public enum Transport {
    /** TCP on the loopback interface, unencrypted ({@code sslmode=disable} on a server the suite started). */
    TCP,
    /** TCP on the loopback interface with TLS ({@code sslmode=require}, the server's self-signed certificate). */
    TLS,
    /** The server's Unix-domain socket, through junixsocket: no TCP/IP stack at all. */
    UNIX_SOCKET
}
