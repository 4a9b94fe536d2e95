package io.github.mongeot.core.sinkhorn;

/**
 * What one run of iterations at a fixed ε reports back to the solver.
 *
 * @param failed the kernel under- or overflowed; the potentials hold the last good state
 */
record StageOutcome(int iterations, double lastError, boolean converged, boolean failed, int absorptions) {
}
