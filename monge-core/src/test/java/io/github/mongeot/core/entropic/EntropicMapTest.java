package io.github.mongeot.core.entropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.PNormCost;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.cost.TranslationInvariantCost;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Identities of the entropic map that hold for any dual vectors (no solver needed). */
class EntropicMapTest {
    private static double[][] gaussian(Random rng, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = rng.nextGaussian() + shift;
            }
        }
        return x;
    }

    private static double[] noise(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.3 * rng.nextGaussian();
        }
        return v;
    }

    @Test
    void generalTiPathEqualsBarycentricProjectionForTheHalfSquaredCost() {
        // pnorm:2 is h(z) = ½‖z‖², i.e. half-sqeuclidean, but goes through ∇h and (∇h)⁻¹.
        Random rng = new Random(1);
        PointCloud x = PointCloud.of("x", gaussian(rng, 30, 3, 0));
        PointCloud y = PointCloud.of("y", gaussian(rng, 40, 3, 2));
        double[] f = noise(rng, 30);
        double[] g = noise(rng, 40);
        EntropicMap bary = EntropicMap.fromDuals(SquaredEuclidean.half(), 0.7, x, f, y, g);
        EntropicMap general = EntropicMap.fromDuals(new PNormCost(2), 0.7, x, f, y, g);
        double[][] q = gaussian(rng, 25, 3, 1);
        assertRowsClose(general.apply(q), bary.apply(q), 1e-12);
        assertRowsClose(general.applyInverse(q), bary.applyInverse(q), 1e-12);
    }

    @Test
    void mapIsXMinusInverseGradientOfThePotential() {
        // Checks ∇f_ε against central finite differences of f_ε for a non-quadratic cost.
        Random rng = new Random(2);
        TranslationInvariantCost cost = new PNormCost(1.5);
        PointCloud x = PointCloud.of("x", gaussian(rng, 20, 2, 0));
        PointCloud y = PointCloud.of("y", gaussian(rng, 25, 2, 1));
        EntropicMap map = EntropicMap.fromDuals(cost, 0.5, x, noise(rng, 20), y, noise(rng, 25));
        double[][] q = gaussian(rng, 6, 2, 0.5);
        double[][] mapped = map.apply(q);
        double[][] mappedBack = map.applyInverse(q);
        double h = 1e-6;
        for (int i = 0; i < q.length; i++) {
            double[] gradF = new double[2];
            double[] gradG = new double[2];
            for (int k = 0; k < 2; k++) {
                double[][] plus = {q[i].clone()};
                double[][] minus = {q[i].clone()};
                plus[0][k] += h;
                minus[0][k] -= h;
                gradF[k] = (map.sourcePotential(plus)[0] - map.sourcePotential(minus)[0]) / (2 * h);
                gradG[k] = (map.targetPotential(plus)[0] - map.targetPotential(minus)[0]) / (2 * h);
            }
            try (PointerScope scope = new PointerScope()) {
                Tensor inv = cost.gradHInverse(Tensors.fromRows(new double[][] {gradF}, DType.FLOAT64));
                double[] expected = Tensors.toFlat(Tensors.fromRows(new double[][] {q[i]}, DType.FLOAT64).sub(inv));
                assertThat(mapped[i]).containsExactly(expected, within(1e-6));
                Tensor invG = cost.gradHInverse(Tensors.fromRows(new double[][] {gradG}, DType.FLOAT64).neg());
                double[] expectedBack = Tensors.toFlat(Tensors.fromRows(new double[][] {q[i]}, DType.FLOAT64).add(invG));
                assertThat(mappedBack[i]).containsExactly(expectedBack, within(1e-6));
            }
        }
    }

    @Test
    void blocksDoNotChangeTheResult() {
        Random rng = new Random(3);
        PointCloud x = PointCloud.of("x", gaussian(rng, 50, 2, 0));
        PointCloud y = PointCloud.of("y", gaussian(rng, 50, 2, 3));
        EntropicMap map = EntropicMap.fromDuals(new PNormCost(3), 1.0, x, noise(rng, 50), y, noise(rng, 50));
        double[][] many = gaussian(rng, 30_000, 2, 0); // several blocks of 2^19 / (50 · 2) rows
        double[][] all = map.apply(many);
        double[][] single = map.apply(new double[][] {many[29_999]});
        assertThat(all[29_999]).containsExactly(single[0], within(1e-13));
    }

    private static void assertRowsClose(double[][] actual, double[][] expected, double tol) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i], within(tol));
        }
    }
}
