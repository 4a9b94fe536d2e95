package io.github.mongeot.core.data;

/** Checks shared by every public entry point; each failure names the input at fault. */
public final class Validation {
    /** Weights must sum to 1 within this absolute tolerance. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    private Validation() {
    }

    /** Non-empty, rectangular, finite points. {@code name} is e.g. "source" or a file path. */
    public static int checkPoints(String name, double[][] points) {
        if (points == null || points.length == 0) {
            throw new InvalidInputException(name + ": empty point cloud (need at least one point)");
        }
        int d = points[0] == null ? 0 : points[0].length;
        if (d == 0) {
            throw new InvalidInputException(name + ": points have zero dimensions");
        }
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null || points[i].length != d) {
                throw new InvalidInputException(name + ": row " + (i + 1) + " has "
                        + (points[i] == null ? 0 : points[i].length) + " columns, expected " + d);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(points[i][k])) {
                    throw new InvalidInputException(name + ": row " + (i + 1) + ", column " + (k + 1)
                            + " is " + points[i][k] + " (NaN/Inf not allowed)");
                }
            }
        }
        return d;
    }

    /** Length n, finite, non-negative, positive total summing to 1. */
    public static void checkWeights(String name, double[] weights, int n) {
        if (weights.length != n) {
            throw new InvalidInputException(name + ": has " + weights.length + " weights for " + n + " points");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!Double.isFinite(w)) {
                throw new InvalidInputException(name + ": weight " + (i + 1) + " is " + w + " (NaN/Inf not allowed)");
            }
            if (w < 0) {
                throw new InvalidInputException(name + ": weight " + (i + 1) + " is negative (" + w + ")");
            }
            sum += w;
        }
        if (Math.abs(sum - 1.0) > WEIGHT_SUM_TOLERANCE) {
            throw new InvalidInputException(name + ": weights sum to " + sum + ", expected 1");
        }
    }

    public static void checkSameDimension(PointCloud source, PointCloud target) {
        if (source.dim() != target.dim()) {
            throw new InvalidInputException("dimension mismatch: " + source.name() + " has " + source.dim()
                    + " columns, " + target.name() + " has " + target.dim());
        }
    }

    public static double checkPositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(name + " must be a positive finite number, got " + value);
        }
        return value;
    }
}
