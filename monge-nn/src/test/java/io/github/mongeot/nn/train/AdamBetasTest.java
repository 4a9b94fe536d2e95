package io.github.mongeot.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The betas reach libtorch in the right order. Two Adam steps on a scalar p with gradients +1 then
 * −1: step 1 moves p by −lr (bias-corrected m̂/√v̂ = 1); at step 2, v̂ = 1 and m̂ = −(1 − β₁)/(1 + β₁), so
 * p₂ = −lr + lr(1 − β₁)/(1 + β₁) (eps aside): it depends on β₁ alone, and tells 0.9 from 0.999.
 */
class AdamBetasTest {
    @ParameterizedTest
    @CsvSource({"ADAM, 0.9, 0.999", "ADAM, 0.5, 0.99", "ADAMW, 0.9, 0.999"})
    void twoStepsFollowTheClosedForm(OptimizerConfig.Kind kind, double beta1, double beta2) {
        double lr = 0.1;
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensors.scalarTensor(0.0, DType.FLOAT64).requires_grad_(true);
            OptimizerConfig config = (kind == OptimizerConfig.Kind.ADAM ? OptimizerConfig.adam(lr) : OptimizerConfig.adamW(lr))
                    .withBetas(beta1, beta2).withWeightDecay(0.0);
            TrainingOptimizer optimizer = config.create(List.of(p));
            for (double g : new double[] {1.0, -1.0}) {
                optimizer.zeroGrad();
                p.mul(Tensors.scalar(g)).backward();
                optimizer.step();
            }
            assertThat(p.item_double()).isCloseTo(-lr + lr * (1 - beta1) / (1 + beta1), offset(1e-6));
        }
    }
}
