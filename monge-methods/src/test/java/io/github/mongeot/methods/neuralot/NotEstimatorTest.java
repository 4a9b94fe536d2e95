package io.github.mongeot.methods.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.metrics.MarginalFit;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny max–min run (150 f-steps × 3 map steps) on a Gaussian pair: μ = N(0, I₂), ν = N((2, −1), diag(0.5², 1.5²)). The identity
 * leaves W₂²(μ, ν) = 5 + 0.5² + 0.5² = 5.5 between the marginals; the fitted map must bring its
 * push-forward close to ν (exact W₂² on fresh samples).
 */
class NotEstimatorTest {
    private static final int N = 400;
    private static double[][] xs;
    private static double[][] ys;
    private static double[][] freshX;
    private static double[][] freshY;
    private static NotModel weak;

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        Random rng = new Random(7);
        xs = gaussian(rng, 2000);
        ys = target(rng, 2000);
        freshX = gaussian(rng, N);
        freshY = target(rng, N);
        weak = new NotEstimator(tiny()).fit(PointCloud.of("x", xs), PointCloud.of("y", ys));
    }

    static NotOptions tiny() {
        return NotOptions.defaults().withMapHidden(List.of(32, 32)).withPotentialHidden(List.of(32, 32)).withIterations(150)
                .withMapSteps(3).withBatchSize(128).withLearningRates(3e-3, 3e-3).withGamma(GammaSchedule.constant(0.5))
                .withResidual(true).withSeed(5);
    }

    @Test
    void aTinyMaxMinRunBeatsTheIdentity() {
        double identity = MarginalFit.w2SquaredExact(freshX, freshY);
        double[][] pushed = oneDrawEach(weak, freshX, 1);
        double fitted = MarginalFit.w2SquaredExact(pushed, freshY);
        assertThat(identity).isGreaterThan(4.5);
        assertThat(fitted).as("W2^2(T#mu, nu) vs identity %s", identity).isLessThan(0.2 * identity);
        assertThat(weak.fitReport().get("steps").asLong()).isEqualTo(150);
        assertThat(weak.fitReport().get("variant").asText()).isEqualTo("weak");
    }

    @Test
    void theStrongDeterministicVariantBeatsTheIdentityAndIgnoresTheSeed() {
        NotModel model = new NotEstimator(tiny().deterministic()).fit(PointCloud.of("x", xs), PointCloud.of("y", ys));
        assertThat(model.latentDim()).isZero();
        double fitted = MarginalFit.w2SquaredExact(model.apply(freshX), freshY);
        assertThat(fitted).isLessThan(0.2 * MarginalFit.w2SquaredExact(freshX, freshY));
        double[][][] draws = model.sample(freshX, 3, 1);
        assertThat(draws[0][0]).containsExactly(draws[0][2]);
        assertThat(model.conditionalVariance(freshX, 4, 2)).isZero();
    }

    /** The saved model maps, samples and reads out exactly as the fitted one. */
    @Test
    void saveAndLoadRoundTrip() {
        Path file = dir.resolve("not.safetensors");
        weak.save(file);
        TransportMap loaded = TransportMaps.load(file);
        assertThat(loaded).isInstanceOf(NotModel.class);
        NotModel back = (NotModel) loaded;
        assertThat(back.latentDim()).isEqualTo(2);
        assertThat(back.readout()).isEqualTo(Readout.CONDITIONAL_MEAN);
        double[][] probe = java.util.Arrays.copyOf(freshX, 20);
        assertThat(back.apply(probe)).isDeepEqualTo(weak.apply(probe));
        assertThat(back.sample(probe, 3, 9)).isDeepEqualTo(weak.sample(probe, 3, 9));
        assertThat(back.fitReport().get("steps").asLong()).isEqualTo(150);
    }

    /** The conditional-mean read-out is the average of the model's own draws; T(x, 0) is the zero-noise output. */
    @Test
    void readOutsAreTheConditionalMeanOrTheZeroNoiseOutput() {
        double[][] probe = java.util.Arrays.copyOf(freshX, 5);
        double[][] mean = weak.apply(probe);
        double[][][] draws = weak.sample(probe, NotModel.MEAN_DRAWS, 0x5EEDL);
        for (int c = 0; c < 2; c++) {
            double s = 0;
            for (double[] y : draws[0]) {
                s += y[c];
            }
            assertThat(mean[0][c]).isCloseTo(s / NotModel.MEAN_DRAWS, offset(1e-9));
        }
        double[][] zero = weak.evaluate(probe, new double[5][2]);
        assertThat(zero[3]).isNotEqualTo(mean[3]);
        assertThat(weak.conditionalVariance(probe, 16, 3)).isGreaterThan(0);
    }

    @Test
    void sameSeedSameMap() {
        NotOptions few = tiny().withIterations(5);
        double[][] a = new NotEstimator(few).fit(PointCloud.of(xs), PointCloud.of(ys)).evaluate(freshX, new double[N][2]);
        double[][] b = new NotEstimator(few).fit(PointCloud.of(xs), PointCloud.of(ys)).evaluate(freshX, new double[N][2]);
        assertThat(a).isDeepEqualTo(b);
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        NotOptions d = NotOptions.defaults();
        assertThatThrownBy(() -> d.withDraws(1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("draws K");
        assertThatThrownBy(() -> d.withMapSteps(0)).hasMessageContaining("map steps");
        assertThatThrownBy(() -> d.withLatent(2, 0)).hasMessageContaining("latent std");
        assertThatThrownBy(() -> d.withLearningRates(1e-4, -1)).hasMessageContaining("potential learning rate");
        assertThatThrownBy(() -> new NotEstimator(d).fit(PointCloud.of(new double[][] {{1, 2}}), PointCloud.of(new double[][] {{1}})))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> weak.apply(new double[][] {{1, 2, 3}})).hasMessageContaining("columns");
        assertThat(d.withDtype(DType.FLOAT64).dtype()).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> new NotEstimator(d).withLinearDecay(1.5)).hasMessageContaining("decay start");
    }

    static double[][] oneDrawEach(NotModel model, double[][] x, long seed) {
        double[][][] draws = model.sample(x, 1, seed);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = draws[i][0];
        }
        return out;
    }

    private static double[][] gaussian(Random rng, int n) {
        double[][] out = new double[n][2];
        for (double[] p : out) {
            p[0] = rng.nextGaussian();
            p[1] = rng.nextGaussian();
        }
        return out;
    }

    private static double[][] target(Random rng, int n) {
        double[][] out = new double[n][2];
        for (double[] p : out) {
            p[0] = 2 + 0.5 * rng.nextGaussian();
            p[1] = -1 + 1.5 * rng.nextGaussian();
        }
        return out;
    }
}
