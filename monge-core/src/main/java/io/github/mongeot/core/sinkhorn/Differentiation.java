package io.github.mongeot.core.sinkhorn;

/** How {@link DifferentiableSinkhorn} propagates gradients to the cost matrix and the weights. */
public enum Differentiation {
    /** Keep the autograd graph through every log-domain iteration (memory grows with the iterations). */
    UNROLL,
    /**
     * Implicit function theorem at the fixed point: the forward solve runs without a graph and the
     * backward pass solves one (n + m)-dimensional adjoint linear system. The system is dense (an LU
     * factorisation of an (n + m)² matrix at the forward call): practical up to a few thousand points.
     */
    IMPLICIT
}
