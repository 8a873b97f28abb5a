package dev.pginsertbench.claims;

import java.util.List;
import java.util.Locale;

/**
 * What the scale study loads at every size: the original loader before and after its rewrite and
 * the sync baseline, each as the claims study's arm of that name, and the suite's best pooled COPY
 * (binary, 20,000 rows per chunk, the references' configuration), all with {@link OriginalClaim#TASKS}
 * tasks. The Python port runs the original's two sides.
 */
public enum ScaleStrategy {
    SYNC(OriginalClaim.syncBaseline()),
    BEFORE(OriginalClaim.before()),
    AFTER(OriginalClaim.after()),
    POOLED_COPY(OriginalClaim.bestPooledCopy());

    private final Arm arm;

    ScaleStrategy(Arm arm) {
        this.arm = arm;
    }

    /** The strategy as an arm: its id, label, plan and pool. */
    public Arm arm() {
        return arm;
    }

    /** As results name it: the arm's id. */
    public String id() {
        return arm.id();
    }

    /** The languages that run this strategy: the original's two sides in both, the others in Java only. */
    public List<Language> languages() {
        return this == BEFORE || this == AFTER ? List.of(Language.JAVA, Language.PYTHON) : List.of(Language.JAVA);
    }

    /** The strategy with this id ({@code pooled_copy}) or enum name. */
    public static ScaleStrategy of(String idOrName) {
        for (ScaleStrategy strategy : values()) {
            if (strategy.id().equals(idOrName) || strategy.name().equals(idOrName.toUpperCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown scale strategy '" + idOrName + "'");
    }
}
