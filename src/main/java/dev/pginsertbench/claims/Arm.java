package dev.pginsertbench.claims;

import dev.pginsertbench.load.ConnectionMode;
import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoaderOptions;
import java.util.Locale;
import java.util.Objects;

/**
 * One side of a claim's comparison: a load strategy, as the loader runs it.
 *
 * @param id      short name used in the results ({@code after}, {@code copy_batch}, ...)
 * @param label   what it is, in words
 * @param plan    the strategy
 * @param options the loader's pool and limits (the original loader's pool is 1 to 5 connections)
 * @param driver  the Python port's driver for it; the Java port runs only the arms whose driver has a counterpart
 */
public record Arm(String id, String label, LoadPlan plan, LoaderOptions options, PythonDriver driver) {

    public Arm {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(driver, "driver");
        if (!id.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("arm id must be lower case letters, digits and _, was " + id);
        }
    }

    /** An arm the Python port sends with the original's driver, psycopg. */
    public Arm(String id, String label, LoadPlan plan, LoaderOptions options) {
        this(id, label, plan, options, PythonDriver.PSYCOPG);
    }

    /** The same arm under another id and label, with one thing changed by the caller. */
    Arm as(String newId, String newLabel, LoadPlan newPlan) {
        return new Arm(newId, newLabel, newPlan, options, driver);
    }

    /** The number a shot's {@code arm} counter holds for this arm ({@link ArmCode}). */
    public long code() {
        return ArmCode.of(id);
    }

    /** The plan with its pool's sizes, as the claims' tables and the manifest describe the arm. */
    public String describe() {
        int tasks = plan.tasks();
        return plan + (plan.connections() != ConnectionMode.POOLED ? ""
                : String.format(Locale.ROOT, ", pool %d-%d", options.poolMinIdle(tasks), options.poolMaxSize(tasks)));
    }

    @Override
    public String toString() {
        return id + " (" + plan + ")";
    }
}
