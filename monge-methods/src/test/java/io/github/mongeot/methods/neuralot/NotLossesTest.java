package io.github.mongeot.methods.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The weak-cost estimator against its expectation, the loss signs, the γ schedules. */
class NotLossesTest {
    private static final double[] MU = {0.5, -1.0, 2.0};
    private static final double[] SIGMA = {1.0, 0.5, 2.0};
    private static final double[] X = {1.5, 0.0, 1.0};

    /**
     * Ĉ averaged over R independent sets of K draws y_k ~ N(μ, diag σ²) at a fixed x matches
     * (2/d)·C_γ = mean_coord[(x − μ)² + (1 − γ)σ²] within 5 standard errors, for the weak cost
     * (γ = 1, 0, 0.5, 2/3), a variance penalty (γ = −20) and K = 2, 4, 8; the plug-in estimate with the
     * biased variance misses it by its predicted bias γ·mean_coord σ²/K.
     */
    @ParameterizedTest
    @CsvSource({"1.0, 4", "0.0, 4", "-20.0, 4", "0.5, 2", "0.6667, 8"})
    void weakCostEstimateIsUnbiased(double gamma, int k) {
        Engine.seed(11);
        int reps = 50_000;
        int d = MU.length;
        try (PointerScope scope = new PointerScope()) {
            Tensor mu = Tensors.fromVector(MU, DType.FLOAT64);
            Tensor sigma = Tensors.fromVector(SIGMA, DType.FLOAT64);
            Tensor y = torch.randn(new long[] {reps, k, d}, Tensors.options(DType.FLOAT64)).mul(sigma).add(mu);
            Tensor x = Tensors.fromVector(X, DType.FLOAT64).unsqueeze(0).expand(reps, d).contiguous();
            double truth = 0;
            for (int c = 0; c < d; c++) {
                truth += ((X[c] - MU[c]) * (X[c] - MU[c]) + (1 - gamma) * SIGMA[c] * SIGMA[c]) / d;
            }
            // per-repetition estimates, for the standard error
            double[] each = new double[reps];
            for (int r = 0; r < reps; r += 10_000) { // in blocks, to keep the temporaries small
                Tensor xs = x.narrow(0, r, 10_000);
                Tensor ys = y.narrow(0, r, 10_000);
                Tensor perRow = perRowCost(xs, ys, gamma);
                System.arraycopy(Tensors.toFlat(perRow), 0, each, r, 10_000);
            }
            double mean = NotLosses.weakQuadraticCost(x, y, gamma).item_double();
            double se = standardError(each);
            assertThat(mean).isCloseTo(truth, offset(5 * se));
            // the mean of the per-row values is the loss (the helper is the same formula)
            assertThat(mean).isCloseTo(java.util.Arrays.stream(each).average().orElseThrow(), offset(1e-9));

            Tensor ybar = y.mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
            Tensor biasedVar = y.sub(ybar.unsqueeze(1)).square().mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
            double plugIn = Ops.sumLast(x.sub(ybar).square()).div(Tensors.scalar(d)).mean().item_double()
                    + (1 - gamma) * Ops.sumLast(biasedVar).div(Tensors.scalar(d)).mean().item_double();
            // the plug-in (biased variance) is off by γ·mean_coord σ²/K: right only for the strong cost γ = 0
            double meanVar = 0;
            for (double s : SIGMA) {
                meanVar += s * s / d;
            }
            assertThat(plugIn - truth).isCloseTo(gamma * meanVar / k, offset(6 * se));
            if (gamma != 0) {
                assertThat(Math.abs(plugIn - truth)).isGreaterThan(20 * se);
            }
        }
    }

    /** Ĉ per row, by the same formula as {@link NotLosses#weakQuadraticCost} written out. */
    private static Tensor perRowCost(Tensor x, Tensor y, double gamma) {
        long k = y.size(1);
        long d = y.size(2);
        Tensor mean = y.mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor s2 = Ops.sum(y.sub(mean.unsqueeze(1)).square(), 1).div(Tensors.scalar(k - 1));
        return Ops.sumLast(x.sub(mean).square()).add(Ops.sumLast(s2).mul(Tensors.scalar(1 - gamma - 1.0 / k))).div(Tensors.scalar(d));
    }

