package io.github.mongeot.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    /** Regression of sin(x₀)cos(x₁) on fresh N(0, I) batches drawn from libtorch's generator. */
    static TrainingStep regression(TinyMlp mlp, int batch) {
        return regression(mlp, batch, DType.FLOAT64);
    }

    static TrainingStep regression(TinyMlp mlp, int batch, DType dtype) {
        return step -> {
            Tensor x = torch.randn(new long[] {batch, 2}, Tensors.options(dtype));
            Tensor target = x.select(1, 0).sin().mul(x.select(1, 1).cos()).unsqueeze(1);
            Tensor r = mlp.forward(x).sub(target);
            return r.mul(r).mean();
        };
    }

    private static double[] train(long initSeed, long loopSeed, int steps) {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(initSeed);
            TinyMlp mlp = new TinyMlp(DType.FLOAT64, 2, 16, 16, 1);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-2).create(mlp.parameters);
            TrainingLoop.builder(opt, steps).seed(loopSeed).threads(1).build().run(regression(mlp, 32));
            return mlp.flatParameters();
        }
    }

    @Test
    void sameSeedAndThreadsGiveTheSameResult() {
        double[] a = train(1, 7, 60);
        double[] b = train(1, 7, 60);
        double[] c = train(1, 8, 60);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void trainsAndLogsMetricsAsJsonLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        List<Long> evaluated = new ArrayList<>();
        List<Long> checkpoints = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(3);
            TinyMlp mlp = new TinyMlp(DType.FLOAT64, 2, 16, 16, 1);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-2).create(mlp.parameters);
            TrainingResult result = TrainingLoop.builder(opt, 300).seed(3)
                    .schedule(LearningRateSchedule.cosine(300, 0.1))
                    .clipGradientNorm(10)
                    .evaluateEvery(100, step -> {
                        evaluated.add(step);
                        return Map.of("val_loss", 1.0 / step);
                    })
                    .checkpointEvery(150, checkpoints::add)
                    .metricsLog(log, 50)
                    .build().run(regression(mlp, 64));
            assertThat(result.steps()).isEqualTo(300);
            assertThat(result.stoppedEarly()).isFalse();
            assertThat(result.finalLoss()).isLessThan(0.05); // the variance of the target is ~0.2
            assertThat(result.metrics()).containsEntry("val_loss", 1.0 / 300);
            assertThat(opt.learningRate(0)).isCloseTo(1e-2 * LearningRateSchedule.cosine(300, 0.1).factor(299),
                    org.assertj.core.api.Assertions.within(1e-15));
        }
        assertThat(evaluated).containsExactly(100L, 200L, 300L);
        assertThat(checkpoints).containsExactly(150L, 300L);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(6);
        ObjectMapper json = new ObjectMapper();
        JsonNode last = json.readTree(lines.get(5));
        assertThat(last.get("step").asLong()).isEqualTo(300);
        assertThat(last.get("val_loss").asDouble()).isEqualTo(1.0 / 300);
        assertThat(last.has("loss")).isTrue();
        assertThat(json.readTree(lines.get(0)).get("step").asLong()).isEqualTo(50);
    }

    @Test
    void nonFiniteLossFailsNamingTheStepAndRestoresTheLastGoodState() {
        List<double[]> saved = new ArrayList<>();
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(4);
            TinyMlp mlp = new TinyMlp(DType.FLOAT64, 2, 8, 1);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-2).create(mlp.parameters);
            TrainingStep normal = regression(mlp, 16);
            TrainingStep turnsNaN = step -> step < 37 ? normal.loss(step) : normal.loss(step).mul(Tensors.scalar(Double.NaN));
            TrainingLoop loop = TrainingLoop.builder(opt, 100).seed(4)
                    .checkpointEvery(10, step -> saved.add(mlp.flatParameters()))
                    .build();
            assertThatThrownBy(() -> loop.run(turnsNaN))
                    .isInstanceOfSatisfying(NonFiniteLossException.class, e -> {
                        assertThat(e.step()).isEqualTo(37);
                        assertThat(e.lastGoodStep()).isEqualTo(30);
                        assertThat(e.value()).isNaN();
                    })
                    .hasMessageContaining("loss is NaN at step 37")
                    .hasMessageContaining("last good checkpoint (step 30)");
            assertThat(saved).hasSize(3); // steps 10, 20, 30
            assertThat(mlp.flatParameters()).containsExactly(saved.get(2));
        }
    }

    @Test
    void plainProgressLinesGoToTheGivenStream() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(6);
            TinyMlp mlp = new TinyMlp(DType.FLOAT64, 2, 4, 1);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-2).create(mlp.parameters);
            TrainingLoop.builder(opt, 25).progress(ProgressReporter.lines(out, 10)).build().run(regression(mlp, 8));
        }
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("step 10/25  loss ");
        assertThat(lines.get(2)).startsWith("step 25/25  loss ");
        assertThat(lines.get(3)).startsWith("done: 25 steps in ");
    }

    @Test
    void earlyStopEndsTrainingWhenTheMetricStopsImproving() {
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(5);
            TinyMlp mlp = new TinyMlp(DType.FLOAT64, 2, 8, 1);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-2).create(mlp.parameters);
            double[] plateau = {5, 4, 3, 3, 3, 3, 3, 3};
            TrainingResult result = TrainingLoop.builder(opt, 80).seed(5)
                    .evaluateEvery(10, step -> Map.of("val", plateau[(int) (step / 10) - 1]))
                    .earlyStop(EarlyStop.noImprovement("val", 2, 0.0))
                    .build().run(regression(mlp, 16));
            assertThat(result.stoppedEarly()).isTrue();
            assertThat(result.steps()).isEqualTo(50); // best at 30; no improvement at 40 and 50
        }
    }
}
