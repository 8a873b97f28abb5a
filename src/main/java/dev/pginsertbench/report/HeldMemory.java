package dev.pginsertbench.report;

/**
 * What the two arms of a memory comparison held, each the mean over forks of its probe, beside the
 * dataset's own size in the same language: the numbers behind a verdict in percent of the dataset,
 * in MB and bytes per row.
 *
 * @param changedBytes  the changed arm's
 * @param originalBytes the original arm's
 * @param datasetBytes  the dataset's live size (NaN where it was not counted)
 * @param rows          rows per load
 */
public record HeldMemory(double changedBytes, double originalBytes, double datasetBytes, long rows) {

    /**
     * The smallest share of the dataset's size the original arm must hold for a ratio to mean
     * anything: below it the ratio divides by almost nothing and says "more" but not how much.
     */
    public static final double RATIO_FLOOR = 0.10;

    /** What the changed arm held more, per row loaded. */
    public double extraBytesPerRow() {
        return (changedBytes - originalBytes) / rows;
    }

    /** changed / original, or NaN where the original holds less than {@link #RATIO_FLOOR} of the dataset's size. */
    public double ratio() {
        return originalBytes >= RATIO_FLOOR * datasetBytes ? changedBytes / originalBytes : Double.NaN;
    }
}
