package io.github.mongeot.core.optim;

import org.bytedeco.pytorch.Tensor;

/**
 * The minimisers of a batched Newton solve (n × d, detached, owned by the caller's
 * {@code PointerScope} if one is open) and the convergence report.
 */
public record NewtonResult(Tensor solution, NewtonReport report) {
    /** The solution, or a {@link NotConvergedException} carrying the report if some row did not converge. */
    public Tensor solutionOrThrow(String what) {
        if (!report.converged()) {
            throw new NotConvergedException(what + ": " + report, report);
        }
        return solution;
    }
}
