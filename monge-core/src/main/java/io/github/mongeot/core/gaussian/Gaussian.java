package io.github.mongeot.core.gaussian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import java.util.Random;

/**
 * A Gaussian N(m, Σ) in R^d: a mean and a symmetric positive semi-definite covariance.
 * Immutable (arrays are copied in and out).
 */
public final class Gaussian {
    /** Relative asymmetry |Σ_ij − Σ_ji| / max|Σ| above which a covariance is rejected (below, it is symmetrised). */
    public static final double SYMMETRY_TOLERANCE = 1e-10;

    /** How {@link #fromSamples(double[][], Estimator)} normalises the covariance. */
    public enum Estimator {
        /** Divide by n: the covariance of the empirical measure (as POT's {@code OT_mapping_linear}). */
        MLE,
        /** Divide by n − 1: the unbiased estimate (as {@code np.cov}'s default). */
        UNBIASED
    }

    private final double[] mean;
    private final double[][] covariance;
    private volatile double[][] covarianceSqrt;

    /** Validates (finite, matching sizes, symmetric, PSD) and copies. */
    public Gaussian(double[] mean, double[][] covariance) {
        int d = mean.length;
        if (d == 0) {
            throw new InvalidInputException("Gaussian mean: empty (need at least one dimension)");
        }
        for (int k = 0; k < d; k++) {
            if (!Double.isFinite(mean[k])) {
                throw new InvalidInputException("Gaussian mean: entry " + (k + 1) + " is " + mean[k] + " (NaN/Inf not allowed)");
            }
        }
        if (covariance.length != d) {
            throw new InvalidInputException("Gaussian covariance: " + covariance.length + " rows for a mean of dimension " + d);
        }
        Validation.checkPoints("Gaussian covariance", covariance);
        if (covariance[0].length != d) {
            throw new InvalidInputException("Gaussian covariance: " + covariance[0].length + " columns, expected " + d);
        }
        double scale = Math.max(Matrices.maxAbs(covariance), Double.MIN_NORMAL);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (Math.abs(covariance[i][j] - covariance[j][i]) > SYMMETRY_TOLERANCE * scale) {
                    throw new InvalidInputException("Gaussian covariance: not symmetric at (" + (i + 1) + ", " + (j + 1)
                            + "): " + covariance[i][j] + " vs " + covariance[j][i]);
                }
            }
        }
        this.mean = mean.clone();
        this.covariance = Matrices.symmetrize(covariance);
        SpdMatrices.requirePsd("Gaussian covariance", this.covariance);
    }

    /** N(0, I) in R^d. */
    public static Gaussian standard(int d) {
        return new Gaussian(new double[d], Matrices.identity(d));
    }

    /** Mean and covariance of the samples (one row per point), covariance divided by n ({@link Estimator#MLE}). */
    public static Gaussian fromSamples(double[][] samples) {
        return fromSamples(samples, Estimator.MLE);
    }

    /** Mean and covariance of the samples (one row per point), normalised as {@code estimator} says. */
    public static Gaussian fromSamples(double[][] samples, Estimator estimator) {
        int d = Validation.checkPoints("samples", samples);
        int n = samples.length;
        if (estimator == Estimator.UNBIASED && n < 2) {
            throw new InvalidInputException("samples: the unbiased covariance needs at least 2 points, got " + n);
        }
        double[] mean = new double[d];
        for (double[] x : samples) {
            for (int k = 0; k < d; k++) {
                mean[k] += x[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (double[] x : samples) {
            for (int k = 0; k < d; k++) {
                centred[k] = x[k] - mean[k];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] += centred[i] * centred[j];
                }
            }
        }
        double divisor = estimator == Estimator.MLE ? n : n - 1;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= divisor;
                cov[j][i] = cov[i][j];
            }
        }
        return new Gaussian(mean, cov);
    }

    /** The same mean with covariance Σ + ridge·I (POT's {@code reg} in {@code OT_mapping_linear}). */
    public Gaussian withRidge(double ridge) {
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new InvalidInputException("ridge must be a non-negative finite number, got " + ridge);
        }
        double[][] cov = Matrices.copy(covariance);
        for (int i = 0; i < cov.length; i++) {
            cov[i][i] += ridge;
        }
        return new Gaussian(mean, cov);
    }

    public int dim() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[][] covariance() {
        return Matrices.copy(covariance);
    }

    /** Σ^{1/2}, the symmetric PSD square root (a copy). */
    public double[][] covarianceSqrt() {
        return Matrices.copy(sqrtOfCovariance());
    }

    /** n samples m + Σ^{1/2} z, z ~ N(0, I) from {@code new Random(seed)}: the same seed gives the same samples. */
    public double[][] sample(int n, long seed) {
        return sample(n, new Random(seed));
    }

    /** n samples m + Σ^{1/2} z, z ~ N(0, I) drawn from {@code random}. */
    public double[][] sample(int n, Random random) {
        if (n < 0) {
            throw new InvalidInputException("sample count must be non-negative, got " + n);
        }
        int d = dim();
        double[][] root = sqrtOfCovariance();
        double[][] out = new double[n][];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                z[k] = random.nextGaussian();
            }
            double[] x = Matrices.multiply(root, z);
            for (int k = 0; k < d; k++) {
                x[k] += mean[k];
            }
            out[i] = x;
        }
        return out;
    }

    double[][] sqrtOfCovariance() {
        double[][] root = covarianceSqrt;
        if (root == null) {
            root = SpdMatrices.sqrt("Gaussian covariance", covariance);
            covarianceSqrt = root;
        }
        return root;
    }

    double[][] covarianceUnsafe() {
        return covariance;
    }

    double[] meanUnsafe() {
        return mean;
    }

    @Override
    public String toString() {
        return "Gaussian(d=" + dim() + ")";
    }
}
