package io.github.mongeot.experiments.neuralot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** The figure's per-pixel spread column of not-mnist-fashion. */
class NotMnistFashionTest {
    @Test
    void spreadIsTheUnbiasedPerPixelStdScaledAndClipped() {
        double[][] draws = {{0, 1, -1}, {2, 1, 1}, {1, 1, 0}};
        // pixel 0: values 0, 2, 1 → s² = 1; pixel 1: constant; pixel 2: −1, 1, 0 → s² = 1
        assertThat(NotMnistFashion.spread(draws, 0.5)).containsExactly(new double[] {0.5, 0, 0.5}, offset(1e-12));
        assertThat(NotMnistFashion.spread(draws, 4)).containsExactly(new double[] {1, 0, 1}, offset(1e-12));
    }
}
