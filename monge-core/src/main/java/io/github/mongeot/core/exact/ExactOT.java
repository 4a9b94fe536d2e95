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
}
