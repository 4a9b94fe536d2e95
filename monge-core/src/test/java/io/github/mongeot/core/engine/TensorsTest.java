package io.github.mongeot.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class TensorsTest {
    @Test
    void rowsRoundTripExactlyInBothPrecisions() {
        double[][] rows = {{1.5, -2.25}, {1e-300, 3.0}, {0.1, 7.0}};
        try (PointerScope scope = new PointerScope()) {
            Tensor t = Tensors.fromRows(rows, DType.FLOAT64);
            assertThat(t.size(0)).isEqualTo(3);
            assertThat(t.size(1)).isEqualTo(2);
            assertThat(Tensors.toRows(t)).isDeepEqualTo(rows);
            double[][] single = Tensors.toRows(Tensors.fromRows(rows, DType.FLOAT32));
            assertThat(single[0][1]).isEqualTo(-2.25);
            assertThat(single[2][0]).isEqualTo((double) 0.1f);
        }
    }

    @Test
    void sumOfSquaresMatchesJava() {
        double[] v = {3, 4, 12};
        try (PointerScope scope = new PointerScope()) {
            double s = Tensors.item(Tensors.fromVector(v, DType.FLOAT64).pow(Tensors.scalar(2)).sum());
            assertThat(s).isEqualTo(169.0);
        }
    }
}
