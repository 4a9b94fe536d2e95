package io.github.mongeot.core.optim;

/**
 * The end of an L-BFGS run.
 *
 * @param x                      the final point
 * @param value                  f(x)
 * @param iterations             iterations taken
 * @param evaluations            function evaluations (line search included)
 * @param projectedGradientNorm  ‖P(x − ∇f(x)) − x‖∞ (the gradient's max-norm without bounds)
 * @param converged              whether it fell below the tolerance
 */
public record LbfgsResult(double[] x, double value, int iterations, int evaluations, double projectedGradientNorm,
        boolean converged) {
}
