package io.github.mongeot.core.exact;

/**
 * The solution of an exact OT problem: the optimal cost ⟨P, C⟩, the plan P as a sparse list of
 * its non-zero entries (at most n + m − 1, sorted by row then column) and dual potentials (u, v) with
 * u_i + v_j ≤ C_ij for all (i, j), equality on the support, and Σ a_i u_i + Σ b_j v_j = cost.
 * The plan always meets the marginals; the dual statements hold when {@link #converged()} (after a
 * pivot cap the duals are those of the last basis and need not be feasible). Arrays are copied out.
 */
public final class ExactResult {
    private final int n;
    private final int m;
    private final double cost;
    private final int[] rows;
    private final int[] cols;
    private final double[] mass;
    private final double[] u;
    private final double[] v;
    private final long iterations;
    private final ExactStatus status;

    ExactResult(int n, int m, double cost, int[] rows, int[] cols, double[] mass, double[] u, double[] v,
            long iterations, ExactStatus status) {
        this.n = n;
        this.m = m;
        this.cost = cost;
        this.rows = rows;
        this.cols = cols;
        this.mass = mass;
        this.u = u;
        this.v = v;
        this.iterations = iterations;
        this.status = status;
    }

    /** ⟨P, C⟩ for the plan returned. */
    public double cost() {
        return cost;
    }

    /** Number of source points n. */
    public int sourceSize() {
        return n;
    }

    /** Number of target points m. */
    public int targetSize() {
        return m;
    }

    /** Row index i of each non-zero P_ij. */
    public int[] rows() {
        return rows.clone();
    }

    /** Column index j of each non-zero P_ij. */
    public int[] cols() {
        return cols.clone();
    }

    /** The value P_ij of each non-zero entry. */
    public double[] mass() {
        return mass.clone();
    }

    /** Number of non-zero entries of the plan. */
    public int nonZeros() {
        return mass.length;
    }

    /** The plan as a dense n × m matrix (allocated on each call). */
    public double[][] denseplan() {
        double[][] plan = new double[n][m];
        for (int k = 0; k < mass.length; k++) {
            plan[rows[k]][cols[k]] = mass[k];
        }
        return plan;
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

    /** Row sums P1 (length n). */
    public double[] rowSums() {
        double[] sums = new double[n];
        for (int k = 0; k < mass.length; k++) {
            sums[rows[k]] += mass[k];
        }
        return sums;
    }

    /** Column sums Pᵀ1 (length m). */
    public double[] colSums() {
        double[] sums = new double[m];
        for (int k = 0; k < mass.length; k++) {
            sums[cols[k]] += mass[k];
        }
        return sums;
    }

    /** ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁. */
    public double marginalError(double[] a, double[] b) {
        double[] r = rowSums();
        double[] s = colSums();
        double err = 0;
        for (int i = 0; i < n; i++) {
            err += Math.abs(r[i] - a[i]);
        }
        for (int j = 0; j < m; j++) {
            err += Math.abs(s[j] - b[j]);
        }
        return err;
    }

    @Override
    public String toString() {
        return "ExactResult{cost=" + cost + ", nonZeros=" + mass.length + ", iterations=" + iterations
                + ", status=" + status + "}";
    }
}
