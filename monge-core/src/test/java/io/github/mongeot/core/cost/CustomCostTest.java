package io.github.mongeot.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.optim.BatchedNewton;
import io.github.mongeot.core.optim.NotConvergedException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class CustomCostTest {
    private static Tensor random(long seed, int n, int d) {
        Random rng = new Random(seed);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        return Tensors.fromRows(rows, DType.FLOAT64);
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        return a.detach().sub(b.detach()).abs().max().item_double();
    }

    private static CustomCost numericalPNorm(double p) {
        return CustomCost.builder("my-pnorm", z -> Ops.sumLast(z.abs().pow(Tensors.scalar(p))).div(Tensors.scalar(p))).build();
    }

    @Test
    void halfSquaredEuclideanThroughTheNumericalPath() {
        CustomCost custom = CustomCost.builder("my-half-sq", z -> Ops.sumLast(z.mul(z)).mul(Tensors.scalar(0.5))).build();
        assertThat(custom.hasClosedFormGradient()).isFalse();
        assertThat(custom.hasClosedFormInverse()).isFalse();
        agreesWith(custom, SquaredEuclidean.half(), 11);
    }

    @Test
    void pNormOneAndAHalfThroughTheNumericalPath() {
        agreesWith(numericalPNorm(1.5), new PNormCost(1.5), 12);
    }

    private static void agreesWith(CustomCost custom, TranslationInvariantCost reference, long seed) {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = random(seed, 30, 3);
            Tensor y = random(seed + 100, 20, 3);
            Tensor w = random(seed + 200, 100, 3).mul(Tensors.scalar(2));
            assertThat(maxAbsDiff(custom.matrix(x, y), reference.matrix(x, y))).isLessThan(1e-12);
            assertThat(maxAbsDiff(custom.h(w), reference.h(w))).isLessThan(1e-12);
            assertThat(maxAbsDiff(custom.gradH(w), reference.gradH(w))).isLessThan(1e-12);
            assertThat(maxAbsDiff(custom.gradHInverse(w), reference.gradHInverse(w))).isLessThan(1e-10);
            try (NoGradGuard noGrad = new NoGradGuard()) {
                Tensor inverse = custom.gradHInverse(w);
                assertThat(inverse.requires_grad()).isFalse();
                assertThat(maxAbsDiff(inverse, reference.gradHInverse(w))).isLessThan(1e-10);
                assertThat(maxAbsDiff(custom.gradH(w), reference.gradH(w))).isLessThan(1e-12);
            }
            // Leading dimensions are kept: n × m × d in, n × m × d out.
            Tensor cube = Ops.pairwiseDifferences(x, y);
            assertThat(maxAbsDiff(custom.gradHInverse(cube), reference.gradHInverse(cube))).isLessThan(1e-10);
        }
    }

    @Test
    void inverseIsImplicitlyDifferentiableInW() {
        try (PointerScope scope = new PointerScope()) {
            // (∇h)⁻¹(w)_k = sign(w_k) w_k² for p = 1.5, so d/dw_k Σ (∇h)⁻¹(w) = 2|w_k|.
            Tensor w = random(13, 50, 2).requires_grad_(true);
            Tensor inverse = numericalPNorm(1.5).gradHInverse(w);
            Tensor grad = torch.grad(new org.bytedeco.pytorch.TensorVector(inverse.sum()),
                    new org.bytedeco.pytorch.TensorVector(w)).get(0);
            assertThat(maxAbsDiff(grad, w.detach().abs().mul(Tensors.scalar(2)))).isLessThan(1e-9);
        }
    }

    /** h_A(z) = ½ zᵀAz: (∇h)⁻¹(w) = A⁻¹w, and d/dA Σ⟨c_i, A⁻¹w_i⟩ = −½ Σ (u_i z_iᵀ + z_i u_iᵀ), u_i = A⁻¹c_i. */
    @Test
    void inverseIsImplicitlyDifferentiableInTheParametersOfH() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = Tensors.fromRows(new double[][] {{2.0, 0.3}, {0.3, 1.0}}, DType.FLOAT64).requires_grad_(true);
            CustomCost quadratic = CustomCost.builder("quadratic",
                    z -> Ops.sumLast(z.mm(a).mul(z)).mul(Tensors.scalar(0.5))).build();
            Tensor w = random(17, 30, 2);
            Tensor c = random(18, 30, 2);
            Tensor z = quadratic.gradHInverse(w);
            Tensor gradA = torch.grad(new org.bytedeco.pytorch.TensorVector(z.mul(c).sum()),
                    new org.bytedeco.pytorch.TensorVector(a)).get(0);
            Tensor expectedZ = torch.linalg_solve(a.detach(), w.t()).t();
            Tensor u = torch.linalg_solve(a.detach(), c.t()).t();
            Tensor expected = u.t().mm(expectedZ).add(expectedZ.t().mm(u)).mul(Tensors.scalar(-0.5));
            assertThat(maxAbsDiff(z, expectedZ)).isLessThan(1e-10);
            assertThat(maxAbsDiff(gradA, expected)).isLessThan(1e-9);
        }
    }

    @Test
    void usesTheClosedFormsItIsGiven() {
        AtomicInteger gradCalls = new AtomicInteger();
        AtomicInteger inverseCalls = new AtomicInteger();
        CustomCost custom = CustomCost.builder("quartic", z -> Ops.sumLast(z.pow(Tensors.scalar(4))).div(Tensors.scalar(4)))
                .gradH(z -> {
                    gradCalls.incrementAndGet();
                    return z.pow(Tensors.scalar(3));
                })
                .build();
        PNormCost reference = new PNormCost(4);
        try (PointerScope scope = new PointerScope()) {
            Tensor w = random(14, 40, 2);
            assertThat(maxAbsDiff(custom.gradHInverse(w), reference.gradHInverse(w))).isLessThan(1e-10);
            assertThat(gradCalls.get()).isGreaterThan(1);

            CustomCost withInverse = CustomCost.builder("half-sq", z -> Ops.sumLast(z.mul(z)).mul(Tensors.scalar(0.5)))
                    .gradHInverse(v -> {
                        inverseCalls.incrementAndGet();
                        return v.clone();
                    }).build();
            assertThat(maxAbsDiff(withInverse.gradHInverse(w), w)).isEqualTo(0.0);
            assertThat(inverseCalls.get()).isEqualTo(1);
        }
    }

    @Test
    void reportsASolverThatDoesNotConverge() {
        CustomCost custom = CustomCost.builder("slow", z -> Ops.sumLast(z.abs().pow(Tensors.scalar(1.5))).div(Tensors.scalar(1.5)))
                .solver(BatchedNewton.defaults().withMaxIterations(1)).build();
        try (PointerScope scope = new PointerScope()) {
            Tensor w = random(15, 10, 2).mul(Tensors.scalar(3));
            assertThatThrownBy(() -> custom.gradHInverse(w, w.neg()))
                    .isInstanceOf(NotConvergedException.class).hasMessageContaining("slow");
        }
    }

    @Test
    void rejectsBadDefinitions() {
        assertThatThrownBy(() -> CustomCost.builder(" ", z -> z)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CustomCost.builder("c", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("h must not be null");
        CustomCost notScalar = CustomCost.builder("identity", z -> z).build();
        try (PointerScope scope = new PointerScope()) {
            Tensor w = random(16, 4, 3);
            assertThatThrownBy(() -> notScalar.h(w)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("one value per row");
        }
    }
}
