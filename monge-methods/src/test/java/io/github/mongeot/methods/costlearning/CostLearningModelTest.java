package io.github.mongeot.methods.costlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fitted model: file round trip, the cost it serves, losses a user adds, and refusals. */
class CostLearningModelTest {
    @TempDir
    Path dir;

    private static double[][] cloud(Random rng, int n, double shift) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = rng.nextGaussian() + shift;
            row[1] = rng.nextGaussian();
        }
        return p;
    }

    private static CostLearningOptions tiny(FlowMode flows) {
        return CostLearningOptions.defaults().withHidden(List.of(6)).withFlows(flows).withFlowArchitecture(2, List.of(6))
                .withSteps(3).withLearningRates(1e-2, 1e-2).withEpsilonRel(0.1, 0.05).withThreshold(1e-8);
    }

    @Test
    void savedModelMapsAndCostsExactlyLikeTheFittedOne() {
        Random rng = new Random(5);
        PointCloud x = PointCloud.of("x", cloud(rng, 10, 0));
        PointCloud y = PointCloud.of("y", cloud(rng, 12, 2));
        int[][] pairs = {{0, 0}, {1, 3}, {2, 5}};
        CostLearningModel model = new CostLearningEstimator(tiny(FlowMode.SEPARATE)).fit(x, y,
                List.of(Losses.paired(pairs), Losses.flowCloseness(0.1)));
        Path file = dir.resolve("model.safetensors");
        model.save(file);
        TransportMap loaded = TransportMaps.load(file);
        assertThat(loaded).isInstanceOf(CostLearningModel.class);
        double[][] probe = cloud(new Random(6), 4, 1);
        assertThat(loaded.apply(probe)).isDeepEqualTo(model.apply(probe));
        assertThat(loaded.applyInverse(probe)).isDeepEqualTo(model.applyInverse(probe));
        assertThat(((CostLearningModel) loaded).cost().matrix(x.points(), y.points()))
                .isDeepEqualTo(model.cost().matrix(x.points(), y.points()));
        assertThat(model.fitReport().get("steps").asLong()).isEqualTo(3);
        // the training plan has the clouds' marginals (Sinkhorn converged to its threshold)
        double[][] plan = model.trainingPlan();
        for (int i = 0; i < plan.length; i++) {
            assertThat(java.util.Arrays.stream(plan[i]).sum()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void userLossesAndLearnedDirectionsAreTrained() {
        Random rng = new Random(7);
        PointCloud x = PointCloud.of("x", cloud(rng, 9, 0));
        PointCloud y = PointCloud.of("y", cloud(rng, 9, 1.5));
        Losses.DirectionalLoss directions = Losses.directions(2, 2, 3);
        double[][] before = directions.directions();
        CostLearningEstimator estimator = new CostLearningEstimator(tiny(FlowMode.NONE));
        LearnedCost cost = estimator.initialCost(x, y);
        double[][] costBefore = cost.matrix(x.points(), y.points());
        CostLearningLoss spread = CostLearningLoss.of("spread", m -> Ops.sumLast(m.mapSources(null).square()).mean());
        estimator.fit(cost, x, y, List.of(spread.times(0.5), directions.plus(Losses.fit())));
        assertThat(directions.directions()).isNotEqualTo(before);
        assertThat(cost.matrix(x.points(), y.points())).isNotEqualTo(costBefore);
    }

    @Test
    void refusesWhatItCannotDo() {
        LearnedCost custom = LearnedCost.custom("half", 2, z -> Ops.sumLast(z.square()).mul(Tensors.scalar(0.5)));
        Random rng = new Random(8);
        PointCloud x = PointCloud.of("x", cloud(rng, 5, 0));
        PointCloud y = PointCloud.of("y", cloud(rng, 5, 1));
        CostLearningModel model = CostLearningModel.of(custom, x, y, SinkhornOptions.defaults().withEpsilonRel(0.1));
        assertThatThrownBy(() -> model.save(dir.resolve("m.safetensors"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("user-defined h");
        assertThatThrownBy(() -> model.apply(new double[][] {{1, 2, 3}})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 columns");
        assertThatThrownBy(() -> CostLearningOptions.defaults().withAlpha(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> Losses.paired(new int[0][])).isInstanceOf(InvalidInputException.class).hasMessageContaining("pairs");
    }
}
