package io.github.mongeot.core.entropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.PNormCost;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntropicMapEstimatorTest {
    private static double[][] cloud(Random rng, int n, double shift, double scale) {
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = scale * rng.nextGaussian() + shift;
            row[1] = scale * rng.nextGaussian() - shift;
        }
        return x;
    }

    @Test
    void softCTransformOfConvergedDualsReproducesThePotentialsOnTheSupport() {
        // At a Sinkhorn fixed point f_i = −ε log Σ_j b_j exp((g_j − C_ij)/ε): the extension is exact on the samples.
        Random rng = new Random(4);
        PointCloud x = PointCloud.of("x", cloud(rng, 60, 0, 1));
        PointCloud y = PointCloud.of("y", cloud(rng, 50, 1, 0.7));
        for (var cost : new io.github.mongeot.core.cost.TranslationInvariantCost[] {SquaredEuclidean.full(), new PNormCost(1.5)}) {
            EntropicMapModel model = new EntropicMapEstimator(cost,
                    SinkhornOptions.defaults().withEpsilon(0.3).withThreshold(1e-12).withMaxIterations(20_000)).fit(x, y);
            EntropicMap map = model.map();
            assertThat(map.sourcePotential(x.points())).containsExactly(map.f(), within(1e-8));
            assertThat(map.targetPotential(y.points())).containsExactly(map.g(), within(1e-8));
        }
    }

    @Test
    void smallEpsilonRecoversThePermutationOfExactOt() {
        // A jittered grid and a translated, shuffled copy: the exact plan is the matching permutation
        // with wide margins, which the entropic map must reproduce as ε → 0.
        Random rng = new Random(5);
        double[][] grid = new double[36][];
        for (int i = 0; i < 36; i++) {
            grid[i] = new double[] {i % 6 + 0.1 * rng.nextGaussian(), i / 6 + 0.1 * rng.nextGaussian()};
        }
        double[][] shifted = new double[36][];
        for (int i = 0; i < 36; i++) {
            double[] p = grid[(i * 7) % 36];
            shifted[i] = new double[] {p[0] + 0.3, p[1] - 0.2};
        }
        PointCloud x = PointCloud.of("x", grid);
        PointCloud y = PointCloud.of("y", shifted);
        ExactResult exact = ExactOT.solve(x, y, SquaredEuclidean.full());
        EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilon(0.01).withEpsilonScaling(256, 0.5).withMaxIterations(20_000)).fit(x, y);
        double[][] mapped = model.apply(x.points());
        double[][] back = model.applyInverse(y.points());
        int[] rows = exact.rows();
        int[] cols = exact.cols();
        assertThat(rows).hasSize(36);
        for (int k = 0; k < rows.length; k++) {
            assertThat(cols[k]).isEqualTo(rows[k] * 31 % 36); // 31 = 7⁻¹ mod 36: the planted matching
            assertThat(mapped[rows[k]]).containsExactly(y.point(cols[k]), within(1e-4));
            assertThat(back[cols[k]]).containsExactly(x.point(rows[k]), within(1e-4));
        }
    }

    @Test
    void savedModelReloadsThroughTheRegistryAndMapsIdentically(@TempDir Path dir) {
        Random rng = new Random(6);
        PointCloud x = PointCloud.of("x", cloud(rng, 30, 0, 1));
        PointCloud y = PointCloud.of("y", cloud(rng, 35, 1, 1));
        EntropicMapModel model = new EntropicMapEstimator(new PNormCost(3),
                SinkhornOptions.defaults().withEpsilonRel(0.05)).fit(x, y);
        Path file = dir.resolve("map.safetensors");
        model.save(file);
        TransportMap loaded = TransportMaps.load(file);
        assertThat(loaded.modelType()).isEqualTo("entropic-map");
        double[][] q = cloud(rng, 10, 0.5, 1);
        double[][] expected = model.apply(q);
        double[][] actual = loaded.apply(q);
        for (int i = 0; i < q.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i], within(0.0));
        }
        assertThat(dir.toFile().list()).containsExactly("map.safetensors");
        assertThat(Files.isRegularFile(file)).isTrue();
    }

    @Test
    void refusesAnUnconvergedSolve() {
        Random rng = new Random(7);
        PointCloud x = PointCloud.of("x", cloud(rng, 30, 0, 1));
        PointCloud y = PointCloud.of("y", cloud(rng, 30, 3, 1));
        assertThatThrownBy(() -> new EntropicMapEstimator(SquaredEuclidean.full(),
                SinkhornOptions.defaults().withEpsilonRel(0.001).withMaxIterations(10)).fit(x, y))
                .isInstanceOf(EntropicMapEstimator.NotConvergedException.class)
                .hasMessageContaining("did not converge in 10 iterations");
    }
}
