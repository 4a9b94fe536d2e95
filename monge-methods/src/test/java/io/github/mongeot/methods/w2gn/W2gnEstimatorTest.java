package io.github.mongeot.methods.w2gn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.gaussian.Matrices;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.metrics.Metrics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W2GN against the closed-form Bures map between two Gaussians in d = 2. */
class W2gnEstimatorTest {
    static Gaussian mu;
    static Gaussian nu;
    static BuresMap truth;
    static W2gnModel model;
    static double[][] fresh;

    /**
     * A short training (400 steps of 256 points, λ = 5, lr 1e-2 decaying to 1e-3) on 4000 samples
     * per side: deterministic for its seed and thread count, about 3-5 s on a loaded 2-core machine.
     */
    @BeforeAll
    static void fit() {
        mu = new Gaussian(new double[] {0, 0}, new double[][] {{1.0, 0.3}, {0.3, 0.5}});
        nu = new Gaussian(new double[] {2, 1}, new double[][] {{0.6, -0.2}, {-0.2, 1.5}});
        truth = BuresMap.between(mu, nu);
        Random rng = new Random(3);
        PointCloud x = PointCloud.of("source", mu.sample(4000, rng));
        PointCloud y = PointCloud.of("target", nu.sample(4000, rng));
        W2gnOptions options = W2gnOptions.defaults().withSteps(400).withBatchSize(256).withLearningRate(1e-2)
                .withHidden(List.of(32, 32)).withLambdaCycle(5).withSeed(7).withDtype(DType.FLOAT64);
        model = new W2gnEstimator(options).fit(x, y);
        fresh = mu.sample(2000, new Random(5));
    }

    /*
     * Thresholds: the identity map scores about 260% here (closed form); this training reached 0.27%
     * forward and 0.46% inverse (seed 7). A bar of 2% (and cos > 0.99) sits well below the 5%
     * beyond which Korotin et al. (2021) call a map poor, with room for the finite sample (4000
     * points per side) and the minibatch noise of a short run, yet any real defect (a wrong sign in
     * the loss, a missing cycle term, a broken standardisation) lands far above it.
     */
    @Test
    void forwardMapMatchesTheBuresMap() {
        double[][] exact = truth.apply(fresh);
        double[][] mapped = model.apply(fresh);
        double l2uvp = Metrics.l2uvp(mapped, exact, Matrices.trace(nu.covariance()));
        double cos = Metrics.cosine(fresh, mapped, exact);
        assertThat(l2uvp).isLessThan(2.0);
        assertThat(cos).isGreaterThan(0.99);
    }

    @Test
    void inverseMapMatchesTheInverseBuresMap() {
        double[][] ys = nu.sample(2000, new Random(6));
        double[][] exact = truth.inverse().apply(ys);
        double[][] mapped = model.applyInverse(ys);
        double l2uvp = Metrics.l2uvp(mapped, exact, Matrices.trace(mu.covariance()));
        assertThat(l2uvp).isLessThan(2.0);
    }

    /** T = ∇ψ with ψ convex: the Jacobian of the public map (central differences) is symmetric PSD. */
    @Test
    void forwardMapIsTheGradientOfAConvexFunction() {
        double[][] points = mu.sample(40, new Random(8));
        double h = 1e-5;
        for (double[] p : points) {
            double[][] j = new double[2][2];
            for (int k = 0; k < 2; k++) {
                double[] plus = p.clone();
                double[] minus = p.clone();
                plus[k] += h;
                minus[k] -= h;
                double[][] t = model.apply(new double[][] {plus, minus});
                for (int r = 0; r < 2; r++) {
                    j[r][k] = (t[0][r] - t[1][r]) / (2 * h);
                }
            }
            assertThat(Math.abs(j[0][1] - j[1][0])).as("asymmetry at %s", Arrays.toString(p)).isLessThan(1e-6);
            double b = 0.5 * (j[0][1] + j[1][0]);
            double smallest = 0.5 * (j[0][0] + j[1][1]) - Math.hypot(0.5 * (j[0][0] - j[1][1]), b);
            assertThat(smallest).as("smallest eigenvalue at %s", Arrays.toString(p)).isGreaterThan(-1e-6);
        }
    }

