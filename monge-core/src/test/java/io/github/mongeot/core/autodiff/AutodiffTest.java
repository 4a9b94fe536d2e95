package io.github.mongeot.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class AutodiffTest {
    private static final double[][] A = {{1.5, -0.4}, {0.3, 2.0}};

    private static double[][] randomRows(long seed, int n, int d) {
        Random rng = new Random(seed);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        return rows;
    }

    /** T(x) = A x + sin(x), row-wise. */
    private static UnaryOperator<Tensor> affinePlusSine(Tensor a) {
        return x -> x.mm(a.t()).add(x.sin());
    }

    @Test
    void gradientOfQuadraticIsSymmetricPartTimesXPlusB() {
        double[][] x = randomRows(1, 25, 2);
        double[] b = {0.7, -1.1};
        try (PointerScope scope = new PointerScope()) {
            Tensor a = Tensors.fromRows(A, DType.FLOAT64);
            Tensor bt = Tensors.fromVector(b, DType.FLOAT64);
            UnaryOperator<Tensor> f = v -> Ops.sumLast(v.mm(a.t()).mul(v)).mul(Tensors.scalar(0.5)).add(Ops.sumLast(v.mul(bt)));
            double[][] g = Tensors.toRows(Autodiff.gradient(f, Tensors.fromRows(x, DType.FLOAT64), false));
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < 2; k++) {
                    double expected = 0.5 * ((A[k][0] + A[0][k]) * x[i][0] + (A[k][1] + A[1][k]) * x[i][1]) + b[k];
                    assertThat(g[i][k]).isCloseTo(expected, within(1e-12));
                }
            }
        }
    }

    @Test
    void jacobianOfAffinePlusSineIsAPlusDiagonalCosine() {
        double[][] x = randomRows(2, 20, 2);
        try (PointerScope scope = new PointerScope()) {
            Tensor j = Autodiff.jacobian(affinePlusSine(Tensors.fromRows(A, DType.FLOAT64)),
                    Tensors.fromRows(x, DType.FLOAT64), false);
            assertThat(j.sizes().vec().get()).containsExactly(20, 2, 2);
            double[] flat = Tensors.toFlat(j);
            for (int i = 0; i < x.length; i++) {
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 2; c++) {
                        double expected = A[r][c] + (r == c ? Math.cos(x[i][r]) : 0);
                        assertThat(flat[i * 4 + r * 2 + c]).isCloseTo(expected, within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void jacobianOfARectangularMapMatchesFiniteDifferences() {
        double[][] x = randomRows(3, 5, 3);
        UnaryOperator<Tensor> map = v -> torch.cat(new TensorVector(v.select(1, 0).mul(v.select(1, 1)).unsqueeze(1),
                v.select(1, 2).exp().unsqueeze(1)), 1);
        try (PointerScope scope = new PointerScope()) {
            double[] j = Tensors.toFlat(Autodiff.jacobian(map, Tensors.fromRows(x, DType.FLOAT64), false));
            double h = 1e-6;
            for (int i = 0; i < x.length; i++) {
                for (int c = 0; c < 3; c++) {
                    double[][] plus = {x[i].clone()};
                    double[][] minus = {x[i].clone()};
                    plus[0][c] += h;
                    minus[0][c] -= h;
                    double[] fp = Tensors.toFlat(map.apply(Tensors.fromRows(plus, DType.FLOAT64)));
                    double[] fm = Tensors.toFlat(map.apply(Tensors.fromRows(minus, DType.FLOAT64)));
                    for (int r = 0; r < 2; r++) {
                        assertThat(j[i * 6 + r * 3 + c]).isCloseTo((fp[r] - fm[r]) / (2 * h), within(1e-7));
                    }
                }
            }
        }
    }

    /** f(x) = x₀² x₁ + exp(x₁): Hessian [[2x₁, 2x₀], [2x₀, exp(x₁)]]. */
    @Test
    void hessianAndHessianVectorProductsMatchClosedForm() {
        double[][] x = randomRows(4, 15, 2);
        double[][] v = randomRows(5, 15, 2);
        UnaryOperator<Tensor> f = t -> t.select(1, 0).pow(Tensors.scalar(2)).mul(t.select(1, 1)).add(t.select(1, 1).exp());
        try (PointerScope scope = new PointerScope()) {
            Tensor xt = Tensors.fromRows(x, DType.FLOAT64);
            double[] hess = Tensors.toFlat(Autodiff.hessian(f, xt, false));
            double[][] hvp = Tensors.toRows(Autodiff.hessianVectorProduct(f, xt, Tensors.fromRows(v, DType.FLOAT64), false));
            for (int i = 0; i < x.length; i++) {
                double[][] expected = {{2 * x[i][1], 2 * x[i][0]}, {2 * x[i][0], Math.exp(x[i][1])}};
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 2; c++) {
                        assertThat(hess[i * 4 + r * 2 + c]).isCloseTo(expected[r][c], within(1e-12));
                    }
                    double hv = expected[r][0] * v[i][0] + expected[r][1] * v[i][1];
                    assertThat(hvp[i][r]).isCloseTo(hv, within(1e-12));
                }
            }
        }
    }

    @Test
    void gradientWithCreateGraphCanBeDifferentiatedAgain() {
        // f(x) = Σ_k x_k³ : ∇f = 3x², and d/dx Σ ∇f = 6x.
        double[][] x = randomRows(6, 10, 3);
        try (PointerScope scope = new PointerScope()) {
            Tensor xv = Tensors.fromRows(x, DType.FLOAT64).requires_grad_(true);
            Tensor g = Autodiff.gradient(t -> Ops.sumLast(t.pow(Tensors.scalar(3))), xv, true);
            assertThat(g.requires_grad()).isTrue();
            Tensor second = Autodiff.gradientOf(g, xv, false);
            assertThat(Tensors.toRows(second)[3][1]).isCloseTo(6 * x[3][1], within(1e-12));
            Tensor noGraph = Autodiff.gradient(t -> Ops.sumLast(t.pow(Tensors.scalar(3))), Tensors.fromRows(x, DType.FLOAT64), false);
            assertThat(noGraph.requires_grad()).isFalse();
        }
    }

    @Test
    void logAbsDetJacobianMatchesClosedFormAndItsParameterGradientMatchesFiniteDifferences() {
        double[][] x = randomRows(7, 12, 2);
        try (PointerScope scope = new PointerScope()) {
            Tensor xt = Tensors.fromRows(x, DType.FLOAT64);
            Tensor a = Tensors.fromRows(A, DType.FLOAT64).requires_grad_(true);
            Tensor logDet = Autodiff.logAbsDetJacobian(affinePlusSine(a), xt, true);
            double[] values = Tensors.toFlat(logDet);
            for (int i = 0; i < x.length; i++) {
                assertThat(values[i]).isCloseTo(logAbsDet(A, x[i]), within(1e-12));
            }
            double[] grad = Tensors.toFlat(Autodiff.gradientOf(logDet, a, false));
            double h = 1e-6;
            for (int idx = 0; idx < 4; idx++) {
                double[][] plus = {A[0].clone(), A[1].clone()};
                double[][] minus = {A[0].clone(), A[1].clone()};
                plus[idx / 2][idx % 2] += h;
                minus[idx / 2][idx % 2] -= h;
                double fd = 0;
                for (double[] row : x) {
                    fd += (logAbsDet(plus, row) - logAbsDet(minus, row)) / (2 * h);
                }
                assertThat(grad[idx]).isCloseTo(fd, within(1e-6));
            }
        }
    }

    private static double logAbsDet(double[][] a, double[] x) {
        double j00 = a[0][0] + Math.cos(x[0]);
        double j11 = a[1][1] + Math.cos(x[1]);
        return Math.log(Math.abs(j00 * j11 - a[0][1] * a[1][0]));
    }

    @Test
    void rejectsShapesThatAreNotRowWise() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(randomRows(8, 4, 2), DType.FLOAT64);
            assertThatThrownBy(() -> Autodiff.jacobian(t -> t.sum(), x, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n x d_out");
            assertThatThrownBy(() -> Autodiff.logAbsDetJacobian(t -> t.select(1, 0).unsqueeze(1), x, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R^d -> R^d");
        }
    }
}
