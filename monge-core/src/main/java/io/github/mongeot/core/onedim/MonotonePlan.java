package io.github.mongeot.core.onedim;

/**
 * The monotone coupling of two weighted samples on the line, as a sparse plan: entry k moves
 * {@code mass()[k]} from source point {@code rows()[k]} to target point {@code cols()[k]} (indices
 * into the inputs as given, not sorted). At most n + m − 1 entries. Arrays are copied out.
 */
public final class MonotonePlan {
    private final int n;
    private final int m;
    private final int[] rows;
    private final int[] cols;
    private final double[] mass;
    private final double cost;

    MonotonePlan(int n, int m, int[] rows, int[] cols, double[] mass, double cost) {
        this.n = n;
        this.m = m;
        this.rows = rows;
        this.cols = cols;
        this.mass = mass;
        this.cost = cost;
    }

    /** Σ_k mass_k · h(x_{row k} − y_{col k}). */
    public double cost() {
        return cost;
    }

    public int[] rows() {
        return rows.clone();
    }

    public int[] cols() {
        return cols.clone();
    }

    public double[] mass() {
        return mass.clone();
    }

    public int nonZeros() {
        return mass.length;
    }

    /** The plan as a dense n × m matrix. */
    public double[][] denseplan() {
        double[][] plan = new double[n][m];
        for (int k = 0; k < mass.length; k++) {
            plan[rows[k]][cols[k]] += mass[k];
        }
        return plan;
    }
}
