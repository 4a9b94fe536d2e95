package io.github.mongeot.methods.dpot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.map.ConditionalMap;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.metrics.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpotEstimatorTest {
    private static final double[] SHIFT = {1.0, 0.5};

    /** Small, fast settings: the exact map of a translation is the translation. */
    private static DpotOptions smoke() {
        return DpotOptions.defaults().withWidth(32).withDepth(2).withBatchSize(256).withSteps(600).withLearningRate(5e-3);
    }

    @Test
    void learnsATranslationAndItsInverseAndRoundTripsThroughTheModelFile(@TempDir Path dir) {
        Random rnd = new Random(1);
        double[][] x = gaussian(rnd, 600, 0.3, new double[2]);
        double[][] y = gaussian(rnd, 600, 0.3, SHIFT);
        DpotModel model = new DpotEstimator(smoke().withInverse(true)).fit(PointCloud.of(x), PointCloud.of(y));
        double[][] probe = gaussian(rnd, 300, 0.3, new double[2]);
        double[][] truth = shift(probe, SHIFT, 1);
        double[][] mapped = model.apply(probe);
        assertThat(relativeError(mapped, truth)).isLessThan(0.1);
        double[][] back = model.applyInverse(truth);
        assertThat(Metrics.rmse(back, probe)).isLessThan(0.15);
        assertThat(model.fitReport().get("gamma_updates").asLong()).isEqualTo(60);
        assertThat(model.fitReport().get("exact_ot_seconds").asDouble()).isPositive();

        Path file = dir.resolve("dpot.monge");
        model.save(file);
        TransportMap loaded = TransportMaps.load(file);
        assertThat(loaded).isInstanceOf(DpotModel.class);
        assertThat(loaded.hasInverse()).isTrue();
        assertThat(loaded.apply(probe)).isDeepEqualTo(mapped);
        assertThat(loaded.applyInverse(truth)).isDeepEqualTo(back);
    }

    @Test
    void conditionalFitInterpolatesToAnUnseenCondition(@TempDir Path dir) {
        Random rnd = new Random(2);
        List<DpotProblem.Pair> pairs = new ArrayList<>();
        for (double eta : new double[] {0.0, 0.5, 1.0}) { // target = source shifted by η·SHIFT
            pairs.add(new DpotProblem.Pair(new double[] {eta}, PointCloud.of(gaussian(rnd, 400, 0.3, new double[2])),
                    PointCloud.of(gaussian(rnd, 400, 0.3, shiftBy(eta)))));
        }
        DpotModel model = new DpotEstimator(smoke().withConditions(2)).fit(new DpotProblem(pairs));
        assertThat(model.conditionDim()).isEqualTo(1);
        double[][] probe = gaussian(rnd, 300, 0.3, new double[2]);
        double[][] mapped = model.apply(probe, new double[] {0.75});
        assertThat(Metrics.rmse(mapped, shift(probe, SHIFT, 0.75))).isLessThan(0.15);
        assertThatThrownBy(() -> model.apply(probe)).isInstanceOf(InvalidInputException.class).hasMessageContaining("--condition");
        assertThatThrownBy(() -> model.applyInverse(probe, new double[] {0.5})).hasMessageContaining("--inverse");

        Path file = dir.resolve("conditional.monge");
        model.save(file);
        ConditionalMap loaded = (ConditionalMap) TransportMaps.load(file);
        assertThat(loaded.apply(probe, new double[] {0.75})).isDeepEqualTo(mapped);
    }

    @Test
    void refusesBadSettingsAndInputs() {
        assertThatThrownBy(() -> DpotOptions.defaults().withLambda(-1)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> DpotOptions.defaults().withGammaEvery(0)).hasMessageContaining("gamma-every");
        assertThatThrownBy(() -> DpotOptions.Architecture.parse("cnn")).hasMessageContaining("'cnn'");
        assertThatThrownBy(() -> GammaSolver.parse("hungarian")).hasMessageContaining("'hungarian'");
        assertThatThrownBy(() -> new DpotProblem(List.of())).hasMessageContaining("no (source, target) pairs");
        PointCloud a = PointCloud.of(new double[][] {{0, 0}});
        PointCloud b = PointCloud.of(new double[][] {{0, 0, 0}});
        assertThatThrownBy(() -> DpotProblem.of(a, b)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new DpotProblem(List.of(new DpotProblem.Pair(new double[] {1}, a, a),
                new DpotProblem.Pair(new double[] {1, 2}, a, a)))).hasMessageContaining("pair 2: condition has 2 values");
    }

    static double[][] gaussian(Random rnd, int n, double sd, double[] mean) {
        double[][] out = new double[n][mean.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < mean.length; k++) {
                out[i][k] = mean[k] + sd * rnd.nextGaussian();
            }
        }
        return out;
    }

    private static double[] shiftBy(double eta) {
        return new double[] {eta * SHIFT[0], eta * SHIFT[1]};
    }

    private static double[][] shift(double[][] x, double[] by, double factor) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[] {x[i][0] + factor * by[0], x[i][1] + factor * by[1]};
        }
        return out;
    }

    private static double relativeError(double[][] mapped, double[][] truth) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < mapped.length; i++) {
            num += PlanSolver.squaredDistance(mapped[i], truth[i]);
            den += truth[i][0] * truth[i][0] + truth[i][1] * truth[i][1];
        }
        return Math.sqrt(num / den);
    }
}
