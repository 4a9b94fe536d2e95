package io.github.mongeot.methods.dpot;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.exact.JonkerVolgenant;
import io.github.mongeot.core.exact.NetworkSimplex;
import java.util.Arrays;

/**
 * The Γ update of DPOT for one batch slot: the exact OT plan for the squared Euclidean cost
 * between the pushed batch {T(x_i)} and the target batch {y_j}, both with uniform weights.
 *
 * <p>For equal sizes the plan is a permutation / B. Measured on this machine (2-D clouds, one
 * core): on a fresh batch the network simplex is fastest (n = 1000: ~0.05–0.1 s; Jonker–Volgenant
 * from a cold start 0.4 s, 3000: ~0.5 s vs 13 s), while re-solving the same batch a few Adam steps
 * later, Jonker–Volgenant warm-started from the previous column prices is 4–10× faster than the
 * simplex (n = 1000: ~12 ms; 3000: ~0.1 s). {@link GammaSolver#AUTO} therefore uses the simplex on new
 * batches (keeping its duals as prices) and warm Jonker–Volgenant on repeated ones.
 *
 * <p>Not thread-safe: one instance per slot.
 */
final class PlanSolver {
    /**
     * A plan as its non-zero entries: mass[k] at (rows[k], cols[k]); the masses sum to 1.
     */
    record Coupling(int[] rows, int[] cols, double[] mass) {
        /** The permutation plan (i, σ(i)) with mass 1/n each. */
        static Coupling permutation(int[] sigma) {
            int n = sigma.length;
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            double[] mass = new double[n];
            Arrays.fill(mass, 1.0 / n);
            return new Coupling(rows, sigma.clone(), mass);
        }

        /** Σ_k mass_k ‖a_{rows_k} − b_{cols_k}‖². */
        double cost(double[][] a, double[][] b) {
            double total = 0;
            for (int k = 0; k < rows.length; k++) {
                total += mass[k] * squaredDistance(a[rows[k]], b[cols[k]]);
            }
            return total;
        }
    }

    private final GammaSolver kind;
    private double[] prices;
    private long simplexSolves;
    private long assignmentSolves;
    private double seconds;

    PlanSolver(GammaSolver kind) {
        this.kind = kind;
    }

    /**
     * The exact plan between {@code pushed} and {@code target}; {@code sameBatch} says both are
     * the batches of the previous call (only T moved), so a warm start is sound.
     */
    Coupling solve(double[][] pushed, double[][] target, boolean sameBatch) {
        long start = System.nanoTime();
        try {
            int n = pushed.length;
            int m = target.length;
            double[] cost = ExactOT.squaredDistances(pushed, target);
            boolean square = n == m;
            if (kind == GammaSolver.ASSIGNMENT && !square) {
                throw new InvalidInputException("dpot solver 'assignment' needs equal batch sizes, got " + n + " and " + m);
            }
            boolean warm = sameBatch && prices != null && prices.length == m;
            if (square && (kind == GammaSolver.ASSIGNMENT || (kind == GammaSolver.AUTO && warm))) {
                JonkerVolgenant.Result r = JonkerVolgenant.solve(cost, n, warm ? prices : null);
                prices = r.prices();
                assignmentSolves++;
                return Coupling.permutation(r.rowToCol());
            }
            double[] a = new double[n];
            double[] b = new double[m];
            Arrays.fill(a, 1.0 / n);
            Arrays.fill(b, 1.0 / m);
            ExactResult r = NetworkSimplex.transport(a, b, cost);
            if (!r.converged()) {
                throw new IllegalStateException("dpot: the network simplex stopped with status " + r.status());
            }
            prices = r.v();
            simplexSolves++;
            return new Coupling(r.rows(), r.cols(), r.mass());
        } finally {
            seconds += (System.nanoTime() - start) / 1e9;
        }
    }

    long simplexSolves() {
        return simplexSolves;
    }

    long assignmentSolves() {
        return assignmentSolves;
    }

    /** Time spent in {@link #solve}, cost matrix included. */
    double seconds() {
        return seconds;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }
}
