package io.github.mongeot.experiments.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;

/**
 * The marginal-W2 evaluation of the NLOT reference code (facebookresearch/lagrangian-ot, train_ot.py,
 * {@code sinkhorn_cost_ott}): OTT-JAX 0.4.6 {@code sinkhorn.solve(PointCloud(x, y, epsilon=1e-3)).reg_ot_cost}
 * with the solver's defaults, re-implemented from OTT's documented algorithm (no code copied): uniform weights,
 * cost ‖x − y‖² (OTT's SqEuclidean, no ½), absolute ε, potentials starting at zero, log-domain updates
 * g ← ε log b − ε LSE_i((f_i − C_ij)/ε) then f ← ε log a − ε LSE_j((g_j − C_ij)/ε) (Gauss–Seidel), in blocks of
 * 10 iterations; after each block the L1 error ‖P1 − b‖₁ of the column marginal is checked against 1e-3, at most 2000
 * iterations. The returned value is OTT's {@code reg_ot_cost} for whatever f, g the loop ends with:
 * ⟨f − ε log a, a⟩ + ⟨g − ε log b, b⟩ + ε(1 − ΣP), i.e. ⟨P, C⟩ + ε KL(P | abᵀ) at convergence — at ε = 1e-3 and
 * 128 points about 0.4–0.5 (×100) above ⟨P, C⟩; at 2000 iterations it is often not converged, and then the value
 * is a dual lower bound of the converged one.
 */
public final class OttSinkhorn {
    /** OTT 0.4.6 {@code Sinkhorn()} defaults and the reference code's ε. */
    public static final double EPSILON = 1e-3;
    public static final double THRESHOLD = 1e-3;
    public static final int INNER_ITERATIONS = 10;
    public static final int MAX_ITERATIONS = 2000;

    /** The regularised cost, the iterations run, the last recorded column-marginal L1 error and OTT's converged flag. */
    public record Result(double regOtCost, int iterations, double error, boolean converged) {
    }

    private OttSinkhorn() {
    }

    /** The reference protocol: {@code solve(x, y, 1e-3, 1e-3, 2000)}. */
    public static Result paperProtocol(double[][] x, double[][] y) {
        return solve(x, y, EPSILON, THRESHOLD, MAX_ITERATIONS);
    }

    /** OTT's balanced log-domain Sinkhorn loop on uniform weights with the given ε, threshold and iteration cap. */
    public static Result solve(double[][] x, double[][] y, double epsilon, double threshold, int maxIterations) {
        if (x.length == 0 || y.length == 0) {
            throw new InvalidInputException("OTT Sinkhorn needs non-empty point sets, got " + x.length + " and " + y.length);
        }
        if (!(epsilon > 0) || maxIterations < 1) {
            throw new InvalidInputException("OTT Sinkhorn needs epsilon > 0 and maxIterations >= 1, got " + epsilon + ", " + maxIterations);
        }
        int n = x.length;
        int m = y.length;
        double[][] cost = new double[n][m];
        for (int i = 0; i < n; i++) {
            if (x[i].length != y[0].length) {
                throw new InvalidInputException("OTT Sinkhorn: row " + i + " of x has dimension " + x[i].length + ", y has " + y[0].length);
            }
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double d = x[i][k] - y[j][k];
                    s += d * d;
                }
                cost[i][j] = s;
            }
        }
        double logA = -Math.log(n);
        double logB = -Math.log(m);
        double[] f = new double[n];
        double[] g = new double[m];
        double[] work = new double[Math.max(n, m)];
        int iteration = 0;
        double error = Double.POSITIVE_INFINITY;
        while (iteration < maxIterations) {
            // a block of inner iterations; the error is recorded on its last one (or on the final iteration)
            for (int inner = 0; inner < INNER_ITERATIONS && iteration < maxIterations; inner++) {
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < n; i++) {
                        work[i] = (f[i] - cost[i][j]) / epsilon;
                    }
                    g[j] = epsilon * logB - epsilon * logSumExp(work, n);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        work[j] = (g[j] - cost[i][j]) / epsilon;
                    }
                    f[i] = epsilon * logA - epsilon * logSumExp(work, m);
                }
                iteration++;
            }
            error = columnError(cost, f, g, epsilon, Math.exp(logB));
            if (!Double.isFinite(error) || error < threshold) {
                break;
            }
        }
        double mass = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                mass += Math.exp((f[i] + g[j] - cost[i][j]) / epsilon);
            }
        }
        double dualA = 0;
        for (double fi : f) {
            dualA += (fi - epsilon * logA) / n;
        }
        double dualB = 0;
        for (double gj : g) {
            dualB += (gj - epsilon * logB) / m;
        }
        double reg = dualA + dualB + epsilon * (1 - mass);
        return new Result(reg, iteration, error, error < threshold);
    }

    /** ‖Σ_i P_ij − b_j‖₁ with P_ij = exp((f_i + g_j − C_ij)/ε). */
    private static double columnError(double[][] cost, double[] f, double[] g, double epsilon, double b) {
        double error = 0;
        for (int j = 0; j < g.length; j++) {
            double col = 0;
            for (int i = 0; i < f.length; i++) {
                col += Math.exp((f[i] + g[j] - cost[i][j]) / epsilon);
            }
            error += Math.abs(col - b);
        }
        return error;
    }

    private static double logSumExp(double[] v, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < length; k++) {
            max = Math.max(max, v[k]);
        }
        double s = 0;
        for (int k = 0; k < length; k++) {
            s += Math.exp(v[k] - max);
        }
        return max + Math.log(s);
    }
}
