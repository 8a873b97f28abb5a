package dev.pginsertbench.bench;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoaderOptions;
import org.openjdk.jmh.annotations.Param;

/**
 * The original Python loader, translated: BEFORE its rewrite (a new connection per chunk,
 * executemany as {@code executeBatch}, records converted per chunk, chunks of 5,000) and AFTER
 * it (COPY in text format over a pool of 1 to 5 connections, records converted once up front,
 * adaptive chunking). Their ratio is the end-to-end gain the original author expected at 30-50 %.
 * Where the port differs from the Python original is listed in {@link dev.pginsertbench.claims.OriginalClaim}.
 */
public class OriginalLoaderBenchmark extends LoaderBenchmark {

    /** Which side of the rewrite. */
    @Param({"BEFORE", "AFTER"})
    public OriginalVariant variant;

    @Param({"4"})
    public int tasks;

    @Override
    protected LoadPlan plan() {
        return variant == OriginalVariant.BEFORE ? LoadPlan.originalBefore(tasks) : LoadPlan.originalAfter(tasks);
    }

    @Override
    protected LoaderOptions options() {
        return variant == OriginalVariant.BEFORE ? LoaderOptions.defaults() : LoaderOptions.originalLoader();
    }
}
