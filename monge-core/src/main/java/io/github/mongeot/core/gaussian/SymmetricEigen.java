package io.github.mongeot.core.gaussian;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Eigendecomposition S = V diag(λ) Vᵀ of a real symmetric matrix by the cyclic Jacobi method
 * (Golub &amp; Van Loan, Matrix Computations, §8.5): plane rotations zero the off-diagonal
 * entries until none is significant. Orthogonal to working precision and accurate for small and
 * moderate d (cost O(d³) per sweep, a handful of sweeps). Eigenvalues in ascending order.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;
    private static final double EPS = Math.ulp(1.0);

    private final double[] values;
    private final double[][] vectors; // columns are eigenvectors

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code s}, which must be square and symmetric (its upper triangle is used). */
    public static SymmetricEigen of(double[][] s) {
        int d = s.length;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (s[i].length != d) {
                throw new IllegalArgumentException("matrix is not square: row " + (i + 1) + " has " + s[i].length
                        + " entries, expected " + d);
            }
            for (int j = i; j < d; j++) {
                a[i][j] = s[i][j];
                a[j][i] = s[i][j];
            }
        }
        double[][] vt = Matrices.identity(d); // Vᵀ, accumulated rotations
        boolean rotated = true;
        for (int sweep = 0; sweep < MAX_SWEEPS && rotated; sweep++) {
            rotated = false;
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = a[p][q];
                    // negligible against the diagonal: skipping keeps small eigenvalues accurate
                    if (Math.abs(apq) <= EPS * Math.sqrt(Math.abs(a[p][p] * a[q][q])) || apq == 0) {
                        a[p][q] = 0;
                        a[q][p] = 0;
                        continue;
                    }
                    rotated = true;
                    rotate(a, vt, p, q);
                }
            }
            if (sweep == MAX_SWEEPS - 1 && rotated) {
                throw new ArithmeticException("Jacobi eigendecomposition did not converge in " + MAX_SWEEPS + " sweeps");
            }
        }
        return sorted(a, vt);
    }

    /**
     * Zeroes a[p][q] with the rotation J (J_pp = J_qq = c, J_pq = s, J_qp = −s): A ← JᵀAJ, Vᵀ ← JᵀVᵀ.
     * Only rows and columns p and q change; symmetry lets us update each pair once, and the
     * diagonal by the short forms a_pp − t a_pq, a_qq + t a_pq (Rutishauser).
     */
    private static void rotate(double[][] a, double[][] vt, int p, int q) {
        int d = a.length;
        double apq = a[p][q];
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        // the smaller root of t² + 2θt − 1 = 0 (|rotation angle| ≤ π/4)
        double t = Double.isInfinite(theta * theta) ? 0.5 / theta
                : Math.copySign(1.0, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        double[] rowP = a[p];
        double[] rowQ = a[q];
        for (int k = 0; k < d; k++) {
            if (k == p || k == q) {
                continue;
            }
            double akp = rowP[k];
            double akq = rowQ[k];
            double newP = c * akp - s * akq;
            double newQ = s * akp + c * akq;
            rowP[k] = newP;
            a[k][p] = newP;
            rowQ[k] = newQ;
            a[k][q] = newQ;
        }
        rowP[p] -= t * apq;
        rowQ[q] += t * apq;
        rowP[q] = 0;
        rowQ[p] = 0;
        double[] vp = vt[p]; // columns p and q of V are rows of Vᵀ: contiguous in memory
        double[] vq = vt[q];
        for (int k = 0; k < d; k++) {
            double vkp = vp[k];
            double vkq = vq[k];
            vp[k] = c * vkp - s * vkq;
            vq[k] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen sorted(double[][] a, double[][] vt) {
        int d = a.length;
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(a[i][i], a[j][j]));
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int col = 0; col < d; col++) {
            values[col] = a[order[col]][order[col]];
            for (int row = 0; row < d; row++) {
                vectors[row][col] = vt[order[col]][row];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Eigenvalues, ascending (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvectors as the columns of an orthogonal matrix, in the order of {@link #values()} (a copy). */
    public double[][] vectors() {
        return Matrices.copy(vectors);
    }

    public double min() {
        return values[0];
    }

    public double max() {
        return values[values.length - 1];
    }

    /** V diag(f(λ)) Vᵀ, exactly symmetric. */
    public double[][] apply(DoubleUnaryOperator f) {
        int d = values.length;
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) {
            fv[k] = f.applyAsDouble(values[k]);
        }
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += vectors[i][k] * fv[k] * vectors[j][k];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }
}
