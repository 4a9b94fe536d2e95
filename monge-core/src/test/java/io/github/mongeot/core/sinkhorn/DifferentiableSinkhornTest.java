package io.github.mongeot.core.sinkhorn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Gradients of both differentiation modes against central finite differences (float64). */
class DifferentiableSinkhornTest {
    static final int N = 5;
    static final int M = 6;
    static final double H = 1e-5;
    static final SinkhornOptions OPTIONS = SinkhornOptions.defaults().withEpsilonRel(0.3).withThreshold(1e-13)
            .withMaxIterations(5000).withCheckEvery(1);

    final double[][] x;
    final double[][] y;
    final double[] a;
    final double[] b;
    final double[][] weightsOfPlan;

    DifferentiableSinkhornTest() {
        Random rng = new Random(7);
        x = gaussian(rng, N, 2, 0);
        y = gaussian(rng, M, 2, 0.7);
        a = simplex(rng, N);
        b = simplex(rng, M);
        weightsOfPlan = gaussian(rng, N, M, 0);
    }

    enum Loss { REGULARIZED_COST, POTENTIALS, PLAN }

    /** The loss as a tensor on the graph of the given inputs. */
    Tensor loss(Loss kind, Tensor c, Tensor ta, Tensor tb, Differentiation mode) {
        return loss(kind, c, ta, tb, mode, OPTIONS);
    }

    Tensor loss(Loss kind, Tensor c, Tensor ta, Tensor tb, Differentiation mode, SinkhornOptions options) {
        DifferentiableSinkhorn.Output out = DifferentiableSinkhorn.solve(c, ta, tb, options, mode);
        switch (kind) {
            case REGULARIZED_COST:
                return out.regularizedCost();
            case POTENTIALS: {
                // Σ w_i f_i + Σ v_j g_j with Σ w = Σ v: invariant under the gauge (f + k, g − k).
                double[] w = new double[N];
                double[] v = new double[M];
                double sw = 0;
                double sv = 0;
                for (int i = 0; i < N; i++) {
                    w[i] = Math.sin(i + 1.0);
                    sw += w[i];
                }
                for (int j = 0; j < M; j++) {
                    v[j] = Math.cos(j + 0.5);
                    sv += v[j];
                }
                for (int j = 0; j < M; j++) {
                    v[j] += (sw - sv) / M;
                }
                return out.f().dot(Tensors.fromVector(w, DType.FLOAT64)).add(out.g().dot(Tensors.fromVector(v, DType.FLOAT64)));
            }
            default: {
                Tensor p = out.plan(c, ta, tb);
                return p.mul(p).mul(Tensors.fromRows(weightsOfPlan, DType.FLOAT64)).sum();
            }
        }
    }

    double value(Loss kind, double[][] xs, double[][] ys, double[] as, double[] bs) {
        try (PointerScope scope = new PointerScope()) {
            Tensor c = SquaredEuclidean.full().matrix(Tensors.fromRows(xs, DType.FLOAT64), Tensors.fromRows(ys, DType.FLOAT64));
            // ε = ε_rel · mean(C) is a constant for gradients: finite differences keep the base point's ε.
            return Tensors.item(loss(kind, c, Tensors.fromVector(as, DType.FLOAT64), Tensors.fromVector(bs, DType.FLOAT64),
                    Differentiation.IMPLICIT, OPTIONS.withEpsilon(baseEpsilon())));
        }
    }

    double baseEpsilon() {
        double[][] c = SquaredEuclidean.full().matrix(x, y);
        double mean = 0;
        for (double[] row : c) {
            for (double v : row) {
                mean += v;
            }
        }
        return OPTIONS.epsilonRel() * mean / (N * M);
    }

