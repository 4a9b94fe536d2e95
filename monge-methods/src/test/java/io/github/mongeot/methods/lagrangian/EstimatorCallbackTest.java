package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The training callback runs after every k-th step with a model of the current networks, and only then. */
class EstimatorCallbackTest {
    @Test
    void callbackSeesTheLiveModelEveryKSteps() {
        LagrangianOptions tiny = LagrangianOptions.defaults().withHidden(List.of(8)).withSplineHidden(List.of(8)).withKnots(6)
                .withTimes(8).withSteps(5).withBatchSize(16).withAnnealSteps(2).withNewtonIterations(1).withSeed(3);
        Random rng = new Random(1);
        double[][] x = new double[32][];
        double[][] y = new double[32][];
        for (int i = 0; i < 32; i++) {
            x[i] = new double[] {-1 + 0.2 * rng.nextDouble(), rng.nextDouble() - 0.5};
            y[i] = new double[] {1 + 0.2 * rng.nextDouble(), rng.nextDouble() - 0.5};
        }
        List<Long> steps = new ArrayList<>();
        List<double[][]> mapped = new ArrayList<>();
        LagrangianModel model = new LagrangianEstimator(tiny).withCallback(2, (done, current) -> {
            steps.add(done);
            mapped.add(current.apply(new double[][] {x[0]}));
        }).fit(PointCloud.of("x", x), PointCloud.of("y", y), new Lagrangian(Metric.identity(), Potential.box(), Energy.REFERENCE),
                Domain.cube(2, 1.5));
        assertThat(steps).containsExactly(2L, 4L);
        assertThat(mapped).allSatisfy(m -> {
            assertThat(m[0]).hasSize(2);
            assertThat(m[0][0]).isBetween(-1.5, 1.5);
            assertThat(m[0][1]).isBetween(-1.5, 1.5);
        });
        assertThat(model.apply(new double[][] {x[0]})[0]).hasSize(2);
        assertThatThrownBy(() -> new LagrangianEstimator(tiny).withCallback(0, (d, c) -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("callback interval");
    }
}
