package io.github.mongeot.core.gaussian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;

/**
 * The optimal transport map between two Gaussians for the squared Euclidean cost (the Bures map;
 * Dowson &amp; Landau 1982, Peyré &amp; Cuturi, Computational OT, Remark 2.31):
 * <pre>  T(x) = m₂ + A(x − m₁),   A = Σ₁^{-1/2} (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2} Σ₁^{-1/2}</pre>
 * A is symmetric positive (semi-)definite and A Σ₁ A = Σ₂. The source covariance Σ₁ must be
 * positive definite. The same map is optimal between any two elliptical distributions of the
 * same family (e.g. uniform on ellipsoids) with these means and covariances.
 */
public final class BuresMap {
    private final Gaussian source;
    private final Gaussian target;
    private final double[][] matrix;
    private final double[] offset;

    private BuresMap(Gaussian source, Gaussian target, double[][] matrix) {
        this.source = source;
        this.target = target;
        this.matrix = matrix;
        double[] am1 = Matrices.multiply(matrix, source.meanUnsafe());
        double[] m2 = target.meanUnsafe();
        this.offset = new double[m2.length];
        for (int k = 0; k < m2.length; k++) {
            offset[k] = m2[k] - am1[k];
        }
    }

    /** The OT map from {@code source} to {@code target} (same dimension; source covariance invertible). */
    public static BuresMap between(Gaussian source, Gaussian target) {
        if (source.dim() != target.dim()) {
            throw new InvalidInputException("dimension mismatch: source Gaussian has " + source.dim()
                    + " dimensions, target has " + target.dim());
        }
        double[][] s1 = source.covarianceUnsafe();
        SymmetricEigen eigen = SpdMatrices.requirePd("source covariance", s1);
        double[][] root = eigen.apply(Math::sqrt);
        double[][] inverseRoot = eigen.apply(lambda -> 1 / Math.sqrt(lambda));
        double[][] middle = Matrices.symmetrize(
                Matrices.multiply(Matrices.multiply(root, target.covarianceUnsafe()), root));
        double[][] middleRoot = SpdMatrices.sqrt("Σ₁^{1/2} Σ₂ Σ₁^{1/2}", middle);
        double[][] a = Matrices.symmetrize(
                Matrices.multiply(Matrices.multiply(inverseRoot, middleRoot), inverseRoot));
        return new BuresMap(source, target, a);
    }

    /** A, the symmetric matrix of the map (a copy). */
    public double[][] matrix() {
        return Matrices.copy(matrix);
    }

    /** b = m₂ − A m₁, so that T(x) = A x + b (a copy). */
    public double[] offset() {
        return offset.clone();
    }

    public Gaussian source() {
        return source;
    }

    public Gaussian target() {
        return target;
    }

    public int dim() {
        return offset.length;
    }

    /** T(x) for one point. */
    public double[] apply(double[] x) {
        if (x.length != dim()) {
            throw new InvalidInputException("point has " + x.length + " coordinates, the map needs " + dim());
        }
        double[] y = Matrices.multiply(matrix, x);
        for (int k = 0; k < y.length; k++) {
            y[k] += offset[k];
        }
        return y;
    }

    /** T(x) for each row of {@code points}. */
    public double[][] apply(double[][] points) {
        int d = Validation.checkPoints("points", points);
        if (d != dim()) {
            throw new InvalidInputException("points have " + d + " columns, the map needs " + dim());
        }
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = apply(points[i]);
        }
        return out;
    }

    /** The map from the target back to the source (its matrix is A⁻¹); the target covariance must be invertible. */
    public BuresMap inverse() {
        return between(target, source);
    }
}
