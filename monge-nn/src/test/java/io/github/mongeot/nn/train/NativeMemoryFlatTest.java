package io.github.mongeot.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A 10 000-step run keeps the resident size flat: every step's tensors are freed by its scope. */
class NativeMemoryFlatTest {
    private static final int WARM_UP = 1_000;
    private static final int STEPS = 10_000;

    @Test
    @EnabledOnOs(OS.LINUX)
    void residentSizeStaysFlatOverTenThousandSteps() {
        long[] rssAfterWarmUp = {0};
        long rssAtEnd;
        try (PointerScope scope = new PointerScope()) {
            Engine.seed(0);
            TinyMlp mlp = new TinyMlp(DType.FLOAT32, 2, 32, 32, 1);
            TrainingOptimizer opt = OptimizerConfig.adam(1e-3).create(mlp.parameters);
            TrainingStep regression = TrainingLoopTest.regression(mlp, 64, DType.FLOAT32);
            TrainingResult result = TrainingLoop.builder(opt, STEPS).seed(0)
                    .schedule(LearningRateSchedule.cosine(STEPS, 0.1))
                    .clipGradientNorm(100)
                    .checkpointEvery(WARM_UP, step -> {
                        if (step == WARM_UP) {
                            rssAfterWarmUp[0] = residentKiB();
                        }
                    })
                    .build().run(regression);
            rssAtEnd = residentKiB();
            assertThat(result.steps()).isEqualTo(STEPS);
        }
        long growthKiB = rssAtEnd - rssAfterWarmUp[0];
        System.out.printf("VmRSS - heap after %d steps: %d KiB, after %d: %d KiB (growth %d KiB); VmRSS %d KiB%n",
                WARM_UP, rssAfterWarmUp[0], STEPS, rssAtEnd, growthKiB, vmRssKiB());
        assertThat(rssAfterWarmUp[0]).isPositive();
        assertThat(growthKiB).isLessThan(30 * 1024);
    }

    /**
     * VmRSS minus the committed Java heap, after a full collection: the heap grows on its own
     * schedule (measured: flat RSS with -Xmx128m, +15..27 MB without), which is not what this test is about.
     */
    static long residentKiB() {
        System.gc();
        return vmRssKiB() - Runtime.getRuntime().totalMemory() / 1024;
    }

    static long vmRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
