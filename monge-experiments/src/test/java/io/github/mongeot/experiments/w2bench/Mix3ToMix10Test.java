package io.github.mongeot.experiments.w2bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.gaussian.BuresMap;
import io.github.mongeot.core.gaussian.Gaussian;
import io.github.mongeot.core.metrics.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark pairs load from a directory and reproduce the converted reference map. */
class Mix3ToMix10Test {
    @TempDir
    static Path dir;

    @BeforeAll
    static void extract() {
        Mix3ToMix10.extractShipped(dir);
    }

    @Test
    void findsTheShippedDimensions() {
        assertThat(Mix3ToMix10.dims(dir)).containsExactly(2, 4);
    }

    @Test
    void trueMapReproducesTheReferenceTargets() {
        for (int d : new int[] {2, 4}) {
            Mix3ToMix10 pair = Mix3ToMix10.load(dir, d);
            double[][] y = pair.map(pair.referenceSource());
            double[][] expected = pair.referenceTarget();
            double worst = 0;
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < d; j++) {
                    worst = Math.max(worst, Math.abs(y[i][j] - expected[i][j]));
                }
            }
            assertThat(worst).as("d = %d", d).isLessThan(1e-10);
        }
    }

    @Test
    void samplesHaveTheStandardisedMomentsAndTheLinearBaselineScoresAsPublished() {
        Mix3ToMix10 pair = Mix3ToMix10.load(dir, 2);
        Random rng = new Random(3);
        double[][] x = pair.sampleSource(rng, 20000);
        double[][] y = pair.map(x);
        assertThat(Metrics.totalVariance(x) / 2).isCloseTo(1.0, within(0.02));
        assertThat(Metrics.totalVariance(y) / 2).isCloseTo(1.0, within(0.02));
        // The benchmark README: the linear (Bures) baseline scores L2-UVP 14.07 for d = 2.
        double[][] linear = BuresMap.between(Gaussian.fromSamples(x), Gaussian.fromSamples(y)).apply(x);
        assertThat(Metrics.l2uvp(linear, y, pair.targetVariance())).isCloseTo(14.07, within(0.6));
        // The identity's L2-UVP is 100·2·cost/Var(Q): 32.6 for d = 2.
        assertThat(Metrics.l2uvp(x, y, pair.targetVariance())).isCloseTo(32.6, within(1.0));
    }

    @Test
    void missingFilesAreNamed(@TempDir Path empty) throws Exception {
        assertThatThrownBy(() -> Mix3ToMix10.load(empty, 8)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("8_v1.npz");
        Files.copy(dir.resolve("2_reference.npz"), empty.resolve("2_reference.npz"));
        assertThatThrownBy(() -> Mix3ToMix10.load(empty, 2)).hasMessageContaining("2_v1.npz");
    }
}
