package io.github.mongeot.core.exact;

import io.github.mongeot.core.cost.Cost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;

/** Entry point: exact OT between two weighted point clouds for a ground cost. */
public final class ExactOT {
    private ExactOT() {
    }

    /** Builds C_ij = c(x_i, y_j) and solves with the default {@link NetworkSimplex}. */
    public static ExactResult solve(PointCloud source, PointCloud target, Cost cost) {
        return solve(source, target, cost, NetworkSimplex.create());
    }

    /** As {@link #solve(PointCloud, PointCloud, Cost)} with given solver settings. */
    public static ExactResult solve(PointCloud source, PointCloud target, Cost cost, NetworkSimplex solver) {
        if (source == null || target == null) {
            throw new InvalidInputException((source == null ? "source" : "target") + ": missing point cloud");
        }
        if (cost == null) {
            throw new InvalidInputException("cost: missing");
        }
        Validation.checkSameDimension(source, target);
        double[][] matrix = cost.matrix(source.points(), target.points());
        return solver.solve(source.weights(), target.weights(), matrix);
    }

    /**
     * The row-major n × m matrix ‖x_i − y_j‖² as the flat array {@link NetworkSimplex#solve(double[], double[], double[])}
     * and {@link JonkerVolgenant#solve(double[], int)} take (float64, plain Java: no tensor round trip).
     */
    public static double[] squaredDistances(double[][] x, double[][] y) {
        int m = y.length;
        double[] c = new double[Math.multiplyExact(x.length, m)];
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            for (int j = 0; j < m; j++) {
                double[] yj = y[j];
                double s = 0;
                for (int k = 0; k < xi.length; k++) {
                    double d = xi[k] - yj[k];
                    s += d * d;
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }
}
