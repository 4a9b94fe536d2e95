package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.net.MlpConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The c-transform against brute force on a grid, and Danskin's gradient against finite differences. */
class CTransformTest {
    private static final LagrangianOptions SMALL = LagrangianOptions.defaults().withHidden(List.of(16, 16))
            .withSplineHidden(List.of(16)).withKnots(8).withTimes(12);

    /** Networks with random weights (the spline output layer perturbed so paths bend). */
    private static LagrangianDual randomDual(Lagrangian lagrangian, double splineNoise, double potentialGain) {
        LagrangianDual dual = new LagrangianEstimator(SMALL).initialDual(lagrangian, Domain.cube(2, 1.5), 7);
        Random rng = new Random(11);
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            for (Map.Entry<String, Tensor> e : dual.spline.network().namedParameters().entrySet()) {
                if (splineNoise == 0) {
                    break;
                }
                Tensor p = e.getValue();
                double[] noise = rng.doubles(p.numel(), -splineNoise, splineNoise).toArray();
                p.add_(Tensors.fromFlat(noise, p.sizes().vec().get(), DType.FLOAT64));
            }
            for (Tensor p : dual.potential.namedParameters().values()) {
                p.mul_(Tensors.scalar(potentialGain));
            }
        }
        return dual;
    }

    @Test
    @SuppressWarnings("try")
    void cTransformMatchesBruteForceOnAGrid() {
        Lagrangian box = new Lagrangian(Metric.identity(), Potential.box(), Energy.INTEGRAL);
        LagrangianDual dual = randomDual(box, 0.02, 0.3);
        // a dozen points over the domain: every row must reach the global grid minimum (the per-row Newton solve
        // starts from the best of y_ζ(x) and a grid, so non-convexity does not leave rows in a worse local minimum)
        Random rng = new Random(5);
        double[][] xs = new double[8][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = new double[] {-1.4 + 2.8 * rng.nextDouble(), -1.4 + 2.8 * rng.nextDouble()};
        }
        int side = 101;
        double[][] grid = Domain.cube(2, 1.5).gridNodes(side);
        double spacing = 3.0 / (side - 1);
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(xs, DType.FLOAT64);
            double[][] solved = Tensors.toRows(dual.cTransform(x, 20, 1.0, 0.05));
            double[] atSolved = objective(dual, xs, solved);
            Tensor g = Tensors.fromRows(grid, DType.FLOAT64);
            for (int p = 0; p < xs.length; p++) {
                double[][] repeated = new double[grid.length][];
                java.util.Arrays.fill(repeated, xs[p]);
                double[] values;
                try (NoGradGuard noGrad = new NoGradGuard()) {
                    values = Tensors.toFlat(dual.cost(Tensors.fromRows(repeated, DType.FLOAT64), g, 1.0, 0.05).sub(dual.g(g)));
                }
                int best = 0;
                for (int k = 1; k < values.length; k++) {
                    if (values[k] < values[best]) {
                        best = k;
                    }
                }
                assertThat(atSolved[p]).as("point %d", p).isLessThanOrEqualTo(values[best] + 1e-9);
                assertThat(atSolved[p]).as("point %d", p).isGreaterThan(values[best] - 1e-3);
                assertThat(Math.hypot(solved[p][0] - grid[best][0], solved[p][1] - grid[best][1])).isLessThan(3 * spacing);
            }
        }
    }

    private static double[] objective(LagrangianDual dual, double[][] x, double[][] y) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor yt = Tensors.fromRows(y, DType.FLOAT64);
            return Tensors.toFlat(dual.cost(Tensors.fromRows(x, DType.FLOAT64), yt, 1.0, 0.05).sub(dual.g(yt)));
        }
    }

    /** J(θ) = mean_x min_y [c(x, y) − g_θ(y)] + mean_y g_θ(y), the inner minimum solved to convergence. */
    private static double dualObjective(LagrangianDual dual, double[][] xs, double[][] ys) {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(xs, DType.FLOAT64);
            double[][] solved = Tensors.toRows(dual.cTransform(x, 30, 1.0, 1.0));
            double inner = 0;
            for (double v : objective(dual, xs, solved)) {
                inner += v / xs.length;
            }
            try (NoGradGuard noGrad = new NoGradGuard()) {
                return inner + dual.g(Tensors.fromRows(ys, DType.FLOAT64)).mean().item_double();
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void danskinGradientOfTheDualMatchesFiniteDifferences() {
        // c(x, y) = ½‖x − y‖² exactly (straight paths, A = I, U = 0); g small so every inner problem is strongly convex
        LagrangianDual initial = randomDual(Lagrangian.kinetic(), 0.0, 1.0);
        // a smooth g (tanh): every inner problem is smooth and strongly convex, so L-BFGS solves it to round-off
        Mlp smooth = new Mlp(MlpConfig.of(2, List.of(16, 16), 1, Activation.TANH), 3);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            smooth.namedParameters().get("layers.2.weight").mul_(Tensors.scalar(0.1));
        }
        LagrangianDual dual = new LagrangianDual(initial.lagrangian, smooth, initial.predictor, initial.spline, initial.paths,
                initial.domain, initial.costScale);
        Random rng = new Random(2);
        double[][] xs = new double[6][];
        double[][] ys = new double[6][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = new double[] {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
            ys[i] = new double[] {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
        }
        Tensor weight = dual.potential.namedParameters().get("layers.1.weight");
        double[] analytic;
        try (PointerScope scope = new PointerScope()) {
            Tensor yHat = dual.cTransform(Tensors.fromRows(xs, DType.FLOAT64), 30, 1.0, 1.0);
            dual.potential.module().zero_grad(true);
            // ∇θ J = −mean ∇θ g(ŷ) + mean ∇θ g(y) = −∇θ(loss minimised in training)
            dual.g(yHat).mean().sub(dual.g(Tensors.fromRows(ys, DType.FLOAT64)).mean()).backward();
            analytic = Tensors.toFlat(weight.grad().neg());
        }
        double h = 1e-5;
        int checked = 0;
        for (int index = 0; index < analytic.length && checked < 2; index += 97, checked++) {
            double fd = (shifted(dual, weight, index, h, xs, ys) - shifted(dual, weight, index, -h, xs, ys)) / (2 * h);
            assertThat(analytic[index]).as("entry %d", index).isCloseTo(fd, within(1e-5 + 1e-4 * Math.abs(fd)));
        }
    }

    @SuppressWarnings("try")
    private static double shifted(LagrangianDual dual, Tensor weight, int index, double h, double[][] xs, double[][] ys) {
        Tensor flat = weight.view(-1);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            flat.select(0, index).add_(Tensors.scalar(h));
        }
        double value = dualObjective(dual, xs, ys);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            flat.select(0, index).sub_(Tensors.scalar(h));
        }
        return value;
    }
}
