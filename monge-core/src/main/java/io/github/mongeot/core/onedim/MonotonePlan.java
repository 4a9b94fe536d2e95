package io.github.mongeot.core.onedim;

import io.github.mongeot.core.data.SparsePlan;

/**
 * The monotone coupling of two weighted samples on the line, as a sparse plan: entry k moves
 * {@code mass()[k]} from source point {@code rows()[k]} to target point {@code cols()[k]} (indices
 * into the inputs as given, not sorted). At most n + m − 1 entries. Arrays are copied out.
 */
public final class MonotonePlan extends SparsePlan {
    private final double cost;

    MonotonePlan(int n, int m, int[] rows, int[] cols, double[] mass, double cost) {
        super(n, m, rows, cols, mass);
        this.cost = cost;
    }

    /** Σ_k mass_k · h(x_{row k} − y_{col k}). */
    public double cost() {
        return cost;
    }
}