    @Test
    void savedModelLoadsBackWithIdenticalMaps(@TempDir Path dir) {
        Path file = dir.resolve("w2gn.safetensors");
        model.save(file);
        TransportMap loaded = TransportMaps.load(file);
        assertThat(loaded).isInstanceOf(W2gnModel.class);
        assertThat(loaded.modelType()).isEqualTo("w2gn");
        assertThat(loaded.hasInverse()).isTrue();
        double[][] ys = nu.sample(100, new Random(9));
        assertThat(loaded.apply(fresh)).isDeepEqualTo(model.apply(fresh));
        assertThat(loaded.applyInverse(ys)).isDeepEqualTo(model.applyInverse(ys));
        assertThat(((W2gnModel) loaded).fitReport().toString()).isEqualTo(model.fitReport().toString()); // numbers re-read as ints/longs
    }

    @Test
    void fitReportRecordsTheTraining() {
        assertThat(model.fitReport().get("steps").asLong()).isEqualTo(400);
        // ∇ψ̄ inverts ∇ψ: the mean squared cycle residual is small next to the target's variance (≈ 2.1)
        assertThat(model.fitReport().get("cycle_residual").asDouble()).isBetween(0.0, 0.02);
    }

    /** Points of weight zero take no part: neither in the minibatches nor in the standardisation. */
    @Test
    void weightsDecideWhichPointsAreTransported() {
        Random rng = new Random(12);
        double[][] xs = new double[400][2];
        double[] w = new double[400];
        for (int i = 0; i < 400; i++) {
            double offset = i < 200 ? 0 : 20; // a far cluster that carries no mass
            xs[i][0] = rng.nextGaussian() + offset;
            xs[i][1] = rng.nextGaussian() + offset;
            w[i] = i < 200 ? 1.0 / 200 : 0.0;
        }
        double[][] ys = new double[400][2];
        for (double[] r : ys) {
            r[0] = rng.nextGaussian() + 3;
            r[1] = rng.nextGaussian();
        }
        W2gnModel weighted = new W2gnEstimator(W2gnOptions.defaults().withSteps(150).withBatchSize(128).withLearningRate(1e-2)
                .withHidden(List.of(16, 16)).withSeed(2)).fit(PointCloud.weighted("source", xs, w), PointCloud.of("target", ys));
        assertThat(weighted.sourceMean()[0]).isBetween(-0.3, 0.3);
        // Both massive parts are standard normal samples, so the map stays close to the shift between
        // their means; drawing minibatches from the weightless cluster too would bend it far away.
        double[][] mapped = weighted.apply(Arrays.copyOf(xs, 200));
        double[] mx = weighted.sourceMean();
        double[] my = weighted.targetMean();
        double squared = 0;
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < 2; k++) {
                double r = mapped[i][k] - (xs[i][k] - mx[k] + my[k]);
                squared += r * r / 200;
            }
        }
        assertThat(squared).isLessThan(0.1);
    }

    @Test
    void badInputsAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> W2gnOptions.defaults().withLambdaCycle(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lambda");
        assertThatThrownBy(() -> W2gnOptions.defaults().withHidden(List.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hidden");
        assertThatThrownBy(() -> model.apply(new double[][] {{1, 2, 3}})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("columns");
        PointCloud threeD = PointCloud.of("target", new double[][] {{1, 2, 3}});
        assertThatThrownBy(() -> new W2gnEstimator(W2gnOptions.defaults()).fit(PointCloud.of("source", fresh), threeD))
                .isInstanceOf(InvalidInputException.class);
    }
}
