package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import io.github.mongeot.nn.io.NetworkFiles;
import io.github.mongeot.nn.net.Network;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monge fit metric} on a tiny snapshot file writes a 2 → 2 metric network. */
class FitMetricCommandTest {
    @TempDir
    Path dir;

    @Test
    void smokeRunWritesTheMetricNetwork() {
        Random rng = new Random(3);
        double[][][] snaps = new double[3][30][2];
        for (int t = 0; t < 3; t++) {
            for (int j = 0; j < 30; j++) {
                snaps[t][j] = new double[] {t + 0.1 * rng.nextGaussian(), t + 0.1 * rng.nextGaussian()};
            }
        }
        Path file = dir.resolve("snaps.npz");
        ArrayIO.writeNpz(file, Map.of("snapshots", NdArray.of(snaps)));
        Path out = dir.resolve("metric.safetensors");
        StringWriter err = new StringWriter();
        int code = FitW2gnCommandTest.run(err, "fit", "metric", "--snapshots", file.toString(), "--outer-steps", "1", "--inner-steps",
                "1", "--warmup", "1", "--batch", "16", "--lbfgs-iterations", "2", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("fit metric: 3 snapshots");
        Network net = NetworkFiles.load(out);
        assertThat(net.inputDim()).isEqualTo(2);
        assertThat(net.outputDim()).isEqualTo(2);
    }

    @Test
    void missingArrayIsNamed() {
        Path file = dir.resolve("bad.npz");
        ArrayIO.writeNpz(file, Map.of("other", NdArray.of(new double[][] {{1, 2}})));
        StringWriter err = new StringWriter();
        int code = FitW2gnCommandTest.run(err, "fit", "metric", "--snapshots", file.toString(), "--out", dir.resolve("m").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("snapshots").contains("other");
    }
}
