package dev.pginsertbench.load;

/**
 * A load was interrupted: chunks not yet started were skipped, statements in flight were
 * cancelled and rolled back, and the report says which rows landed.
 */
public class LoadInterruptedException extends InterruptedException {

    private static final long serialVersionUID = 1L;
    private final transient LoadReport report;

    public LoadInterruptedException(LoadReport report) {
        super("load interrupted; " + report);
        this.report = report;
    }

    /** What had landed when the load stopped. */
    public LoadReport report() {
        return report;
    }
}
