package dev.pginsertbench.claims;

import dev.pginsertbench.load.ExecutorKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * The arms of a claim this port runs less those a fork leaves out ({@code leftOut}: comma-separated ids, the
     * arms whose optional driver was missing); an id that is not one of them is an error, not ignored.
     */
    public List<Arm> arms(OriginalClaim claim, String leftOut) {
        List<Arm> all = arms(claim);
        Set<String> out = Arrays.stream(leftOut.split(",")).map(String::strip).filter(id -> !id.isEmpty())
                .collect(Collectors.toSet());
        out.stream().filter(id -> all.stream().noneMatch(arm -> arm.id().equals(id))).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException("leftOut names " + id + ", which is not a " + label() + " arm of "
                    + claim.id());
        });
        return all.stream().filter(arm -> !out.contains(arm.id())).toList();
    }

    /** Whether this port has both arms of a comparison and measures what it compares. */
    public boolean compares(OriginalClaim claim, ClaimComparison comparison) {
        boolean measured = this == PYTHON || comparison.measure() != Measure.PEAK_RSS;
        return measured && runs(claim.arm(comparison.changed())) && runs(claim.arm(comparison.original()));
    }

    private boolean runs(Arm arm) {
        return this == JAVA ? arm.driver().inJava()
                : arm.driver().inPython() && arm.plan().executor() != ExecutorKind.VIRTUAL;
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
