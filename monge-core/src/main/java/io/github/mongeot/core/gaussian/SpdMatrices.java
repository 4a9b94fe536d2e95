package io.github.mongeot.core.gaussian;

import io.github.mongeot.core.data.InvalidInputException;

/**
 * Functions of symmetric positive (semi-)definite matrices through their eigendecomposition:
 * square root, inverse square root, inverse. Negative eigenvalues that are rounding noise
 * (above −{@value #TOLERANCE} × the largest) are treated as 0; larger ones are an error.
 */
public final class SpdMatrices {
    /** Relative size, against the largest eigenvalue, below which an eigenvalue counts as zero. */
    public static final double TOLERANCE = 1e-12;

    private SpdMatrices() {
    }

    /** The symmetric PSD square root S^{1/2}; {@code s} must be PSD. */
    public static double[][] sqrt(double[][] s) {
        return sqrt("matrix", s);
    }

    /** As {@link #sqrt(double[][])}; {@code name} appears in the error message. */
    public static double[][] sqrt(String name, double[][] s) {
        SymmetricEigen eigen = requirePsd(name, s);
        return eigen.apply(lambda -> Math.sqrt(Math.max(lambda, 0)));
    }

    /** S^{-1/2}; {@code s} must be positive definite. */
    public static double[][] inverseSqrt(String name, double[][] s) {
        SymmetricEigen eigen = requirePd(name, s);
        return eigen.apply(lambda -> 1 / Math.sqrt(lambda));
    }

    /** S^{-1}; {@code s} must be positive definite. */
    public static double[][] inverse(String name, double[][] s) {
        SymmetricEigen eigen = requirePd(name, s);
        return eigen.apply(lambda -> 1 / lambda);
    }

    /** Checks that {@code s} is symmetric PSD, returning its eigendecomposition. */
    public static SymmetricEigen requirePsd(String name, double[][] s) {
        SymmetricEigen eigen = SymmetricEigen.of(s);
        double scale = Math.max(Math.abs(eigen.max()), Double.MIN_NORMAL);
        if (eigen.min() < -TOLERANCE * scale) {
            throw new InvalidInputException(name + " is not positive semi-definite (smallest eigenvalue "
                    + eigen.min() + ")");
        }
        return eigen;
    }

    /** Checks that {@code s} is symmetric positive definite, returning its eigendecomposition. */
    public static SymmetricEigen requirePd(String name, double[][] s) {
        SymmetricEigen eigen = SymmetricEigen.of(s);
        if (!(eigen.min() > TOLERANCE * Math.abs(eigen.max()))) {
            throw new InvalidInputException(name + " is not positive definite (eigenvalues from " + eigen.min()
                    + " to " + eigen.max() + ")");
        }
        return eigen;
    }
}
