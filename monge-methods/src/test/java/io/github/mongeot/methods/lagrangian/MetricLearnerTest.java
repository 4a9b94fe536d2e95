package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The outer (metric) step of Algorithm 2 and its pieces, against finite differences and known answers. */
class MetricLearnerTest {
    private static double[][] cloud(Random rng, int n, double cx, double cy, double sd) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {cx + sd * rng.nextGaussian(), cy + sd * rng.nextGaussian()};
        }
        return p;
    }

    /** The envelope-theorem gradient of (1/K) Σ E c_ϑ(x, ŷ) w.r.t. metric weights equals central differences. */
    @Test
    void metricObjectiveGradientMatchesFiniteDifferences() {
        metricGradientMatchesFiniteDifferences(Energy.INTEGRAL);
    }

    /** The same with the reference's squared geodesic length ½(Σ√(ΔXᵀAΔX))² as the action ({@code withEnergy}). */
    @Test
    void squaredLengthMetricObjectiveGradientMatchesFiniteDifferences() {
        metricGradientMatchesFiniteDifferences(Energy.SQUARED_LENGTH);
    }

    @Test
    void rejectsRateDecayFactorsOutsideTheUnitInterval() {
        MetricLearner learner = new MetricLearner(LagrangianOptions.defaults(), 1, 1, 1e-3);
        assertThatThrownBy(() -> learner.withRateDecay(0, 0.1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> learner.withRateDecay(1, 1.5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1.5");
        assertThat(learner.withRateDecay(1, 1)).isSameAs(learner);
    }

    /**
     * The metric optimiser with a weight decay λ is AdamW: one step on a scalar θ₀ = 2 with gradient ½ gives
     * θ₁ = θ₀(1 − ηλ) − η (bias-corrected m̂/√v̂ = 1, eps aside); λ = 0 is plain Adam (θ₀ − η).
     */
    @Test
    @SuppressWarnings("try")
    void metricWeightDecayIsADecoupledAdamWStep() {
        double rate = 5e-3;
        for (double decay : new double[] {0.0, 0.1}) {
            MetricLearner learner = new MetricLearner(LagrangianOptions.defaults(), 1, 1, rate).withMetricWeightDecay(decay);
            try (PointerScope scope = new PointerScope()) {
                Tensor theta = Tensors.scalarTensor(2.0, DType.FLOAT64).requires_grad_(true);
                var optimizer = learner.metricOptimizerConfig().create(List.of(theta));
                optimizer.zeroGrad();
                theta.mul(Tensors.scalar(0.5)).backward();
                optimizer.step();
                assertThat(theta.item_double()).isCloseTo(2.0 * (1 - rate * decay) - rate, within(1e-9));
            }
        }
        MetricLearner learner = new MetricLearner(LagrangianOptions.defaults(), 1, 1, rate);
        assertThatThrownBy(() -> learner.withMetricWeightDecay(-1e-4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("-1.0E-4");
    }

    @SuppressWarnings("try")
    private static void metricGradientMatchesFiniteDifferences(Energy energy) {
        Random rng = new Random(3);
        Engine.seed(3);
        LagrangianOptions options = LagrangianOptions.defaults().withSplineHidden(List.of(16)).withHidden(List.of(16)).withKnots(6)
                .withTimes(8);
        Domain domain = Domain.cube(2, 2.0);
        LearnedMetric metric = LearnedMetric.fresh(domain.scale(), 11, DType.FLOAT64);
        Lagrangian lagrangian = new Lagrangian(metric, Potential.none(), energy);
        LagrangianEstimator estimator = new LagrangianEstimator(options);
        List<LagrangianDual> duals = new ArrayList<>();
        List<double[][]> xs = new ArrayList<>();
        List<double[][]> ys = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            LagrangianDual dual = estimator.initialDual(lagrangian, domain, 5 + k, 1.0);
            try (NoGradGuard noGrad = new NoGradGuard()) { // bend the paths: a non-zero spline output layer
                dual.spline.network().namedParameters().values().forEach(p -> p.add_(torch.randn_like(p).mul(Tensors.scalar(0.3))));
            }
            duals.add(dual);
            xs.add(cloud(rng, 12, -0.5 + k, 0.2, 0.4));
            ys.add(cloud(rng, 12, 0.6 - k, -0.3, 0.4));
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor weight = metric.network().namedParameters().values().iterator().next(); // first layer's weight
            weight.mutable_grad().reset();
            MetricLearner.metricObjective(duals, xs, ys, lagrangian).backward();
            double[] grad = Tensors.toFlat(weight.grad());
            double[] w = Tensors.toFlat(weight);
            double h = 1e-6;
            for (int idx : new int[] {0, 7, 31, w.length - 1}) {
                double plus;
                double minus;
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    set(weight, w, idx, w[idx] + h);
                    plus = MetricLearner.metricObjective(duals, xs, ys, lagrangian).item_double();
                    set(weight, w, idx, w[idx] - h);
                    minus = MetricLearner.metricObjective(duals, xs, ys, lagrangian).item_double();
                    set(weight, w, idx, w[idx]);
                }
                double fd = (plus - minus) / (2 * h);
                assertThat(grad[idx]).as("weight %d", idx).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
            }
        }
    }

    private static void set(Tensor weight, double[] w, int idx, double value) {
        double[] copy = w.clone();
        copy[idx] = value;
        weight.copy_(Tensors.fromFlat(copy, weight.sizes().vec().get(), DType.FLOAT64));
    }

    /** Per row, the warm start is whichever of y_ζ(x) and the previous ŷ has the lower c(x, y) − g(y). */
    @Test
    @SuppressWarnings("try")
    void warmStartKeepsTheBetterCandidateOfEachRow() {
        Random rng = new Random(4);
        LagrangianOptions options = LagrangianOptions.defaults().withSplineHidden(List.of(16)).withHidden(List.of(16)).withKnots(6)
                .withTimes(8);
        Domain domain = Domain.cube(2, 2.0);
        Lagrangian lagrangian = new Lagrangian(Metric.circle(1e-3), Potential.none(), Energy.INTEGRAL);
        LagrangianDual dual = new LagrangianEstimator(options).initialDual(lagrangian, domain, 9, 1.0);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor x = Tensors.fromRows(cloud(rng, 20, 0.5, 0.5, 0.5), DType.FLOAT64);
            Tensor previous = Tensors.fromRows(cloud(rng, 20, 0.4, 0.6, 0.5), DType.FLOAT64);
            double[][] start = Tensors.toRows(MetricLearner.warmStart(dual, x, previous));
            double[][] predicted = Tensors.toRows(dual.predict(x));
            double[] vPred = Tensors.toFlat(dual.cost(x, dual.predict(x), 1, 1).sub(dual.g(dual.predict(x))));
            double[] vPrev = Tensors.toFlat(dual.cost(x, previous, 1, 1).sub(dual.g(previous)));
            double[][] prev = Tensors.toRows(previous);
            int fromPrevious = 0;
            for (int i = 0; i < 20; i++) {
                double[] expected = vPrev[i] < vPred[i] ? prev[i] : predicted[i];
                fromPrevious += vPrev[i] < vPred[i] ? 1 : 0;
                assertThat(start[i]).containsExactly(expected, within(0.0));
            }
            assertThat(fromPrevious).isBetween(1, 19); // both kinds of row occur
        }
    }

    /**
     * A population translating along (1, 1)/√2 in straight lines: where the mass moves, the learned cheap direction
     * must turn to the motion (the truth: the cheapest paths of any such metric are the observed straight lines).
     */
    @Test
    void learnsTheDirectionOfAStraightDrift() {
        Random rng = new Random(5);
        double[][] base = cloud(rng, 30, 0, 0, 0.3);
        List<double[][]> snaps = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            double[][] s = new double[base.length][];
            for (int i = 0; i < base.length; i++) {
                s[i] = new double[] {base[i][0] + 0.5 * t, base[i][1] + 0.5 * t};
            }
            snaps.add(s);
        }
        LagrangianOptions options = LagrangianOptions.defaults().withSplineHidden(List.of(32)).withHidden(List.of(32)).withKnots(6)
                .withTimes(8).withBatchSize(30).withNewtonIterations(1);
        LearnedMetric metric = new MetricLearner(options, 25, 2, 2e-2).withWarmup(5).fit(snaps);
        double score = 0; // mean |cos| between the learned cheap direction and the drift, over the data points
        int count = 0;
        for (double[][] snap : snaps) {
            for (double[] p : snap) {
                double[] cheap = MetricLearner.eigenvectors(metric.matrix(p))[0];
                score += Math.abs(cheap[0] + cheap[1]) / Math.sqrt(2);
                count++;
            }
        }
        score /= count;
        assertThat(score).isGreaterThan(0.95);
    }
}
