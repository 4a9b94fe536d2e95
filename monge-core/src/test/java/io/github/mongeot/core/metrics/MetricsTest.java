package io.github.mongeot.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Metrics against hand-computed values. */
class MetricsTest {
    private static final Random RANDOM = new Random(2021);

    private static double[][] randomPoints(int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = RANDOM.nextGaussian() * (k + 1);
            }
        }
        return x;
    }

    private static double[][] affine(double[][] x, double scale, double shift) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int k = 0; k < y[i].length; k++) {
                y[i][k] = scale * y[i][k] + shift * (k + 1) + Math.sin(i + k);
            }
        }
        return y;
    }

    @Test
    void constantMapToTheTargetMeanScoresOneHundred() {
        double[][] truth = affine(randomPoints(500, 3), 2, 1);
        double[] mean = new double[3];
        for (double[] y : truth) {
            for (int k = 0; k < 3; k++) {
                mean[k] += y[k] / truth.length;
            }
        }
        double[][] constant = new double[truth.length][];
        java.util.Arrays.setAll(constant, i -> mean.clone());
        assertThat(Metrics.l2uvp(constant, truth, truth)).isCloseTo(100, within(1e-10));
    }

    @Test
    void perfectMapScoresZeroAndCosineOne() {
        double[][] x = randomPoints(100, 2);
        double[][] truth = affine(x, 1.5, -2);
        assertThat(Metrics.l2uvp(truth, truth, truth)).isZero();
        assertThat(Metrics.cosine(x, truth, truth)).isCloseTo(1, within(1e-15));
        assertThat(Metrics.rmse(truth, truth)).isZero();
    }

    @Test
    void scaledDisplacementHasCosineOneAndKnownUvp() {
        double[][] x = randomPoints(200, 4);
        double[][] truth = affine(x, 0.5, 3);
        double[][] shortStep = new double[x.length][4];
        double displacement = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 4; k++) {
                shortStep[i][k] = x[i][k] + 0.3 * (truth[i][k] - x[i][k]);
                displacement += Math.pow(truth[i][k] - x[i][k], 2) / x.length;
            }
        }
        assertThat(Metrics.cosine(x, shortStep, truth)).isCloseTo(1, within(1e-14));
        // T̂ − T* = −0.7 (T* − id): E‖T̂ − T*‖² = 0.49 E‖T* − id‖²
        assertThat(Metrics.l2uvp(shortStep, truth, 7.0)).isCloseTo(100 * 0.49 * displacement / 7.0,
                within(1e-10 * displacement));
    }

    @Test
    void orthogonalAndOppositeDisplacements() {
        double[][] x = {{0, 0}, {1, 2}, {-3, 1}};
        double[][] right = {{1, 0}, {2, 2}, {-2, 1}};
        double[][] up = {{0, 2}, {1, 4}, {-3, 3}};
        double[][] left = {{-1, 0}, {0, 2}, {-4, 1}};
        assertThat(Metrics.cosine(x, up, right)).isCloseTo(0, within(1e-15));
        assertThat(Metrics.cosine(x, left, right)).isCloseTo(-1, within(1e-15));
        // 45 degrees: (1, 1)·(1, 0) / √2
        double[][] diagonal = {{1, 1}, {2, 3}, {-2, 2}};
        assertThat(Metrics.cosine(x, diagonal, right)).isCloseTo(Math.sqrt(0.5), within(1e-15));
    }

    @Test
    void mseAndRmseAreMeansOverPointsOfSquaredDistances() {
        double[][] a = {{0, 0}, {0, 0}};
        double[][] b = {{3, 4}, {0, 0}};
        assertThat(Metrics.mse(a, b)).isEqualTo(12.5);
        assertThat(Metrics.rmse(a, b)).isEqualTo(Math.sqrt(12.5));
        assertThat(Metrics.l2uvp(new double[][] {{1, 1}}, new double[][] {{0, 0}}, 4.0)).isEqualTo(50);
        assertThat(Metrics.totalVariance(new double[][] {{0, 0}, {2, 0}, {0, 2}, {2, 2}})).isEqualTo(2);
    }

    @Test
    void badInputIsNamed() {
        double[][] two = {{0, 0}, {1, 1}};
        assertThatThrownBy(() -> Metrics.mse(two, new double[][] {{0, 0}}))
                .isInstanceOf(InvalidInputException.class).hasMessage("shape mismatch: mapped is 2×2, truth is 1×2");
        assertThatThrownBy(() -> Metrics.l2uvp(two, two, 0.0)).hasMessageContaining("target variance must be a positive");
        assertThatThrownBy(() -> Metrics.l2uvp(two, two, new double[][] {{1, 1}, {1, 1}}))
                .hasMessageContaining("target variance must be a positive");
        assertThatThrownBy(() -> Metrics.cosine(two, two, new double[][] {{1, 0}, {1, 2}}))
                .hasMessage("cosine is undefined: the fitted map moves no point (T − id is zero)");
        assertThatThrownBy(() -> Metrics.rmse(two, new double[][] {{0, 0}, {1, Double.NaN}}))
                .hasMessageContaining("truth: row 2, column 2 is NaN");
    }
}
