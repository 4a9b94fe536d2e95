package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/** Helpers for network tests: random data, autodiff Jacobians, parameter perturbation. */
final class NetTesting {
    private NetTesting() {
    }

    static double[][] randomRows(Random random, int n, int d, double scale) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = scale * random.nextGaussian();
            }
        }
        return x;
    }

    /** Adds N(0, std²) noise to every parameter (raw parameters included). */
    static void perturb(Network net, Random random, double std) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            for (Tensor p : net.namedParameters().values()) {
                double[] noise = new double[(int) p.numel()];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = std * random.nextGaussian();
                }
                p.add_(Tensors.fromFlat(noise, Network.shapeOf(p), net.dtype()));
            }
        }
    }

    /**
     * Jacobians of a pointwise map R^d → R^d at n points by autodiff, row by row:
     * result[i][a][b] = ∂T_a/∂x_b at x_i.
     */
    static double[][][] autodiffJacobians(UnaryOperator<Tensor> map, double[][] x, DType dtype) {
        int n = x.length;
        int d = x[0].length;
        double[][][] jac = new double[n][d][d];
        try (PointerScope scope = new PointerScope()) {
            Tensor input = Tensors.fromRows(x, dtype).set_requires_grad(true);
            Tensor out = map.apply(input);
            int outDim = (int) out.size(1);
            jac = new double[n][outDim][d];
            for (int a = 0; a < outDim; a++) {
                double[][] row = Tensors.toRows(Ops.grad(out.select(1, a).sum(), input, false));
                for (int i = 0; i < n; i++) {
                    jac[i][a] = row[i];
                }
            }
        }
        return jac;
    }

    /** log|det| of a small square matrix by Gaussian elimination with partial pivoting. */
    static double logAbsDet(double[][] m) {
        int d = m.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = m[i].clone();
        }
        double logDet = 0;
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            logDet += Math.log(Math.abs(a[c][c]));
            for (int r = c + 1; r < d; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < d; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        return logDet;
    }

    /** Smallest eigenvalue of a symmetric matrix (Jacobi rotations; small d). */
    static double minEigenvalue(double[][] s) {
        int d = s.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = s[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                }
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            min = Math.min(min, a[i][i]);
        }
        return min;
    }
}
