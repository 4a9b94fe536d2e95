package io.github.mongeot.methods.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The gradient penalty on f and the potential steps of {@link NotEstimator}, against closed forms. */
class NotGradientPenaltyTest {
    private static final double[][] A = {{1.0, -2.0, 0.5}, {0.0, 3.0, -1.0}};
    private static final double[][] B = {{-1.0, 0.5, 2.0}, {2.0, 1.0, 1.0}};
    private static final double[] EPS = {0.25, 0.8};

    @Test
    @SuppressWarnings("try")
    void linearPotentialHasPenaltyAndParameterGradientInClosedForm() {
        // f(y) = ⟨w, y⟩: ∇f = w everywhere, so the penalty is (‖w‖ − L)² and its gradient in w is
        // 2(‖w‖ − L)·w/‖w‖ (reached only through the double backward)
        double[] w0 = {0.3, -0.4, 1.2};
        double norm = Math.sqrt(0.09 + 0.16 + 1.44);
        double target = 0.5;
        try (PointerScope scope = new PointerScope()) {
            Tensor w = Tensors.fromVector(w0, DType.FLOAT64).requires_grad_(true);
            Tensor penalty = NotLosses.gradientPenalty(y -> y.matmul(w), tensor(A), tensor(B), eps(), target);
            assertThat(penalty.item_double()).isCloseTo((norm - target) * (norm - target), offset(1e-10));
            penalty.backward();
            double[] g = Tensors.toFlat(w.grad());
            for (int c = 0; c < 3; c++) {
                assertThat(g[c]).isCloseTo(2 * (norm - target) * w0[c] / norm, offset(1e-10));
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void quadraticPotentialIsPenalisedAtTheInterpolates() {
        // f(y) = ½‖y‖²: ∇f(ŷ) = ŷ = b + ε(a − b), so the penalty is mean_i (‖ŷ_i‖ − L)²
        double target = 1.0;
        double expected = 0;
        for (int i = 0; i < A.length; i++) {
            double sq = 0;
            for (int c = 0; c < 3; c++) {
                double between = B[i][c] + EPS[i] * (A[i][c] - B[i][c]);
                sq += between * between;
            }
            expected += (Math.sqrt(sq) - target) * (Math.sqrt(sq) - target) / A.length;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor penalty = NotLosses.gradientPenalty(y -> y.square().sum(new long[] {1}).mul(Tensors.scalar(0.5)), tensor(A), tensor(B), eps(),
                    target);
            assertThat(penalty.item_double()).isCloseTo(expected, offset(1e-10));
        }
    }

    @Test
    void offByDefaultAndTheDefaultsChangeNothing() {
        NotOptions one = NotOptions.defaults().withMapHidden(List.of(8)).withPotentialHidden(List.of(8)).withIterations(3)
                .withMapSteps(2).withBatchSize(16).withLearningRates(1e-2, 1e-2).withSeed(3);
        Random rng = new Random(1);
        double[][] x = NotEstimatorAverageTest.rows(rng, 64, 0);
        double[][] y = NotEstimatorAverageTest.rows(rng, 64, 3);
        NotModel plain = new NotEstimator(one).fit(PointCloud.of(x), PointCloud.of(y));
        NotModel explicit = new NotEstimator(one).withGradientPenalty(0, 1).withPotentialSteps(1).fit(PointCloud.of(x), PointCloud.of(y));
        NotModel penalised = new NotEstimator(one).withGradientPenalty(10, 0.2).withPotentialSteps(2).fit(PointCloud.of(x), PointCloud.of(y));
        Map<String, Tensor> a = plain.potentialNetwork().namedParameters();
        Map<String, Tensor> b = explicit.potentialNetwork().namedParameters();
        Map<String, Tensor> c = penalised.potentialNetwork().namedParameters();
        double differs = 0;
        for (String name : a.keySet()) {
            assertThat(Tensors.toFlat(b.get(name).detach())).containsExactly(Tensors.toFlat(a.get(name).detach()));
            double[] pa = Tensors.toFlat(a.get(name).detach());
            double[] pc = Tensors.toFlat(c.get(name).detach());
            for (int i = 0; i < pa.length; i++) {
                differs = Math.max(differs, Math.abs(pa[i] - pc[i]));
            }
        }
        assertThat(differs).as("the penalty and the extra potential step change f").isGreaterThan(1e-4);
        assertThat(plain.fitReport().get("gradient_penalty").asDouble()).isZero();
        assertThat(plain.fitReport().get("potential_steps").asInt()).isEqualTo(1);
        assertThat(penalised.fitReport().get("gradient_penalty").asDouble()).isEqualTo(10);
        assertThat(penalised.fitReport().get("gradient_penalty_norm").asDouble()).isEqualTo(0.2);
        assertThat(penalised.fitReport().get("potential_steps").asInt()).isEqualTo(2);
        NotEstimator e = new NotEstimator(one);
        assertThatThrownBy(() -> e.withGradientPenalty(-1, 1)).hasMessageContaining("gradient penalty");
        assertThatThrownBy(() -> e.withGradientPenalty(1, Double.NaN)).hasMessageContaining("gradient penalty");
        assertThatThrownBy(() -> e.withPotentialSteps(0)).hasMessageContaining("potential steps");
    }

    private static Tensor tensor(double[][] values) {
        return Tensors.fromRows(values, DType.FLOAT64);
    }

    private static Tensor eps() {
        return Tensors.fromVector(EPS, DType.FLOAT64).unsqueeze(1);
    }
}
