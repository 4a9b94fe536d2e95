package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semi-dual's tuning: g's learning rate (Adam's first step has the rate's size), activation, and the c-transform's starts. */
class EstimatorTuningTest {
    private static final LagrangianOptions TINY = LagrangianOptions.defaults().withHidden(List.of(8, 8)).withSplineHidden(List.of(8))
            .withKnots(6).withTimes(8).withSteps(3).withBatchSize(16).withAnnealSteps(0).withNewtonIterations(1).withSeed(3);
    private static final Lagrangian SLIT = new Lagrangian(Metric.identity(), Potential.slit(), Energy.REFERENCE);

    private static double[][][] clouds() {
        Random rng = new Random(1);
        double[][] x = new double[32][];
        double[][] y = new double[32][];
        for (int i = 0; i < 32; i++) {
            x[i] = new double[] {-1.25 + 0.25 * rng.nextDouble(), 2 * rng.nextDouble() - 1};
            y[i] = new double[] {1 + 0.25 * rng.nextDouble(), 2 * rng.nextDouble() - 1};
        }
        return new double[][][] {x, y};
    }

    /** Largest |change| of g's parameters over one training step. */
    @SuppressWarnings("try")
    private static double firstStepOfG(LagrangianEstimator.Tuning tuning) {
        LagrangianDual dual = new LagrangianEstimator(TINY).withTuning(tuning).initialDual(SLIT, Domain.cube(2, 1.5), 5, 0.15);
        double[][][] xy = clouds();
        try (PointerScope scope = new PointerScope()) {
            List<Tensor> before = new ArrayList<>();
            for (Tensor p : dual.potential.namedParameters().values()) {
                before.add(p.detach().clone());
            }
            new LagrangianEstimator.Trainer(dual, TINY, tuning).step(0, Tensors.fromRows(xy[0], DType.FLOAT64),
                    Tensors.fromRows(xy[1], DType.FLOAT64));
            double max = 0;
            int k = 0;
            try (NoGradGuard noGrad = new NoGradGuard()) {
                for (Tensor p : dual.potential.namedParameters().values()) {
                    max = Math.max(max, p.sub(before.get(k++)).abs().max().item_double());
                }
            }
            return max;
        }
    }

    @Test
    void adamsFirstStepOfGHasTheConfiguredRate() {
        // Adam's first update is lr·ĝ/(|ĝ| + ε) = lr·sign(ĝ) for |ĝ| ≫ ε (Kingma & Ba 2015, §2): its largest entry is the rate
        assertThat(firstStepOfG(LagrangianEstimator.Tuning.defaults())).isCloseTo(TINY.learningRate(), org.assertj.core.api.Assertions.within(1e-8));
        assertThat(firstStepOfG(LagrangianEstimator.Tuning.defaults().withPotentialLearningRate(5e-5, 0.01)))
                .isCloseTo(5e-5, org.assertj.core.api.Assertions.within(5e-10));
    }

