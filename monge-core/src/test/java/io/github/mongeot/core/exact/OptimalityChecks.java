package io.github.mongeot.core.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The LP optimality certificate, checked from scratch: primal feasibility (P ≥ 0, marginals), dual
 * feasibility u_i + v_j ≤ C_ij, complementary slackness on the support and strong duality
 * Σ a u + Σ b v = ⟨P, C⟩ = reported cost.
 */
final class OptimalityChecks {
    private OptimalityChecks() {
    }

    static void assertOptimal(ExactResult r, double[] a, double[] b, double[] c) {
        int n = a.length;
        int m = b.length;
        double scale = 1;
        for (double x : c) {
            scale = Math.max(scale, Math.abs(x));
        }
        double tol = 1e-9 * scale;
        assertThat(r.converged()).as("status %s", r.status()).isTrue();
        assertThat(r.nonZeros()).isLessThanOrEqualTo(n + m - 1);
        double[] mass = r.mass();
        int[] rows = r.rows();
        int[] cols = r.cols();
        double primal = 0;
        for (int k = 0; k < mass.length; k++) {
            assertThat(mass[k]).isPositive();
            primal += mass[k] * c[rows[k] * m + cols[k]];
        }
        double[] rowSums = r.rowSums();
        double[] colSums = r.colSums();
        for (int i = 0; i < n; i++) {
            assertThat(rowSums[i]).as("row sum %d", i).isCloseTo(a[i], within(1e-12));
        }
        for (int j = 0; j < m; j++) {
            assertThat(colSums[j]).as("column sum %d", j).isCloseTo(b[j], within(1e-12));
        }
        double[] u = r.u();
        double[] v = r.v();
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                worst = Math.max(worst, u[i] + v[j] - c[i * m + j]);
            }
        }
        assertThat(worst).as("max of u_i + v_j - C_ij").isLessThanOrEqualTo(tol);
        for (int k = 0; k < mass.length; k++) {
            assertThat(u[rows[k]] + v[cols[k]]).as("slackness at (%d, %d)", rows[k], cols[k])
                    .isCloseTo(c[rows[k] * m + cols[k]], within(tol));
        }
        double dual = 0;
        for (int i = 0; i < n; i++) {
            dual += a[i] * u[i];
        }
        for (int j = 0; j < m; j++) {
            dual += b[j] * v[j];
        }
        assertThat(primal).isCloseTo(r.cost(), within(1e-12 * scale));
        assertThat(dual).as("strong duality").isCloseTo(r.cost(), within(tol));
    }

    static double[] sqeuclidean(double[][] x, double[][] y) {
        int m = y.length;
        double[] c = new double[x.length * m];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double d = x[i][k] - y[j][k];
                    s += d * d;
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    static double[] uniform(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }
}
