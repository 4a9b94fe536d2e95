package io.github.mongeot.experiments.neuralot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class BestCheckpointTest {
    @Test
    @SuppressWarnings("try")
    void restoresTheParametersOfTheMinimumNotTheLast() {
        Tensor a = Tensors.fromVector(new double[] {1, 2}, DType.FLOAT64);
        Tensor b = Tensors.fromVector(new double[] {3}, DType.FLOAT64);
        List<Tensor> params = List.of(a, b);
        BestCheckpoint keeper = new BestCheckpoint();
        double[][] states = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
        double[] values = {5, 2, Double.NaN, 2}; // the minimum at step 20; NaN and a tie are not selected
        boolean[] kept = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            a.copy_(Tensors.fromVector(new double[] {states[i][0], states[i][1]}, DType.FLOAT64));
            b.copy_(Tensors.fromVector(new double[] {states[i][2]}, DType.FLOAT64));
            try (PointerScope scope = new PointerScope()) { // as inside an estimator's evaluation callback
                kept[i] = keeper.offer(10L * (i + 1), values[i], params);
            }
        }
        assertThat(kept).containsExactly(true, true, false, false);
        assertThat(keeper.bestStep()).isEqualTo(20);
        assertThat(keeper.bestValue()).isEqualTo(2.0);
        assertThat(Tensors.toVector(a)).containsExactly(10, 11); // still the last state until restored
        assertThat(keeper.restore(params)).isTrue();
        assertThat(Tensors.toVector(a)).containsExactly(4, 5);
        assertThat(Tensors.toVector(b)).containsExactly(6);
    }

    @Test
    void restoresNothingWhenNoFiniteValueWasOffered() {
        Tensor a = Tensors.fromVector(new double[] {1}, DType.FLOAT64);
        BestCheckpoint keeper = new BestCheckpoint();
        assertThat(keeper.offer(1, Double.NaN, List.of(a))).isFalse();
        assertThat(keeper.restore(List.of(a))).isFalse();
        assertThat(keeper.bestStep()).isEqualTo(-1);
    }
}
