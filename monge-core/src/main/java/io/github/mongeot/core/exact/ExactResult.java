package io.github.mongeot.core.exact;

import io.github.mongeot.core.data.SparsePlan;

/**
 * The solution of an exact OT problem: the optimal cost ⟨P, C⟩, the plan P as a sparse list of
 * its non-zero entries (at most n + m − 1, sorted by row then column) and dual potentials (u, v) with
 * u_i + v_j ≤ C_ij for all (i, j), equality on the support, and Σ a_i u_i + Σ b_j v_j = cost.
 * The plan always meets the marginals; the dual statements hold when {@link #converged()} (after a
 * pivot cap the duals are those of the last basis and need not be feasible). Arrays are copied out.
 */
public final class ExactResult extends SparsePlan {
    private final double cost;
    private final double[] u;
    private final double[] v;
    private final long iterations;
    private final ExactStatus status;

    ExactResult(int n, int m, double cost, int[] rows, int[] cols, double[] mass, double[] u, double[] v,
            long iterations, ExactStatus status) {
        super(n, m, rows, cols, mass);
        this.cost = cost;
        this.u = u;
        this.v = v;
        this.iterations = iterations;
        this.status = status;
    }

    /** ⟨P, C⟩ for the plan returned. */
    public double cost() {
        return cost;
    }

    /** Source potentials u (length n). */
    public double[] u() {
        return u.clone();
    }

    /** Target potentials v (length m). */
    public double[] v() {
        return v.clone();
    }

    /** Number of simplex pivots. */
    public long iterations() {
        return iterations;
    }

    public ExactStatus status() {
        return status;
    }

    /** True when the plan is proven optimal (status {@link ExactStatus#OPTIMAL}). */
    public boolean converged() {
        return status == ExactStatus.OPTIMAL;
    }

    @Override
    public String toString() {
        return "ExactResult{cost=" + cost + ", nonZeros=" + nonZeros() + ", iterations=" + iterations
                + ", status=" + status + "}";
    }
}
