package io.github.mongeot.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.PNormCost;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class BatchedNewtonTest {
    private static final BatchedNewton NEWTON = BatchedNewton.defaults();

    static Tensor random(Random rng, int n, int d) {
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        return Tensors.fromRows(rows, DType.FLOAT64);
    }

    /** φ(z) = h(z) − ⟨z, w⟩, whose minimiser is (∇h)⁻¹(w). */
    static BatchedObjective legendre(PNormCost cost, Tensor w) {
        return z -> cost.h(z).sub(Ops.sumLast(z.mul(w)));
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        return a.detach().sub(b.detach()).abs().max().item_double();
    }

    @Test
    void invertsPNormGradientToClosedForm() {
        try (PointerScope scope = new PointerScope()) {
            for (double p : new double[] {1.5, 3.0, 4.0}) {
                PNormCost cost = new PNormCost(p);
                Tensor w = random(new Random(1), 200, 3);
                NewtonResult result = NEWTON.minimise(legendre(cost, w), w);
                assertThat(result.report().converged()).as("p=%s %s", p, result.report()).isTrue();
                assertThat(result.report().maxGradientNorm()).isLessThanOrEqualTo(1e-12);
                assertThat(maxAbsDiff(result.solution(), cost.gradHInverse(w))).as("p=%s", p).isLessThan(1e-10);
            }
        }
    }

    @Test
    void fallsBackToGradientStepsWhereTheHessianIsSingular() {
        try (PointerScope scope = new PointerScope()) {
            // h = |z|^3/3 has a zero Hessian at z = 0: the first step must be a gradient step.
            PNormCost cost = new PNormCost(3.0);
            Tensor w = random(new Random(2), 50, 2);
            NewtonResult result = NEWTON.minimise(legendre(cost, w), torch.zeros_like(w));
            assertThat(result.report().converged()).as(result.report().toString()).isTrue();
            assertThat(result.report().gradientSteps()).isGreaterThanOrEqualTo(50);
            assertThat(maxAbsDiff(result.solution(), cost.gradHInverse(w))).isLessThan(1e-10);
        }
    }

    @Test
    void reportsNonConvergenceInsteadOfHidingIt() {
        try (PointerScope scope = new PointerScope()) {
            PNormCost cost = new PNormCost(1.5);
            Tensor w = random(new Random(3), 20, 2).mul(Tensors.scalar(5));
            NewtonResult result = NEWTON.withMaxIterations(1).minimise(legendre(cost, w), w.mul(Tensors.scalar(-1)));
            assertThat(result.report().converged()).isFalse();
            assertThat(result.report().iterations()).isEqualTo(1);
            assertThat(result.report().maxGradientNorm()).isGreaterThan(1e-10);
            assertThatThrownBy(() -> result.solutionOrThrow("inverse gradient"))
                    .isInstanceOf(NotConvergedException.class)
                    .hasMessageContaining("inverse gradient").hasMessageContaining("did NOT converge");
        }
    }

    /** φ(z; A, w) = ½ zᵀAz − ⟨z, w⟩ with A symmetric positive definite: z* = A⁻¹w. */
    @Test
    void implicitGradientOfQuadraticMatchesClosedForm() {
        try (PointerScope scope = new PointerScope()) {
            Random rng = new Random(4);
            int d = 3;
            Tensor m = random(rng, d, d);
            Tensor a = m.mm(m.t()).add(torch.eye(d, m.options())).requires_grad_(true);
            Tensor w = random(rng, 40, d).requires_grad_(true);
            Tensor c = random(rng, 40, d);
            BatchedObjective phi = z -> Ops.sumLast(z.mm(a.t()).mul(z)).mul(Tensors.scalar(0.5)).sub(Ops.sumLast(z.mul(w)));

            NewtonResult result = NEWTON.minimise(phi, torch.zeros_like(w.detach()));
            Tensor zStar = NEWTON.attachImplicitGradient(phi, result.solution());
            Tensor loss = zStar.mul(c).sum();
            TensorVector grads = torch.grad(new TensorVector(loss), new TensorVector(a, w));

            Tensor aDetached = a.detach();
            Tensor expectedZ = torch.linalg_solve(aDetached, w.detach().t()).t();
            Tensor u = torch.linalg_solve(aDetached, c.t()).t();
            // dL/dw_i = A⁻ᵀc_i; dL/dA = −½ Σ_i (u_i z_iᵀ + z_i u_iᵀ) (A enters only through its symmetric part).
            Tensor expectedGradA = u.t().mm(expectedZ).add(expectedZ.t().mm(u)).mul(Tensors.scalar(-0.5));
            assertThat(maxAbsDiff(zStar, expectedZ)).isLessThan(1e-10);
            assertThat(maxAbsDiff(grads.get(1), u)).isLessThan(1e-10);
            assertThat(maxAbsDiff(grads.get(0), expectedGradA)).isLessThan(1e-9);

            // The surrogate form gives the same parameter gradient.
            Tensor surrogate = NEWTON.implicitSurrogate(phi, result.solution(), c);
            TensorVector viaSurrogate = torch.grad(new TensorVector(surrogate), new TensorVector(a, w));
            assertThat(maxAbsDiff(viaSurrogate.get(0), expectedGradA)).isLessThan(1e-9);
            assertThat(maxAbsDiff(viaSurrogate.get(1), u)).isLessThan(1e-10);
        }
    }

    /** φ(z; B, s) = ½‖z‖² + s Σ softplus(Bz) − ⟨z, w⟩; L = Σ_i ⟨c_i, z_i*²⟩. */
    @Test
    void implicitGradientOfNonlinearProblemMatchesFiniteDifferences() {
        try (PointerScope scope = new PointerScope()) {
            Random rng = new Random(5);
            int d = 2;
            double[][] b0 = {{0.8, -0.3}, {0.5, 1.2}};
            double s0 = 0.7;
            Tensor w = random(rng, 10, d);
            Tensor c = random(rng, 10, d);
            Tensor b = Tensors.fromRows(b0, DType.FLOAT64).requires_grad_(true);
            Tensor s = Tensors.scalarTensor(s0, DType.FLOAT64).requires_grad_(true);
            Tensor zStar = NEWTON.attachImplicitGradient(softplusProblem(b, s, w),
                    NEWTON.minimise(softplusProblem(b, s, w), w).solution());
            Tensor loss = zStar.mul(zStar).mul(c).sum();
            TensorVector grads = torch.grad(new TensorVector(loss), new TensorVector(b, s));
            double[] gradB = Tensors.toFlat(grads.get(0));
            double gradS = grads.get(1).item_double();

            double h = 1e-6;
            for (int idx = 0; idx < 4; idx++) {
                double[][] plus = copy(b0);
                double[][] minus = copy(b0);
                plus[idx / 2][idx % 2] += h;
                minus[idx / 2][idx % 2] -= h;
                double fd = (lossAt(plus, s0, w, c) - lossAt(minus, s0, w, c)) / (2 * h);
                assertThat(gradB[idx]).as("dL/dB[%d]", idx).isCloseTo(fd, within(1e-7 * (1 + Math.abs(fd))));
            }
            double fdS = (lossAt(b0, s0 + h, w, c) - lossAt(b0, s0 - h, w, c)) / (2 * h);
            assertThat(gradS).isCloseTo(fdS, within(1e-7 * (1 + Math.abs(fdS))));
        }
    }

    private static BatchedObjective softplusProblem(Tensor b, Tensor s, Tensor w) {
        return z -> Ops.sumLast(z.mul(z)).mul(Tensors.scalar(0.5))
                .add(Ops.sumLast(torch.softplus(z.mm(b.t()))).mul(s))
                .sub(Ops.sumLast(z.mul(w)));
    }

    private static double lossAt(double[][] b, double s, Tensor w, Tensor c) {
        try (PointerScope scope = new PointerScope()) {
            Tensor bt = Tensors.fromRows(b, DType.FLOAT64);
            Tensor st = Tensors.scalarTensor(s, DType.FLOAT64);
            NewtonResult r = NEWTON.withTolerance(1e-13).minimise(softplusProblem(bt, st, w), w);
            assertThat(r.report().converged()).isTrue();
            Tensor z = r.solution();
            return z.mul(z).mul(c).sum().item_double();
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