    @ParameterizedTest
    @EnumSource(Differentiation.class)
    void gradientsMatchFiniteDifferences(Differentiation mode) {
        for (Loss kind : Loss.values()) {
            try (PointerScope scope = new PointerScope()) {
                Tensor tx = Tensors.fromRows(x, DType.FLOAT64).set_requires_grad(true);
                Tensor ty = Tensors.fromRows(y, DType.FLOAT64).set_requires_grad(true);
                Tensor ta = Tensors.fromVector(a, DType.FLOAT64).set_requires_grad(true);
                Tensor tb = Tensors.fromVector(b, DType.FLOAT64).set_requires_grad(true);
                Tensor c = SquaredEuclidean.full().matrix(tx, ty);
                Tensor l = loss(kind, c, ta, tb, mode);
                double[][] gx = Tensors.toRows(Ops.grad(l, tx, false));
                l = loss(kind, SquaredEuclidean.full().matrix(tx, ty), ta, tb, mode);
                double[][] gy = Tensors.toRows(Ops.grad(l, ty, false));
                l = loss(kind, SquaredEuclidean.full().matrix(tx, ty), ta, tb, mode);
                double[] ga = Tensors.toFlat(Ops.grad(l, ta, false));
                l = loss(kind, SquaredEuclidean.full().matrix(tx, ty), ta, tb, mode);
                double[] gb = Tensors.toFlat(Ops.grad(l, tb, false));
                String what = mode + " " + kind;
                for (int i = 0; i < N; i++) {
                    for (int k = 0; k < 2; k++) {
                        double[][] xp = copy(x);
                        double[][] xm = copy(x);
                        xp[i][k] += H;
                        xm[i][k] -= H;
                        double fd = (value(kind, xp, y, a, b) - value(kind, xm, y, a, b)) / (2 * H);
                        assertThat(gx[i][k]).as("%s d/dx[%d][%d]", what, i, k).isCloseTo(fd, within(1e-6 + 1e-5 * Math.abs(fd)));
                    }
                }
                for (int j = 0; j < M; j++) {
                    double[][] yp = copy(y);
                    double[][] ym = copy(y);
                    yp[j][1] += H;
                    ym[j][1] -= H;
                    double fd = (value(kind, x, yp, a, b) - value(kind, x, ym, a, b)) / (2 * H);
                    assertThat(gy[j][1]).as("%s d/dy[%d][1]", what, j).isCloseTo(fd, within(1e-6 + 1e-5 * Math.abs(fd)));
                }
                // Weights: directional derivatives along the simplex (directions summing to zero).
                for (int i = 1; i < N; i++) {
                    double[] ap = a.clone();
                    double[] am = a.clone();
                    ap[i] += H;
                    ap[0] -= H;
                    am[i] -= H;
                    am[0] += H;
                    double fd = (value(kind, x, y, ap, b) - value(kind, x, y, am, b)) / (2 * H);
                    assertThat(ga[i] - ga[0]).as("%s d/da along e_%d - e_0", what, i).isCloseTo(fd, within(1e-6 + 1e-5 * Math.abs(fd)));
                }
                for (int j = 1; j < M; j++) {
                    double[] bp = b.clone();
                    double[] bm = b.clone();
                    bp[j] += H;
                    bp[0] -= H;
                    bm[j] -= H;
                    bm[0] += H;
                    double fd = (value(kind, x, y, a, bp) - value(kind, x, y, a, bm)) / (2 * H);
                    assertThat(gb[j] - gb[0]).as("%s d/db along e_%d - e_0", what, j).isCloseTo(fd, within(1e-6 + 1e-5 * Math.abs(fd)));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Differentiation.class)
    void envelopeTheorem(Differentiation mode) {
        try (PointerScope scope = new PointerScope()) {
            Tensor c = SquaredEuclidean.full().matrix(Tensors.fromRows(x, DType.FLOAT64), Tensors.fromRows(y, DType.FLOAT64))
                    .detach().set_requires_grad(true);
            Tensor ta = Tensors.fromVector(a, DType.FLOAT64).set_requires_grad(true);
            Tensor tb = Tensors.fromVector(b, DType.FLOAT64);
            DifferentiableSinkhorn.Output out = DifferentiableSinkhorn.solve(c, ta, tb, OPTIONS, mode);
            double[][] gradC = Tensors.toRows(Ops.grad(out.regularizedCost(), c, false));
            out = DifferentiableSinkhorn.solve(c, ta, tb, OPTIONS, mode);
            double[] gradA = Tensors.toFlat(Ops.grad(out.regularizedCost(), ta, false));
            SinkhornResult r = Sinkhorn.solve(c.detach(), a, b, OPTIONS);
            double[][] plan = r.plan();
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < M; j++) {
                    assertThat(gradC[i][j]).isCloseTo(plan[i][j], within(1e-10));
                }
            }
            double[] f = r.f();
            for (int i = 1; i < N; i++) {
                assertThat(gradA[i] - gradA[0]).isCloseTo(f[i] - f[0], within(1e-9));
            }
        }
    }

    static double[][] gaussian(Random rng, int n, int d, double shift) {
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                z[i][k] = rng.nextGaussian() + shift;
            }
        }
        return z;
    }

    static double[] simplex(Random rng, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + rng.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    static double[][] copy(double[][] z) {
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            c[i] = z[i].clone();
        }
        return c;
    }
}
