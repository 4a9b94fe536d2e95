package io.github.mongeot.core.exact;

/** How a network simplex run ended. */
public enum ExactStatus {
    /** No arc has a negative reduced cost: the plan and the duals are optimal. */
    OPTIMAL,
    /** The pivot cap was reached first; the plan is feasible but not proven optimal. */
    MAX_ITERATIONS,
    /**
     * Mass is left on the artificial arcs joining the tree to its root, so the plan does not meet the
     * marginals. A consistency check: the solver starts from a feasible flow and those arcs cannot gain
     * flow, so valid input never ends here.
     */
    INFEASIBLE
}
