package io.github.mongeot.nn.path;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.gaussian.SymmetricEigen;

/**
 * The null space of the constraints of a cubic spline that vanishes at both ends (Pooladian,
 * Domingo-Enrich, Chen &amp; Amos, "Neural Optimal Transport with Lagrangian Costs", appendix A.1):
 * N knots t_k = k/E on [0, 1] (E = N − 1 segments), segment e is p_e(t) = c₀ + c₁t + c₂t² + c₃t³
 * in global t, and the 3E − 1 linear constraints are p(0) = 0, p(1) = 0 and equal value, first and
 * second derivative at every interior knot. Any φ ∈ R^N gives valid coefficients Bφ (B is 4E × N
 * with orthonormal columns, here the eigenvectors of CᵀC for the eigenvalue 0, the right singular
 * vectors of C for σ = 0), and φ = 0 is the zero spline.
 */
public final class CubicSplineBasis {
    private final int knots;
    private final double[][] basis; // 4E × N

    private CubicSplineBasis(int knots, double[][] basis) {
        this.knots = knots;
        this.basis = basis;
    }

    /** The basis for {@code knots} ≥ 3 knots (the paper uses 30). */
    public static CubicSplineBasis of(int knots) {
        if (knots < 3) {
            throw new InvalidInputException("a cubic spline path needs at least 3 knots, got " + knots);
        }
        int segments = knots - 1;
        double[][] c = constraints(segments);
        int cols = 4 * segments;
        double[][] ctc = new double[cols][cols];
        for (double[] row : c) {
            for (int i = 0; i < cols; i++) {
                if (row[i] == 0) {
                    continue;
                }
                for (int j = 0; j < cols; j++) {
                    ctc[i][j] += row[i] * row[j];
                }
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(ctc);
        double[] values = eigen.values();
        double[][] vectors = eigen.vectors();
        Integer[] order = new Integer[cols];
        for (int i = 0; i < cols; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[][] basis = new double[cols][knots];
        for (int k = 0; k < knots; k++) {
            int column = order[k];
            for (int i = 0; i < cols; i++) {
                basis[i][k] = vectors[i][column];
            }
        }
        return new CubicSplineBasis(knots, basis);
    }

    /** The (3E − 1) × 4E constraint matrix C (rows: p(0), p(1), then value/slope/curvature at each interior knot). */
    static double[][] constraints(int segments) {
        int cols = 4 * segments;
        double[][] c = new double[3 * segments - 1][cols];
        c[0][0] = 1; // p_0(0) = c₀
        for (int j = 0; j < 4; j++) {
            c[1][4 * (segments - 1) + j] = 1; // p_{E−1}(1) = Σ c_j
        }
        int row = 2;
        for (int k = 1; k < segments; k++) {
            double t = (double) k / segments;
            for (int order = 0; order < 3; order++) {
                double[] m = monomialDerivative(t, order);
                for (int j = 0; j < 4; j++) {
                    c[row][4 * (k - 1) + j] = m[j];
                    c[row][4 * k + j] = -m[j];
                }
                row++;
            }
        }
        return c;
    }

    /** d^order/dt^order of (1, t, t², t³). */
    static double[] monomialDerivative(double t, int order) {
        switch (order) {
            case 0: return new double[] {1, t, t * t, t * t * t};
            case 1: return new double[] {0, 1, 2 * t, 3 * t * t};
            case 2: return new double[] {0, 0, 2, 6 * t};
            default: throw new IllegalArgumentException("order " + order);
        }
    }

    public int knots() {
        return knots;
    }

    public int segments() {
        return knots - 1;
    }

    /** A copy of B (4E × N). */
    public double[][] basis() {
        double[][] copy = new double[basis.length][];
        for (int i = 0; i < basis.length; i++) {
            copy[i] = basis[i].clone();
        }
        return copy;
    }

    /**
     * The matrix S (times × N) with spline(t_i) = Σ_k S[i][k] φ_k: row i is the derivative of order
     * {@code order} of (1, t, t², t³) on t_i's segment times B.
     */
    public double[][] evaluationMatrix(double[] times, int order) {
        int segments = segments();
        double[][] s = new double[times.length][knots];
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            if (!(t >= 0 && t <= 1)) {
                throw new InvalidInputException("spline times must lie in [0, 1], got " + t);
            }
            int e = Math.min((int) Math.floor(t * segments), segments - 1);
            double[] m = monomialDerivative(t, order);
            for (int k = 0; k < knots; k++) {
                double v = 0;
                for (int j = 0; j < 4; j++) {
                    v += m[j] * basis[4 * e + j][k];
                }
                s[i][k] = v;
            }
        }
        return s;
    }

    /** {@code count} equally spaced times 0, 1/(count − 1), …, 1. */
    public static double[] uniformTimes(int count) {
        if (count < 2) {
            throw new InvalidInputException("a path needs at least 2 time points, got " + count);
        }
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = (double) i / (count - 1);
        }
        t[count - 1] = 1.0;
        return t;
    }
}
