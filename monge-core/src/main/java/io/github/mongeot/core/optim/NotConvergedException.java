package io.github.mongeot.core.optim;

/** Thrown when an inner solver did not reach its tolerance and the caller asked for a converged result. */
public final class NotConvergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient NewtonReport report;

    public NotConvergedException(String message, NewtonReport report) {
        super(message);
        this.report = report;
    }

    /** The report of the failed solve (null when it did not come from {@link BatchedNewton}). */
    public NewtonReport report() {
        return report;
    }
}
