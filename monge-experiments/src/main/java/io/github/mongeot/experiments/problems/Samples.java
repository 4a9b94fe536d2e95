package io.github.mongeot.experiments.problems;

import java.util.Random;

/** Seeded sample generators for the built-in problems. */
public final class Samples {
    private Samples() {
    }

    /** n draws of N(mean, L Lᵀ) given the Cholesky factor L (row-major d × d). */
    public static double[][] gaussian(Random rng, int n, double[] mean, double[][] cholesky) {
        int d = mean.length;
        double[][] out = new double[n][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                z[k] = rng.nextGaussian();
            }
            for (int r = 0; r < d; r++) {
                double s = mean[r];
                for (int k = 0; k <= r; k++) {
                    s += cholesky[r][k] * z[k];
                }
                out[i][r] = s;
            }
        }
        return out;
    }

    /** n draws of the standard normal in R^d. */
    public static double[][] standardNormal(Random rng, int n, int d) {
        double[][] identity = new double[d][d];
        for (int k = 0; k < d; k++) {
            identity[k][k] = 1;
        }
        return gaussian(rng, n, new double[d], identity);
    }

    /**
     * The peers' benchmark target law: an equal mixture of N((3, 2), 0.5² I) and N((3, −2), 0.5² I)
     * (other coordinates 0 when d &gt; 2).
     */
    public static double[][] twoBlobs(Random rng, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            boolean upper = rng.nextBoolean();
            for (int k = 0; k < d; k++) {
                out[i][k] = 0.5 * rng.nextGaussian();
            }
            out[i][0] += 3;
            if (d > 1) {
                out[i][1] += upper ? 2 : -2;
            }
        }
        return out;
    }
}
