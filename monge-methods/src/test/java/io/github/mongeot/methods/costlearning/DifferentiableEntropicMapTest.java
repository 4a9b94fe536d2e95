package io.github.mongeot.methods.costlearning;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.entropic.EntropicMap;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.nn.net.Icnn;
import io.github.mongeot.nn.net.IcnnConfig;
import io.github.mongeot.nn.net.MafConfig;
import io.github.mongeot.nn.net.MaskedAutoregressiveFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * The differentiable estimator against truths: with h = ½‖·‖² it is the core entropic map, and every
 * gradient (through Sinkhorn, through (∇h)⁻¹, through the flows) matches central finite differences
 * along a random direction in parameter space. ε is absolute here: a relative ε is resolved from the
 * detached mean cost, a constant for gradients, which finite differences would not see.
 */
class DifferentiableEntropicMapTest {
    private static final SinkhornOptions TIGHT = SinkhornOptions.defaults().withEpsilon(0.3).withThreshold(1e-13)
            .withMaxIterations(20_000);

    private static double[][] cloud(Random rng, int n, double shift) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = rng.nextGaussian() + shift;
            row[1] = 0.7 * rng.nextGaussian() - 0.5 * shift;
        }
        return p;
    }

    @Test
    void halfSquaredEuclideanIsTheCoreEntropicMap() {
        Random rng = new Random(1);
        double[][] xs = cloud(rng, 12, 0);
        double[][] ys = cloud(rng, 15, 1.5);
        double[][] fresh = cloud(rng, 5, 0.5);
        LearnedCost half = LearnedCost.custom("half", 2, z -> Ops.sumLast(z.square()).mul(Tensors.scalar(0.5)));
        try (PointerScope scope = new PointerScope()) {
            DifferentiableEntropicMap map = solve(half, xs, ys, null);
            EntropicMap core = EntropicMap.fromDuals(SquaredEuclidean.half(), map.epsilon(), PointCloud.of(xs),
                    Tensors.toFlat(map.duals().f()), PointCloud.of(ys), Tensors.toFlat(map.duals().g()));
            assertClose(Tensors.toRows(map.mapSources(null)), core.apply(xs), 1e-9);
            assertClose(Tensors.toRows(map.inverseTargets(null)), core.applyInverse(ys), 1e-9);
            assertClose(Tensors.toRows(map.map(Tensors.fromRows(fresh, DType.FLOAT64))), core.apply(fresh), 1e-9);
            assertClose(Tensors.toRows(map.inverse(Tensors.fromRows(fresh, DType.FLOAT64))), core.applyInverse(fresh), 1e-9);
            // the saved-model path (core EntropicMap with a Newton-solved (∇h)⁻¹) agrees too
            CostLearningModel model = CostLearningModel.of(half, PointCloud.of(xs), PointCloud.of(ys), TIGHT);
            assertClose(model.apply(fresh), core.apply(fresh), 1e-8);
            assertClose(model.applyInverse(fresh), core.applyInverse(fresh), 1e-8);
        }
    }

    @Test
    void gradientThroughSinkhornMatchesFiniteDifferences() {
        Icnn h = smallIcnn(11);
        LearnedCost cost = LearnedCost.of(h, FlowMode.NONE, null, null, new double[2], 1.0);
        int[][] pairs = {{0, 0}, {2, 3}, {4, 1}};
        checkGradient(cost, cost.costParameters(), m -> Losses.coupling(pairs).value(m), 21);
    }

    @Test
    void gradientOfThePairedLossThroughSinkhornAndGradHInverseMatchesFiniteDifferences() {
        Icnn h = smallIcnn(12);
        LearnedCost cost = LearnedCost.of(h, FlowMode.NONE, null, null, new double[] {0.2, -0.1}, 1.3);
        int[][] pairs = {{0, 1}, {1, 0}, {3, 4}, {5, 2}};
        checkGradient(cost, cost.costParameters(), m -> Losses.paired(pairs).value(m), 22);
    }

    @Test
    void gradientThroughGradHInverseAloneMatchesFiniteDifferences() {
        Icnn h = smallIcnn(13);
        LearnedCost cost = LearnedCost.of(h, FlowMode.NONE, null, null, new double[2], 1.0);
        double[][] w = {{0.3, -0.2}, {1.5, 0.4}, {-0.7, 2.0}};
        List<Tensor> params = cost.costParameters();
        Function<Boolean, Double> loss = grad -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor z = cost.latentCost().gradHInverse(Tensors.fromRows(w, DType.FLOAT64));
                Tensor value = z.mul(z).sum().add(z.select(1, 0).sum());
                if (grad) {
                    value.backward();
                }
                return value.item_double();
            }
        };
        assertDirectionalDerivative(params, loss, 23);
    }

    @Test
    void gradientThroughSharedFlowsMatchesFiniteDifferences() {
        Icnn h = smallIcnn(14);
        MaskedAutoregressiveFlow flow = smallFlow(15);
        LearnedCost cost = LearnedCost.of(h, FlowMode.SHARED, flow, null, new double[2], 1.0);
        int[][] pairs = {{0, 0}, {1, 2}, {4, 3}};
        List<Tensor> params = new ArrayList<>(cost.flowParameters());
        params.addAll(cost.costParameters());
        checkGradient(cost, params, m -> Losses.paired(pairs).value(m), 24);
    }

    @Test
    void gradientThroughSeparateFlowsAndTheirRegularisersMatchesFiniteDifferences() {
        Icnn h = smallIcnn(16);
        LearnedCost cost = LearnedCost.of(h, FlowMode.SEPARATE, smallFlow(17), smallFlow(18), new double[2], 1.0);
        int[][] pairs = {{0, 0}, {1, 2}, {4, 3}};
        CostLearningLoss loss = Losses.paired(pairs).plus(Losses.flowCloseness(0.3)).plus(Losses.flowComplexity(0.1))
                .plus(Losses.costMax(1e-3));
        checkGradient(cost, cost.flowParameters(), loss::value, 25);
    }

    private static Icnn smallIcnn(long seed) {
        return new Icnn(IcnnConfig.symmetricCost(2, List.of(6), 0.01).withActivation(io.github.mongeot.nn.net.Activation.SOFTPLUS), seed);
    }

    /** A 2-layer MAF with its output layers moved off zero (a fresh flow is exactly the identity). */
    private static MaskedAutoregressiveFlow smallFlow(long seed) {
        MaskedAutoregressiveFlow flow = MafConfig.of(2, 2, List.of(8)).build(seed);
        Random rng = new Random(seed);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (Tensor p : flow.namedParameters().values()) {
                p.add_(torch.randn(p.sizes().vec().get(), p.options()).mul(Tensors.scalar(0.1 + 0.0 * rng.nextDouble())));
            }
        }
        return flow;
    }

    private static DifferentiableEntropicMap solve(LearnedCost cost, double[][] xs, double[][] ys, WarmStart warm) {
        PointCloud x = PointCloud.of(xs);
        PointCloud y = PointCloud.of(ys);
        return DifferentiableEntropicMap.solve(cost, x.pointsTensor(DType.FLOAT64), x.weightsTensor(DType.FLOAT64),
                y.pointsTensor(DType.FLOAT64), y.weightsTensor(DType.FLOAT64), TIGHT, warm);
    }

    private static void checkGradient(LearnedCost cost, List<Tensor> params, Function<DifferentiableEntropicMap, Tensor> loss,
            long seed) {
        Random rng = new Random(seed);
        double[][] xs = cloud(rng, 6, 0);
        double[][] ys = cloud(rng, 7, 1.0);
        Function<Boolean, Double> value = grad -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor l = loss.apply(solve(cost, xs, ys, null));
                if (grad) {
                    l.backward();
                }
                return l.item_double();
            }
        };
        assertDirectionalDerivative(params, value, seed);
    }

    /** ⟨∇L, δ⟩ by backward against (L(θ + tδ) − L(θ − tδ)) / 2t for a random δ. */
    private static void assertDirectionalDerivative(List<Tensor> params, Function<Boolean, Double> loss, long seed) {
        torch.manual_seed(seed);
        List<Tensor> directions = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            for (Tensor p : params) {
                Tensor d = torch.randn(p.sizes().vec().get(), p.options());
                d.retainReference();
                directions.add(d);
                if (p.grad().defined()) {
                    p.grad().zero_();
                }
            }
        }
        loss.apply(true);
        double analytic = 0;
        try (PointerScope scope = new PointerScope()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor g = params.get(i).grad();
                if (g.defined()) {
                    analytic += g.mul(directions.get(i)).sum().item_double();
                }
            }
        }
        double t = 1e-5;
        shift(params, directions, t);
        double plus = loss.apply(false);
        shift(params, directions, -2 * t);
        double minus = loss.apply(false);
        shift(params, directions, t);
        double numeric = (plus - minus) / (2 * t);
        assertThat(Math.abs(analytic)).as("directional derivative is not trivially zero").isGreaterThan(1e-6);
        assertThat(analytic).as("autograd vs finite differences").isCloseTo(numeric,
                org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(numeric))));
    }

    private static void shift(List<Tensor> params, List<Tensor> directions, double t) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).add_(directions.get(i).mul(Tensors.scalar(t)));
            }
        }
    }

    private static void assertClose(double[][] actual, double[][] expected, double tol) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            for (int k = 0; k < actual[i].length; k++) {
                assertThat(actual[i][k]).as("row %d col %d", i, k).isCloseTo(expected[i][k], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

}
