package io.github.mongeot.core.metrics;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;

/**
 * Map-quality metrics, evaluated on n source points x_i (rows), the fitted map's images
 * T̂(x_i) ({@code mapped}) and the true map's images T*(x_i) ({@code truth}); expectations are
 * uniform averages over the rows. From Korotin et al. 2021, "Do neural optimal transport solvers
 * work? A continuous Wasserstein-2 benchmark" (NeurIPS), §4.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Unexplained variance percentage L2-UVP = 100 · E‖T̂(x) − T*(x)‖² / Var(ν), with Var(ν) the
     * total variance of the target (the trace of its covariance). 0 for a perfect map; a
     * constant map to the target mean scores 100.
     */
    public static double l2uvp(double[][] mapped, double[][] truth, double targetVariance) {
        Validation.checkPositive("target variance", targetVariance);
        return 100 * mse(mapped, truth) / targetVariance;
    }

    /**
     * L2-UVP with Var(ν) = {@link #totalVariance} of {@code targetSamples} (divided by m, the
     * number of samples). With {@code targetSamples = truth}, the constant map to the mean of
     * {@code truth} scores exactly 100.
     */
    public static double l2uvp(double[][] mapped, double[][] truth, double[][] targetSamples) {
        return l2uvp(mapped, truth, totalVariance("target samples", targetSamples));
    }

    /** Total variance (1/m) Σ_j ‖y_j − ȳ‖², the trace of the covariance normalised by m (not m − 1). */
    public static double totalVariance(double[][] samples) {
        return totalVariance("samples", samples);
    }

    /**
     * Cosine similarity of displacements
     * cos = E⟨T̂(x) − x, T*(x) − x⟩ / (‖T̂ − id‖_{L²(μ)} ‖T* − id‖_{L²(μ)}), in [−1, 1]: 1 when the fitted
     * map moves every point in the true direction up to a common positive scale. Undefined (an
     * {@link InvalidInputException}) when either map moves no point.
     */
    public static double cosine(double[][] x, double[][] mapped, double[][] truth) {
        int d = checkSameShape("x", x, "mapped", mapped);
        checkSameShape("x", x, "truth", truth);
        double inner = 0;
        double fitted = 0;
        double exact = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < d; k++) {
                double u = mapped[i][k] - x[i][k];
                double v = truth[i][k] - x[i][k];
                inner += u * v;
                fitted += u * u;
                exact += v * v;
            }
        }
        if (fitted == 0 || exact == 0) {
            throw new InvalidInputException("cosine is undefined: the " + (fitted == 0 ? "fitted" : "true")
                    + " map moves no point (T − id is zero)");
        }
        // the 1/n of each expectation cancels
        return Math.max(-1, Math.min(1, inner / (Math.sqrt(fitted) * Math.sqrt(exact))));
    }

    /** Mean squared error (1/n) Σ_i ‖a_i − b_i‖²: the mean over points of the squared Euclidean distance. */
    public static double mse(double[][] a, double[][] b) {
        int d = checkSameShape("mapped", a, "truth", b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < d; k++) {
                double diff = a[i][k] - b[i][k];
                sum += diff * diff;
            }
        }
        return sum / a.length;
    }

    /** Root mean squared error √((1/n) Σ_i ‖a_i − b_i‖²): the root of the mean over points of the squared Euclidean distance. */
    public static double rmse(double[][] a, double[][] b) {
        return Math.sqrt(mse(a, b));
    }

    private static double totalVariance(String name, double[][] samples) {
        int d = Validation.checkPoints(name, samples);
        int m = samples.length;
        double[] mean = new double[d];
        for (double[] y : samples) {
            for (int k = 0; k < d; k++) {
                mean[k] += y[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= m;
        }
        double sum = 0;
        for (double[] y : samples) {
            for (int k = 0; k < d; k++) {
                double diff = y[k] - mean[k];
                sum += diff * diff;
            }
        }
        return sum / m;
    }

    private static int checkSameShape(String nameA, double[][] a, String nameB, double[][] b) {
        int d = Validation.checkPoints(nameA, a);
        int e = Validation.checkPoints(nameB, b);
        if (a.length != b.length || d != e) {
            throw new InvalidInputException("shape mismatch: " + nameA + " is " + a.length + "×" + d + ", "
                    + nameB + " is " + b.length + "×" + e);
        }
        return d;
    }
}
