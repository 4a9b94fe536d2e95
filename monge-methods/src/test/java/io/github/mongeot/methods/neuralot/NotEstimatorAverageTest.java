package io.github.mongeot.methods.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.net.Network;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The map-weight average and the Adam betas of {@link NotEstimator}. */
class NotEstimatorAverageTest {
    @Test
    void theAveragedMapIsTheMovingAverageOfTheIterates() {
        // one f-step with one map update: θ₀ (the seeded initial map) → θ₁, so the average with decay
        // 0.25 is 0.25·θ₀ + 0.75·θ₁ exactly (the potential's update does not touch the map)
        NotOptions one = NotOptions.defaults().withMapHidden(List.of(8)).withPotentialHidden(List.of(8)).withIterations(1)
                .withMapSteps(1).withBatchSize(16).withLearningRates(1e-2, 1e-2).withSeed(3);
        Random rng = new Random(1);
        double[][] x = rows(rng, 64, 0);
        double[][] y = rows(rng, 64, 3);
        NotModel last = new NotEstimator(one).fit(PointCloud.of(x), PointCloud.of(y));
        NotModel averaged = new NotEstimator(one).withMapAverage(0.25).fit(PointCloud.of(x), PointCloud.of(y));
        Network initial = new MlpConfig(2, one.mapHidden(), 2, Activation.RELU, one.residual(), one.latentDim(), one.dtype())
                .build(one.seed());
        Map<String, Tensor> theta0 = initial.namedParameters();
        Map<String, Tensor> theta1 = last.mapNetwork().namedParameters();
        double moved = 0;
        for (Map.Entry<String, Tensor> e : averaged.mapNetwork().namedParameters().entrySet()) {
            double[] a = values(e.getValue());
            double[] p0 = values(theta0.get(e.getKey()));
            double[] p1 = values(theta1.get(e.getKey()));
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("%s[%d]", e.getKey(), i).isCloseTo(0.25 * p0[i] + 0.75 * p1[i], offset(1e-6));
                moved = Math.max(moved, Math.abs(p1[i] - p0[i]));
            }
        }
        assertThat(moved).as("the map moved in its one update").isGreaterThan(1e-3);
        assertThat(averaged.fitReport().get("map_average_decay").asDouble()).isEqualTo(0.25);
    }

    @Test
    void settingsAreCheckedAndReported() {
        NotEstimator e = new NotEstimator(NotOptions.defaults());
        assertThatThrownBy(() -> e.withMapAverage(1)).hasMessageContaining("average decay");
        assertThatThrownBy(() -> e.withAdamBetas(0.5, 1.0)).hasMessageContaining("Adam betas");
        NotOptions one = NotOptions.defaults().withMapHidden(List.of(4)).withPotentialHidden(List.of(4)).withIterations(1).withMapSteps(1)
                .withBatchSize(4);
        double[][] x = rows(new Random(2), 8, 0);
        NotModel m = new NotEstimator(one).withAdamBetas(0.5, 0.99).fit(PointCloud.of(x), PointCloud.of(x));
        assertThat(m.fitReport().get("adam_beta1").asDouble()).isEqualTo(0.5);
        assertThat(m.fitReport().get("adam_beta2").asDouble()).isEqualTo(0.99);
    }

    private static double[] values(Tensor t) {
        return Tensors.toFlat(t.detach());
    }

    /** n points of N((shift, 0), I₂). */
    static double[][] rows(Random rng, int n, double shift) {
        double[][] out = new double[n][2];
        for (double[] r : out) {
            r[0] = rng.nextGaussian() + shift;
            r[1] = rng.nextGaussian();
        }
        return out;
    }
}
