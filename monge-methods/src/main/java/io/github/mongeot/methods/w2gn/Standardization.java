package io.github.mongeot.methods.w2gn;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;

/**
 * The affine change of variables W2GN trains in: x' = (x − m_x)/s, y' = (y − m_y)/s with the
 * clouds' (weighted) means and one common scale s (the root mean variance per coordinate of both
 * clouds). It is exact for the quadratic cost: if ∇ψ₀ is the Brenier map between the standardised
 * clouds, then ψ(x) = s²ψ₀((x − m_x)/s) + ⟨m_y, x⟩ is convex and ∇ψ(x) = s∇ψ₀((x − m_x)/s) + m_y
 * is the Brenier map between the originals (translations and a common scaling commute with
 * optimality). It spares Adam, whose steps are about lr per parameter, from having to walk the
 * networks' linear terms over a large mean shift, and makes λ and lr independent of the data's units.
 *
 * @param sourceMean m_x
 * @param targetMean m_y
 * @param scale      s &gt; 0
 */
record Standardization(double[] sourceMean, double[] targetMean, double scale) {
    Standardization {
        if (sourceMean.length != targetMean.length) {
            throw new InvalidInputException("w2gn: source mean has " + sourceMean.length + " entries, target mean "
                    + targetMean.length);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new InvalidInputException("w2gn: scale must be > 0, got " + scale);
        }
        sourceMean = sourceMean.clone();
        targetMean = targetMean.clone();
    }

    static Standardization of(PointCloud source, PointCloud target) {
        double[] mx = mean(source);
        double[] my = mean(target);
        double variance = (variance(source, mx) + variance(target, my)) / (2.0 * mx.length);
        // a cloud of identical points has no spread: keep the units as they are
        return new Standardization(mx, my, variance > 0 ? Math.sqrt(variance) : 1.0);
    }

    /** (x − m_x)/s for each row. */
    double[][] source(double[][] x) {
        return shift(x, sourceMean, 1.0 / scale);
    }

    /** (y − m_y)/s for each row. */
    double[][] target(double[][] y) {
        return shift(y, targetMean, 1.0 / scale);
    }

    /** s·u + m_y for each row: back from standardised target coordinates. */
    double[][] toTarget(double[][] u) {
        return unshift(u, targetMean);
    }

    /** s·u + m_x for each row: back from standardised source coordinates. */
    double[][] toSource(double[][] u) {
        return unshift(u, sourceMean);
    }

    private static double[][] shift(double[][] rows, double[] mean, double factor) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < mean.length; k++) {
                out[i][k] = (rows[i][k] - mean[k]) * factor;
            }
        }
        return out;
    }

    private double[][] unshift(double[][] rows, double[] mean) {
        double[][] out = new double[rows.length][mean.length];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < mean.length; k++) {
                out[i][k] = rows[i][k] * scale + mean[k];
            }
        }
        return out;
    }

    private static double[] mean(PointCloud cloud) {
        double[] m = new double[cloud.dim()];
        for (int i = 0; i < cloud.size(); i++) {
            double w = cloud.weight(i);
            double[] p = cloud.point(i);
            for (int k = 0; k < m.length; k++) {
                m[k] += w * p[k];
            }
        }
        return m;
    }

    /** Total weighted variance (trace of the covariance). */
    private static double variance(PointCloud cloud, double[] mean) {
        double v = 0;
        for (int i = 0; i < cloud.size(); i++) {
            double w = cloud.weight(i);
            double[] p = cloud.point(i);
            for (int k = 0; k < mean.length; k++) {
                double c = p[k] - mean[k];
                v += w * c * c;
            }
        }
        return v;
    }
}
