package dev.pginsertbench.claims;

import dev.pginsertbench.load.ExecutorKind;
import java.util.List;
import java.util.Locale;

/**
 * Which port of the original loader measures a claim: this suite's Java loader, or the Python
 * port in {@code python/original_loader} (psycopg 3, asyncio, pydantic, as the original was
 * written), driven shot by shot on the same server and rows. Each measures the arms it can run
 * and the comparisons it has both arms and the measure for.
 */
public enum Language {

    JAVA,
    /** No virtual threads (asyncio tasks on one event loop) and no JVM heap; peak RSS instead. */
    PYTHON;

    /** The arms of a claim this port runs, in the claim's order. */
    public List<Arm> arms(OriginalClaim claim) {
        return claim.arms().stream().filter(this::runs).toList();
    }

    /** Whether this port has both arms of a comparison and measures what it compares. */
    public boolean compares(OriginalClaim claim, ClaimComparison comparison) {
        boolean measured = this == PYTHON || comparison.measure() != Measure.PEAK_RSS;
        return measured && runs(claim.arm(comparison.changed())) && runs(claim.arm(comparison.original()));
    }

    private boolean runs(Arm arm) {
        return this == JAVA ? arm.driver().inJava() : arm.plan().executor() != ExecutorKind.VIRTUAL;
    }

    /** As results name it: {@code java}, {@code python}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As tables head it: {@code Java}, {@code Python}. */
    public String label() {
        return name().charAt(0) + id().substring(1);
    }

    /** The language with this id or name; the Java port where none is given (results written before Python existed). */
    public static Language of(String idOrName) {
        return idOrName == null || idOrName.isBlank() ? JAVA : valueOf(idOrName.trim().toUpperCase(Locale.ROOT));
    }
}
