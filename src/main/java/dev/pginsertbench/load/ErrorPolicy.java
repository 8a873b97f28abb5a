package dev.pginsertbench.load;

/** What a failed chunk does to the rest of the load. */
public enum ErrorPolicy {
    /** Roll the failed chunk back, record it, go on with the others. */
    CONTINUE,
    /** Stop starting chunks after the first failure; the report lists those that never ran. */
    FAIL_FAST
}
