package io.github.mongeot.spark;

/** The OT solver {@link GroupedOT} runs on each group. */
public enum GroupSolver {
    /** Network simplex ({@link io.github.mongeot.core.exact.NetworkSimplex}): exact cost and a sparse plan. */
    EXACT,
    /** Log-domain / stabilised Sinkhorn ({@link io.github.mongeot.core.sinkhorn.Sinkhorn}). */
    SINKHORN
}
