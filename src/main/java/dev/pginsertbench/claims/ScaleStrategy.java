package dev.pginsertbench.claims;

import dev.pginsertbench.load.LoadPlan;
import dev.pginsertbench.load.LoaderOptions;
import dev.pginsertbench.load.Protocol;
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
    POOLED_COPY(new Arm("pooled_copy", "pooled COPY binary, 20,000 rows per chunk",
            LoadPlan.pooledCopy(Protocol.COPY_BINARY, ScaleStrategy.POOLED_COPY_CHUNK, OriginalClaim.TASKS),
            LoaderOptions.defaults()));

    /** Rows per chunk of the best pooled COPY: the interleaved references' chunk. */
    public static final int POOLED_COPY_CHUNK = 20_000;

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
