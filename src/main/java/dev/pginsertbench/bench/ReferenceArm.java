package dev.pginsertbench.bench;

import dev.pginsertbench.claims.ArmCode;
import java.util.List;
import java.util.Locale;

/**
 * The arms of {@link Catalogue#INTERLEAVED_REFERENCES}: pooled COPY binary and the two things it is
 * held against, each named by the catalogue entry that measures it alone, so the report can file
 * an arm's shots under that entry.
 */
public enum ReferenceArm {
    /** Pooled parallel COPY binary at the fork's chunk size and tasks. */
    POOLED_COPY(Catalogue.POOLED_COPY),
    /** {@code psql \copy} of the dataset in COPY's text format. */
    PSQL(Catalogue.PSQL_COPY),
    /** Server-side COPY of the dataset from {@code tasks} binary files by {@code tasks} sessions at once. */
    PARALLEL_CEILING(Catalogue.PARALLEL_CEILING);

    private final Catalogue alone;

    ReferenceArm(Catalogue alone) {
        this.alone = alone;
    }

    /** As results name it: {@code pooled_copy}, {@code psql}, {@code parallel_ceiling}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the interleaved table and figure call it, short enough for a column. */
    public String label() {
        return switch (this) {
            case POOLED_COPY -> "pooled COPY";
            case PSQL -> "psql \\copy";
            case PARALLEL_CEILING -> "parallel ceiling";
        };
    }

    /** The benchmark that measures this arm on its own. */
    public Catalogue alone() {
        return alone;
    }

    /** The number a shot's {@code referenceArm} counter holds for this arm ({@link ArmCode}, of its name). */
    public long code() {
        return ArmCode.of(name());
    }

    /** The arm a {@code referenceArm} counter value names ({@link ArmCode#find}). */
    public static ReferenceArm of(double value) {
        return ArmCode.find(List.of(values()), ReferenceArm::code, value)
                .orElseThrow(() -> new IllegalArgumentException("no reference arm " + (long) value));
    }
}
