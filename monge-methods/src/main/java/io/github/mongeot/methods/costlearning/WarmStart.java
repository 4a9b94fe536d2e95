package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * What one training step hands to the next: the Sinkhorn duals (f, g) and, per training point, the
 * last solution of (∇h)⁻¹ at that point (forward map on the sources, reverse map on the targets).
 * Plain arrays, so they outlive each step's {@code PointerScope}. Mutable; one per fit.
 */
public final class WarmStart {
    private double[] f;
    private double[] g;
    private final double[][] sourceSolutions;
    private final double[][] targetSolutions;

    public WarmStart(int n, int m) {
        this.sourceSolutions = new double[n][];
        this.targetSolutions = new double[m][];
    }

    double[] f() {
        return f;
    }

    double[] g() {
        return g;
    }

    void duals(double[] f, double[] g) {
        this.f = f;
        this.g = g;
    }

    /** Rows of the start for (∇h)⁻¹ at the given points: the stored solution where there is one, else w's row. */
    Tensor start(boolean source, long[] index, Tensor w) {
        double[][] store = source ? sourceSolutions : targetSolutions;
        double[][] rows = Tensors.toRows(w);
        for (int k = 0; k < index.length; k++) {
            double[] kept = store[(int) index[k]];
            if (kept != null) {
                rows[k] = kept;
            }
        }
        return Tensors.fromRows(rows, DType.FLOAT64).to(w.scalar_type());
    }

    void remember(boolean source, long[] index, Tensor solution) {
        double[][] store = source ? sourceSolutions : targetSolutions;
        double[][] rows = Tensors.toRows(solution);
        for (int k = 0; k < index.length; k++) {
            store[(int) index[k]] = rows[k];
        }
    }
}
