package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import org.openjdk.jmh.annotations.Param;

/**
 * The original Python loader, translated: BEFORE its rewrite (a new connection per chunk,
 * executemany as {@code executeBatch}, records converted per chunk, chunks of 5,000) and AFTER
 * it (pooled COPY in CSV, records converted once up front, adaptive chunking). Their ratio is
 * the end-to-end gain the seed claimed at 30-50 %.
 */
public class OriginalLoaderBenchmark extends LoaderBenchmark {

    /** Which side of the rewrite. */
    public enum Variant { BEFORE, AFTER }

    @Param({"BEFORE", "AFTER"})
    public Variant variant;

    @Param({"4"})
    public int tasks;

    @Override
    protected LoadPlan plan() {
        return variant == Variant.BEFORE ? LoadPlan.originalBefore(tasks) : LoadPlan.originalAfter(tasks);
    }
}
