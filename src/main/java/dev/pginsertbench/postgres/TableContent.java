package dev.pginsertbench.postgres;

import java.math.BigInteger;

/**
 * What a table holds, summarised: row count and an order-independent content checksum (the
 * sum of every row's hash). Two equal values mean the same rows, every character and every
 * NULL, with overwhelming probability.
 */
public record TableContent(long rows, BigInteger checksum) {
}
