package dev.pginsertbench.bench;

/** Which version of the original loader a configuration runs: before its rewrite, or after. */
public enum OriginalVariant {
    BEFORE,
    AFTER
}
