package io.github.mongeot.core.data;

/**
 * A transport plan P (n × m) stored as its non-zero entries: entry k moves {@code mass()[k]} from
 * source point {@code rows()[k]} to target point {@code cols()[k]}. Arrays are copied out.
 */
public abstract class SparsePlan {
    private final int n;
    private final int m;
    private final int[] rows;
    private final int[] cols;
    private final double[] mass;

    protected SparsePlan(int n, int m, int[] rows, int[] cols, double[] mass) {
        this.n = n;
        this.m = m;
        this.rows = rows;
        this.cols = cols;
        this.mass = mass;
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

    /** The plan as a dense n × m matrix (allocated on each call; repeated pairs add up). */
    public double[][] denseplan() {
        double[][] plan = new double[n][m];
        for (int k = 0; k < mass.length; k++) {
            plan[rows[k]][cols[k]] += mass[k];
        }
        return plan;
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
}
