package io.github.mongeot.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class OptimizersAndSchedulesTest {
    /** One Adam step from zero moments moves each coordinate by lr·g/(|g| + eps) (bias-corrected). */
    @Test
    void firstAdamStepMovesEachCoordinateByTheLearningRate() {
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensors.fromVector(new double[] {1.0, -2.0}, DType.FLOAT64).requires_grad_(true);
            Tensor q = Tensors.fromVector(new double[] {0.5}, DType.FLOAT64).requires_grad_(true);
            TrainingOptimizer opt = OptimizerConfig.adam(0.1).createGroups(List.of(
                    new ParameterGroup(List.of(p), 0.1), new ParameterGroup(List.of(q), 0.01)));
            assertThat(opt.groups()).isEqualTo(2);
            assertThat(opt.learningRate(1)).isEqualTo(0.01);
            opt.zeroGrad();
            Tensor c = Tensors.fromVector(new double[] {3.0, -0.5}, DType.FLOAT64);
            p.mul(c).sum().add(q.mul(Tensors.scalar(7.0)).sum()).backward();
            opt.step();
            double[] after = Tensors.toFlat(p);
            assertThat(after[0]).isCloseTo(1.0 - 0.1, within(1e-8));
            assertThat(after[1]).isCloseTo(-2.0 + 0.1, within(1e-8));
            assertThat(Tensors.toFlat(q)[0]).isCloseTo(0.5 - 0.01, within(1e-8));
        }
    }

    /** AdamW decays the weights by lr·wd·p before the Adam move (decoupled weight decay). */
    @Test
    void adamWDecouplesWeightDecay() {
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensors.fromVector(new double[] {2.0}, DType.FLOAT64).requires_grad_(true);
            TrainingOptimizer opt = OptimizerConfig.adamW(0.1).withWeightDecay(0.5).create(List.of(p));
            opt.zeroGrad();
            p.mul(Tensors.scalar(4.0)).sum().backward();
            opt.step();
            assertThat(Tensors.toFlat(p)[0]).isCloseTo(2.0 * (1 - 0.1 * 0.5) - 0.1, within(1e-8));
        }
    }

    @Test
    void schedulesGiveTheirClosedForms() {
        LearningRateSchedule cosine = LearningRateSchedule.cosine(100, 0.1);
        assertThat(cosine.factor(0)).isEqualTo(1.0);
        assertThat(cosine.factor(50)).isCloseTo(0.55, within(1e-12));
        assertThat(cosine.factor(100)).isCloseTo(0.1, within(1e-12));
        assertThat(cosine.factor(500)).isCloseTo(0.1, within(1e-12));
        assertThat(LearningRateSchedule.exponential(0.99).factor(10)).isCloseTo(Math.pow(0.99, 10), within(1e-15));
        LearningRateSchedule steps = LearningRateSchedule.stepDecay(30, 0.5);
        assertThat(steps.factor(29)).isEqualTo(1.0);
        assertThat(steps.factor(30)).isEqualTo(0.5);
        assertThat(steps.factor(95)).isEqualTo(0.125);
        LearningRateSchedule warm = LearningRateSchedule.constant().withWarmup(4);
        assertThat(warm.factor(0)).isEqualTo(0.25);
        assertThat(warm.factor(3)).isEqualTo(1.0);
        assertThat(warm.factor(10)).isEqualTo(1.0);
    }

    @Test
    void scheduleFactorScalesEachGroupFromItsOwnBaseRate() {
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensors.fromVector(new double[] {1.0}, DType.FLOAT64).requires_grad_(true);
            Tensor q = Tensors.fromVector(new double[] {1.0}, DType.FLOAT64).requires_grad_(true);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-3).createGroups(List.of(
                    new ParameterGroup(List.of(p), 1e-3), new ParameterGroup(List.of(q), 4e-3)));
            opt.setLearningRateFactor(0.5);
            opt.setLearningRateFactor(0.25);
            assertThat(opt.learningRate(0)).isCloseTo(2.5e-4, within(1e-18));
            assertThat(opt.learningRate(1)).isCloseTo(1e-3, within(1e-18));
        }
    }

    @Test
    void clipsGradientsToTheGlobalNorm() {
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensors.fromVector(new double[] {0.0}, DType.FLOAT64).requires_grad_(true);
            Tensor q = Tensors.fromVector(new double[] {0.0}, DType.FLOAT64).requires_grad_(true);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-3).create(List.of(p, q));
            opt.zeroGrad();
            p.mul(Tensors.scalar(3.0)).add(q.mul(Tensors.scalar(4.0))).sum().backward();
            assertThat(opt.clipGradientNorm(1.0)).isCloseTo(5.0, within(1e-12));
            assertThat(Tensors.toFlat(p.grad())[0]).isCloseTo(0.6, within(1e-6));
            assertThat(Tensors.toFlat(q.grad())[0]).isCloseTo(0.8, within(1e-6));
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> OptimizerConfig.adam(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> OptimizerConfig.adam(1e-3).withBetas(1.0, 0.9)).isInstanceOf(InvalidInputException.class);
        try (PointerScope scope = new PointerScope()) {
            Tensor frozen = Tensors.fromVector(new double[] {1.0}, DType.FLOAT64);
            assertThatThrownBy(() -> OptimizerConfig.adam(1e-3).create(List.of(frozen)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("require gradients");
        }
    }
}
