package io.github.mongeot.core.onedim;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Exact OT on the real line. For a cost c(x, y) = h(x − y) with h convex the monotone rearrangement
 * F_ν⁻¹ ∘ F_μ is optimal (Santambrogio, <i>Optimal Transport for Applied Mathematicians</i>, §2.2):
 * sort both samples and fill the plan by the north-west corner rule. O((n + m) log(n + m)).
 */
public final class OneDimensionalOT {
    private OneDimensionalOT() {
    }

    /** Monotone coupling for uniform weights and cost h(x − y) (h convex). */
    public static MonotonePlan solve(double[] x, double[] y, DoubleUnaryOperator h) {
        return solve(x, uniform(x == null ? 0 : x.length), y, uniform(y == null ? 0 : y.length), h);
    }

    /** Monotone coupling for the squared distance (x − y)², the convention of {@code sqeuclidean}. */
    public static MonotonePlan solveSquared(double[] x, double[] a, double[] y, double[] b) {
        return solve(x, a, y, b, z -> z * z);
    }

    /**
     * Monotone coupling of Σ a_i δ_{x_i} and Σ b_j δ_{y_j} (weights non-negative, each summing to 1),
     * with its cost Σ P_ij h(x_i − y_j). Optimal whenever h is convex.
     */
    public static MonotonePlan solve(double[] x, double[] a, double[] y, double[] b, DoubleUnaryOperator h) {
        checkSample("source", x);
        checkSample("target", y);
        Validation.checkWeights("source weights", a, x.length);
        Validation.checkWeights("target weights", b, y.length);
        if (h == null) {
            throw new InvalidInputException("cost: missing");
        }
        int n = x.length;
        int m = y.length;
        int[] ix = sortedOrder(x);
        int[] iy = sortedOrder(y);
        double sumA = Arrays.stream(a).sum();
        double sumB = Arrays.stream(b).sum();
        double scale = sumA / sumB; // balance the totals to rounding, as the network simplex does
        int[] rows = new int[n + m - 1];
        int[] cols = new int[n + m - 1];
        double[] mass = new double[n + m - 1];
        int count = 0;
        int p = 0;
        int q = 0;
        double leftA = a[ix[0]];
        double leftB = b[iy[0]] * scale;
        double cost = 0;
        while (p < n && q < m) {
            double t = Math.min(leftA, leftB);
            if (t > 0) {
                rows[count] = ix[p];
                cols[count] = iy[q];
                mass[count] = t;
                cost += t * h.applyAsDouble(x[ix[p]] - y[iy[q]]);
                count++;
            }
            // North-west corner: move past whichever side is used up (both on a tie).
            boolean sourceDone = leftA <= leftB;
            boolean targetDone = leftB <= leftA;
            leftA -= t;
            leftB -= t;
            if (sourceDone && ++p < n) {
                leftA = a[ix[p]];
            }
            if (targetDone && ++q < m) {
                leftB = b[iy[q]] * scale;
            }
            if (count == rows.length) {
                break;
            }
        }
        return new MonotonePlan(n, m, Arrays.copyOf(rows, count), Arrays.copyOf(cols, count),
                Arrays.copyOf(mass, count), cost);
    }

    private static void checkSample(String name, double[] x) {
        if (x == null || x.length == 0) {
            throw new InvalidInputException(name + ": empty sample (need at least one point)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new InvalidInputException(name + ": row " + (i + 1) + " is " + x[i] + " (NaN/Inf not allowed)");
            }
        }
    }

    private static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / Math.max(n, 1));
        return w;
    }

    /** Indices of x in ascending order of value (stable). */
    private static int[] sortedOrder(double[] x) {
        return java.util.stream.IntStream.range(0, x.length).boxed()
                .sorted((i, j) -> Double.compare(x[i], x[j]))
                .mapToInt(Integer::intValue).toArray();
    }
}
