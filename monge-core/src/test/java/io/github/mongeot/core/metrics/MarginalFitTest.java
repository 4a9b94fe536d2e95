package io.github.mongeot.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MarginalFitTest {
    @Test
    void exactW2OfATranslatedCopyIsTheSquaredShift() {
        // For a translation, the identity coupling is optimal: W₂² = ‖s‖² (Brenier; the shift is a gradient map).
        Random rng = new Random(3);
        double[][] x = new double[50][2];
        double[][] y = new double[50][2];
        for (int i = 0; i < 50; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[(i * 17) % 50] = new double[] {x[i][0] + 0.6, x[i][1] - 0.8};
        }
        assertThat(MarginalFit.w2SquaredExact(x, y)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void sinkhornDivergenceVanishesOnEqualCloudsAndIsPositiveOtherwise() {
        Random rng = new Random(4);
        double[][] x = new double[40][2];
        double[][] y = new double[40][2];
        for (int i = 0; i < 40; i++) {
            x[i] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
            y[i] = new double[] {rng.nextGaussian() + 1, rng.nextGaussian()};
        }
        assertThat(MarginalFit.sinkhornDivergence(x, x.clone(), 0.05)).isCloseTo(0.0, within(1e-6)); // the solves stop at marginal error 1e-6
        assertThat(MarginalFit.sinkhornDivergence(x, y, 0.05)).isGreaterThan(0.1);
    }
}
