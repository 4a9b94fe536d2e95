package io.github.mongeot.core.exact;

import java.util.Arrays;

/** Turns the final spanning tree into a sparse plan, a cost and centred dual potentials. */
final class ExactResultBuilder {
    private ExactResultBuilder() {
    }

    static ExactResult build(double[] a, double[] b, double[] c, int[] parent, double[] flow, double[] pi,
            long iterations, ExactStatus status) {
        int n = a.length;
        int m = b.length;
        int root = n + m;
        // Support = real tree arcs with positive flow, sorted by (row, column) via packed keys.
        long[] keys = new long[root];
        int count = 0;
        for (int u = 0; u < root; u++) {
            int p = parent[u];
            if (p == root || !(flow[u] > 0)) {
                continue;
            }
            int arc = u < n ? u * m + (p - n) : p * m + (u - n);
            keys[count] = ((long) arc << 32) | u;
            count++;
        }
        Arrays.sort(keys, 0, count);
        int[] rows = new int[count];
        int[] cols = new int[count];
        double[] mass = new double[count];
        double cost = 0;
        for (int k = 0; k < count; k++) {
            int arc = (int) (keys[k] >>> 32);
            int node = (int) keys[k];
            rows[k] = arc / m;
            cols[k] = arc - rows[k] * m;
            mass[k] = flow[node];
            cost += mass[k] * c[arc];
        }
        double[] u = new double[n];
        double[] v = new double[m];
        for (int i = 0; i < n; i++) {
            u[i] = -pi[i];
        }
        for (int j = 0; j < m; j++) {
            v[j] = pi[n + j];
        }
        tightenZeroWeightDuals(a, b, c, u, v);
        centre(a, b, u, v);
        return new ExactResult(n, m, cost, rows, cols, mass, u, v, iterations, status);
    }

    /**
     * A node of zero weight carries no flow, so its potential is only bounded by dual feasibility;
     * the simplex may leave it anywhere below that bound. Replace it by the c-transform (the largest
     * feasible value), which keeps u_i + v_j ≤ C_ij everywhere and does not change the dual objective.
     */
    private static void tightenZeroWeightDuals(double[] a, double[] b, double[] c, double[] u, double[] v) {
        int n = a.length;
        int m = b.length;
        for (int j = 0; j < m; j++) {
            if (b[j] == 0) {
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    best = Math.min(best, c[i * m + j] - u[i]);
                }
                v[j] = best;
            }
        }
        for (int i = 0; i < n; i++) {
            if (a[i] == 0) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    best = Math.min(best, c[i * m + j] - v[j]);
                }
                u[i] = best;
            }
        }
    }

    /** Gauge u ↦ u − k, v ↦ v + k chosen so that Σ a u = Σ b v (as POT's {@code center_dual}). */
    private static void centre(double[] a, double[] b, double[] u, double[] v) {
        double au = 0;
        double bv = 0;
        for (int i = 0; i < u.length; i++) {
            au += a[i] * u[i];
        }
        for (int j = 0; j < v.length; j++) {
            bv += b[j] * v[j];
        }
        double k = (au - bv) / 2;
        for (int i = 0; i < u.length; i++) {
            u[i] -= k;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] += k;
        }
    }
}
