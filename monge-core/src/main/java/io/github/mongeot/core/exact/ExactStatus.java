package io.github.mongeot.core.exact;

/** How a network simplex run ended. */
public enum ExactStatus {
    /** No arc has a negative reduced cost: the plan and the duals are optimal. */
    OPTIMAL,
    /** The pivot cap was reached first; the plan is feasible but not proven optimal. */
    MAX_ITERATIONS,
    /**
     * Mass is left on the artificial arcs: the marginals could not be matched (in practice only when
     * the weights do not have the same total).
     */
    INFEASIBLE
}
