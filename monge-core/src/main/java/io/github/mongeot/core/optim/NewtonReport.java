package io.github.mongeot.core.optim;

/**
 * How a batched Newton solve ended.
 *
 * @param iterations     Newton iterations taken
 * @param maxGradientNorm the largest per-row ‖∇_z φ‖₂ at the returned point
 * @param converged      whether every row reached the gradient-norm tolerance
 * @param gradientSteps  row-iterations where the Hessian was not positive definite (or not finite)
 *                       and a gradient step was taken instead
 * @param tolerance      the tolerance on the gradient norm that was used
 */
public record NewtonReport(int iterations, double maxGradientNorm, boolean converged, long gradientSteps,
        double tolerance) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "Newton %s after %d iterations (max gradient norm %.3g, tolerance %.3g, %d gradient steps)",
                converged ? "converged" : "did NOT converge", iterations, maxGradientNorm, tolerance, gradientSteps);
    }
}
