package io.github.mongeot.experiments.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The figure's per-pixel spread column and the draw / input spreads of not-mnist-fashion. */
class NotMnistFashionTest {
    @Test
    void spreadIsTheUnbiasedPerPixelStdScaledAndClipped() {
        double[][] draws = {{0, 1, -1}, {2, 1, 1}, {1, 1, 0}};
        // pixel 0: values 0, 2, 1 → s² = 1; pixel 1: constant; pixel 2: −1, 1, 0 → s² = 1
        assertThat(NotMnistFashion.spread(draws, 0.5)).containsExactly(new double[] {0.5, 0, 0.5}, offset(1e-12));
        assertThat(NotMnistFashion.spread(draws, 4)).containsExactly(new double[] {1, 0, 1}, offset(1e-12));
    }

    @Test
    void drawAndInputSpreadsAreTheTwoPartsOfTheTotalVariance() {
        // 1-pixel images; input i has the draws m_i ± s_i: unbiased within-variance 2s_i², means m_i
        double[] m = {0, 2, 4};
        double[] s = {1, 2, 0};
        double[][][] draws = new double[3][][];
        for (int i = 0; i < 3; i++) {
            draws[i] = new double[][] {{m[i] - s[i]}, {m[i] + s[i]}};
        }
        double[][] reference = {{-1}, {1}, {3}}; // unbiased variance 4
        double within = (2 * 1 + 2 * 4 + 0) / 3.0;
        double between = 4 - within / 2; // unbiased variance of the means 0, 2, 4 is 4
        assertThat(NotMnistFashion.spreads(draws, reference)).containsExactly(new double[] {within / 4, between / 4, within}, offset(1e-12));
        // a deterministic map that keeps its input: no draw spread, all of it between inputs
        double[][][] fixed = {{{0}, {0}}, {{2}, {2}}, {{4}, {4}}};
        assertThat(NotMnistFashion.spreads(fixed, reference)).containsExactly(new double[] {0, 1, 0}, offset(1e-12));
    }
}