    private static double standardError(double[] v) {
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        double s = 0;
        for (double e : v) {
            s += (e - m) * (e - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }

    /**
     * ∂Ĉ/∂y_k = (2/(dK))(ȳ − x) + (1 − γ − 1/K)·(2/(d(K − 1)))(y_k − ȳ) for one input: autograd agrees
     * with the closed form (the cost pulls the draws' mean onto x, and pushes them apart when
     * 1 − γ − 1/K &lt; 0).
     */
    @Test
    void weakCostGradientMatchesTheClosedForm() {
        double gamma = 0.7;
        double[][] draws = {{1.0, 2.0}, {0.5, -1.0}, {3.0, 0.0}};
        double[] x = {0.2, 0.4};
        int k = draws.length;
        int d = 2;
        try (PointerScope scope = new PointerScope()) {
            Tensor y = Tensors.fromFlat(new double[] {1.0, 2.0, 0.5, -1.0, 3.0, 0.0}, new long[] {1, k, d}, DType.FLOAT64)
                    .requires_grad_(true);
            Tensor cost = NotLosses.weakQuadraticCost(Tensors.fromRows(new double[][] {x}, DType.FLOAT64), y, gamma);
            double[] grad = Tensors.toFlat(Ops.grad(cost, y, false));
            double[] ybar = {(1.0 + 0.5 + 3.0) / 3, (2.0 - 1.0 + 0.0) / 3};
            for (int j = 0; j < k; j++) {
                for (int c = 0; c < d; c++) {
                    double expected = 2.0 / (d * k) * (ybar[c] - x[c])
                            + (1 - gamma - 1.0 / k) * 2.0 / (d * (k - 1)) * (draws[j][c] - ybar[c]);
                    assertThat(grad[j * d + c]).isCloseTo(expected, offset(1e-12));
                }
            }
        }
    }

    /**
     * The signs of the max–min: the map loss falls as f rises on T's outputs (T seeks high f), the
     * potential loss rises with f on T's outputs and falls with f on target points (f is maximised
     * on ν, minimised on T#μ); each entry weighs 1/(number of points).
     */
    @Test
    void lossesHaveTheMaxMinSigns() {
        try (PointerScope scope = new PointerScope()) {
            Tensor cost = Tensors.scalarTensor(0.8, DType.FLOAT64).requires_grad_(true);
            Tensor fMapped = Tensors.fromVector(new double[] {0.1, -0.3, 2.0, 0.4}, DType.FLOAT64).requires_grad_(true);
            Tensor fTarget = Tensors.fromVector(new double[] {1.0, 0.5}, DType.FLOAT64).requires_grad_(true);
            Tensor mapLoss = NotLosses.mapLoss(cost, fMapped);
            assertThat(mapLoss.item_double()).isCloseTo(0.8 - 0.55, offset(1e-12));
            assertThat(Tensors.toFlat(Ops.grad(mapLoss, fMapped, false))).containsOnly(-0.25);
            assertThat(Ops.grad(NotLosses.mapLoss(cost, fMapped), cost, false).item_double()).isEqualTo(1.0);
            Tensor potentialLoss = NotLosses.potentialLoss(fMapped, fTarget);
            assertThat(potentialLoss.item_double()).isCloseTo(0.55 - 0.75, offset(1e-12));
            assertThat(Tensors.toFlat(Ops.grad(potentialLoss, fMapped, false))).containsOnly(0.25);
            assertThat(Tensors.toFlat(Ops.grad(NotLosses.potentialLoss(fMapped, fTarget), fTarget, false))).containsOnly(-0.5);
        }
    }

    @Test
    void strongCostIsTheMeanSquaredDisplacementPerCoordinate() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(new double[][] {{0, 0}, {1, 1}}, DType.FLOAT64);
            Tensor y = Tensors.fromRows(new double[][] {{1, 2}, {1, 4}}, DType.FLOAT64);
            assertThat(NotLosses.strongQuadraticCost(x, y).item_double()).isCloseTo((1 + 4 + 0 + 9) / 4.0, offset(1e-12));
        }
    }

    @Test
    void weakCostRefusesASingleDraw() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(new double[][] {{0, 0}}, DType.FLOAT64);
            Tensor y = Tensors.fromFlat(new double[] {1, 2}, new long[] {1, 1, 2}, DType.FLOAT64);
            assertThatThrownBy(() -> NotLosses.weakQuadraticCost(x, y, 1.0)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("K >= 2");
        }
    }

    @Test
    void gammaSchedulesRampLinearlyAndPenaltiesAreNegativeGamma() {
        assertThat(GammaSchedule.constant(0.5).at(0)).isEqualTo(0.5);
        GammaSchedule ramp = GammaSchedule.linearRamp(2.0 / 3, 3000);
        assertThat(ramp.at(0)).isZero();
        assertThat(ramp.at(1500)).isCloseTo(1.0 / 3, offset(1e-15));
        assertThat(ramp.at(3000)).isEqualTo(2.0 / 3);
        assertThat(ramp.at(10_000)).isEqualTo(2.0 / 3);
        GammaSchedule penalty = GammaSchedule.variancePenalty(10, 100);
        assertThat(penalty.gamma()).isEqualTo(-20.0);
        assertThat(penalty.at(50)).isEqualTo(-10.0);
        assertThatThrownBy(() -> GammaSchedule.variancePenalty(-1, 0)).hasMessageContaining("variance penalty");
        assertThatThrownBy(() -> GammaSchedule.linearRamp(1, -5)).hasMessageContaining("ramp");
        assertThatThrownBy(() -> GammaSchedule.constant(Double.NaN)).hasMessageContaining("gamma");
    }
}
