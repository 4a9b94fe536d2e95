package io.github.mongeot.methods.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.metrics.MarginalFit;
import io.github.mongeot.nn.net.ConvPotential;
import io.github.mongeot.nn.net.UNet;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image networks in the max–min: 8 × 8 "images" with i.i.d. pixels N(−0.5, 0.1²) mapped to
 * images whose left half is N(+0.8, 0.1²) and right half N(−0.8, 0.1²). The identity leaves
 * W₂² ≈ 32·1.3² + 32·0.3² ≈ 57; a short run of the U-Net map against the CNN potential must cut it.
 */
class NotImagesTest {
    @TempDir
    Path dir;

    @Test
    void aTinyImageMaxMinRunMovesTowardsTheTargetAndRoundTrips() {
        Random rng = new Random(3);
        double[][] xs = source(rng, 512);
        double[][] ys = target(rng, 512);
        NotOptions options = NotOptions.defaults().withImages(new ImageNetworks(8, 8, 16, 16)).withIterations(40).withMapSteps(5)
                .withBatchSize(32).withDraws(2).withLearningRates(1e-3, 1e-3).withGamma(GammaSchedule.constant(0.5)).withSeed(1);
        assertThat(options.latentDim()).isEqualTo(64);
        NotModel model = new NotEstimator(options).fit(PointCloud.of("x", xs), PointCloud.of("y", ys));
        assertThat(model.mapNetwork()).isInstanceOf(UNet.class);
        assertThat(model.potentialNetwork()).isInstanceOf(ConvPotential.class);
        assertThat(model.latentDim()).isEqualTo(64);

        double[][] freshX = source(rng, 200);
        double[][] freshY = target(rng, 200);
        double identity = MarginalFit.w2SquaredExact(freshX, freshY);
        double[][][] drawn = model.sample(freshX, 1, 9);
        double[][] pushed = new double[freshX.length][];
        for (int i = 0; i < pushed.length; i++) {
            pushed[i] = drawn[i][0];
        }
        double fitted = MarginalFit.w2SquaredExact(pushed, freshY);
        assertThat(identity).isGreaterThan(50);
        assertThat(fitted).as("W2^2(T#mu, nu) vs identity %s", identity).isLessThan(0.25 * identity);

        Path file = dir.resolve("images.safetensors");
        model.save(file);
        NotModel loaded = (NotModel) TransportMaps.load(file);
        assertThat(loaded.mapNetwork()).isInstanceOf(UNet.class);
        assertThat(loaded.sample(freshX, 2, 4)).isDeepEqualTo(model.sample(freshX, 2, 4));
        assertThat(loaded.fitReport().get("images").get("map_channels").asInt()).isEqualTo(16);
    }

    @Test
    void imageSettingsAreChecked() {
        assertThatThrownBy(() -> new ImageNetworks(28, 30, 8, 8)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiples of 4");
        assertThatThrownBy(() -> ImageNetworks.parse("28by28", 8, 8)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("28x28");
        assertThat(ImageNetworks.parse("28x28", 8, 16)).isEqualTo(new ImageNetworks(28, 28, 8, 16));
        NotOptions images = NotOptions.defaults().withImages(new ImageNetworks(8, 8, 2, 2)).withIterations(1);
        assertThatThrownBy(() -> images.withLatent(3, 0.1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be 64");
        assertThatThrownBy(() -> new NotEstimator(images).fit(PointCloud.of("x", source(new Random(1), 4)),
                PointCloud.of("y", new double[][] {{1, 2}, {3, 4}}))).isInstanceOf(InvalidInputException.class);
        double[][] wide = new double[4][16];
        assertThatThrownBy(() -> new NotEstimator(images).fit(PointCloud.of("x", wide), PointCloud.of("y", wide)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("8x8 images need 64");
        assertThat(images.deterministic().withImages(new ImageNetworks(8, 8, 2, 2)).latentDim()).isZero();
    }

    private static double[][] source(Random rng, int n) {
        double[][] x = new double[n][64];
        for (double[] row : x) {
            for (int c = 0; c < 64; c++) {
                row[c] = -0.5 + 0.1 * rng.nextGaussian();
            }
        }
        return x;
    }

    private static double[][] target(Random rng, int n) {
        double[][] y = new double[n][64];
        for (double[] row : y) {
            for (int c = 0; c < 64; c++) {
                row[c] = (c % 8 < 4 ? 0.8 : -0.8) + 0.1 * rng.nextGaussian();
            }
        }
        return y;
    }
}