    @Test
    void activationAndGridSideReachTheSavedModel(@TempDir Path dir) {
        double[][][] xy = clouds();
        LagrangianEstimator.Tuning tuning = LagrangianEstimator.Tuning.defaults().withPotentialActivation(Activation.SOFTPLUS)
                .withCTransformStarts(16, 3, 7);
        LagrangianModel model = new LagrangianEstimator(TINY).withTuning(tuning)
                .fit(PointCloud.of("x", xy[0]), PointCloud.of("y", xy[1]), SLIT, Domain.cube(2, 1.5));
        Path file = dir.resolve("m.safetensors");
        model.save(file);
        LagrangianModel loaded = LagrangianModel.load(file);
        assertThat(loaded.fitReport().get("potential_activation").asText()).isEqualTo("softplus");
        assertThat(loaded.fitReport().get("ctransform_target_candidates").asInt()).isEqualTo(16);
        assertThat(loaded.fitReport().get("model_grid_side").asInt()).isEqualTo(7);
        double[][] a = model.apply(xy[0]);
        double[][] b = loaded.apply(xy[0]);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).containsExactly(a[i], org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    @SuppressWarnings("try")
    void aFinerGridOfStartsReachesTheGlobalMinimumOfABumpyObjective() {
        // c(x, y) = ½‖x − y‖² (straight paths, A = I, U = 0) minus a g with large random weights: many local minima. The truth is
        // the minimum over a 121 × 121 grid refined by Newton; one start at the domain's centre misses it, a 24 × 24 grid of starts finds it.
        LagrangianDual dual = new LagrangianEstimator(TINY).initialDual(Lagrangian.kinetic(), Domain.cube(2, 1.5), 9, 1.0);
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : dual.potential.namedParameters().entrySet()) {
                e.getValue().mul_(Tensors.scalar(e.getKey().startsWith("layers.0") ? 4.0 : 2.0));
            }
        }
        Random rng = new Random(4);
        double[][] xs = new double[12][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = new double[] {-1.4 + 2.8 * rng.nextDouble(), -1.4 + 2.8 * rng.nextDouble()};
        }
        double[][] grid = Domain.cube(2, 1.5).gridNodes(121);
        try (PointerScope scope = new PointerScope()) {
            Tensor x = Tensors.fromRows(xs, DType.FLOAT64);
            Tensor gridTensor = Tensors.fromRows(grid, DType.FLOAT64);
            double[][] best = new double[xs.length][];
            try (NoGradGuard noGrad = new NoGradGuard()) {
                double[] g = Tensors.toFlat(dual.g(gridTensor));
                for (int p = 0; p < xs.length; p++) {
                    int arg = 0;
                    for (int k = 0; k < grid.length; k++) {
                        double[] y = grid[k];
                        double v = 0.5 * ((xs[p][0] - y[0]) * (xs[p][0] - y[0]) + (xs[p][1] - y[1]) * (xs[p][1] - y[1])) - g[k];
                        double[] b = grid[arg];
                        double w = 0.5 * ((xs[p][0] - b[0]) * (xs[p][0] - b[0]) + (xs[p][1] - b[1]) * (xs[p][1] - b[1])) - g[arg];
                        if (v < w) {
                            arg = k;
                        }
                    }
                    best[p] = grid[arg];
                }
            }
            double[][] truthAt = Tensors.toRows(dual.cTransform(x, Tensors.fromRows(best, DType.FLOAT64), 30, 1.0, 1.0));
            double[] truth = objective(dual, xs, truthAt);
            dual.gridSide = 1;
            double[][] coarseAt = Tensors.toRows(dual.cTransform(x, null, 30, 1.0, 1.0, true));
            double[] coarse = objective(dual, xs, coarseAt);
            dual.gridSide = 24;
            double[][] fineAt = Tensors.toRows(dual.cTransform(x, null, 30, 1.0, 1.0, true));
            double[] fine = objective(dual, xs, fineAt);
            int coarseMisses = 0;
            for (int p = 0; p < xs.length; p++) {
                // the global minimum's basin: the same value, or the same point (minima on the domain's edge are approached
                // slowly by the projected Newton steps; 0.02 is far below the distance between this g's basins)
                double distance = Math.hypot(fineAt[p][0] - truthAt[p][0], fineAt[p][1] - truthAt[p][1]);
                assertThat(fine[p] <= truth[p] + 1e-7 || distance < 0.02)
                        .as("point %d: fine %s (%.6f), truth %s (%.6f)", p, java.util.Arrays.toString(fineAt[p]), fine[p],
                                java.util.Arrays.toString(truthAt[p]), truth[p]).isTrue();
                if (coarse[p] > truth[p] + 1e-4 && Math.hypot(coarseAt[p][0] - truthAt[p][0], coarseAt[p][1] - truthAt[p][1]) > 0.2) {
                    coarseMisses++;
                }
            }
            assertThat(coarseMisses).as("the objective must be multimodal for this test to mean anything").isGreaterThan(0);
        }
        assertThatThrownBy(() -> LagrangianEstimator.Tuning.defaults().withCTransformStarts(8, 4, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("grid side");
        assertThatThrownBy(() -> LagrangianEstimator.Tuning.defaults().withPotentialLearningRate(-1, 0.1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> LagrangianEstimator.Tuning.defaults().withPotentialActivation(Activation.PRELU))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("prelu");
    }

    private static double[] objective(LagrangianDual dual, double[][] x, double[][] y) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor yt = Tensors.fromRows(y, DType.FLOAT64);
            return Tensors.toFlat(dual.cost(Tensors.fromRows(x, DType.FLOAT64), yt, 1.0, 1.0).sub(dual.g(yt)));
        }
    }
}
