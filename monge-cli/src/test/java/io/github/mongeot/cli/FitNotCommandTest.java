package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.StochasticMap;
import io.github.mongeot.core.map.TransportMaps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monge fit not} then {@code monge apply} (read-out and {@code --samples K}): the file is the contract. */
class FitNotCommandTest {
    @TempDir
    Path dir;

    static int run(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void fitThenApplyAndSample() throws Exception {
        Random rng = new Random(4);
        double[][] x = new double[400][2];
        double[][] y = new double[400][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i][0] = 0.5 * rng.nextGaussian() + 3; // a shift the map must learn
            y[i][1] = 0.5 * rng.nextGaussian();
        }
        Path source = dir.resolve("x.csv");
        Path target = dir.resolve("y.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
        Path model = dir.resolve("not.safetensors");
        Path log = dir.resolve("metrics.jsonl");
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "not", "--source", source.toString(), "--target", target.toString(), "--steps", "150",
                "--map-steps", "4", "--draws", "4", "--latent-dim", "2", "--latent-std", "0.1", "--gamma", "0.5", "--gamma-ramp", "50",
                "--batch", "128", "--hidden", "32,32", "--potential-hidden", "32,32", "--lr", "3e-3", "--residual", "--seed", "3",
                "--metrics-log", log.toString(), "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("step 150/150").contains("fit not:");
        assertThat(Files.readAllLines(log)).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"map_loss\""));

        Path mapped = dir.resolve("mapped.csv");
        Path samples = dir.resolve("samples.npy");
        StringWriter applyErr = new StringWriter();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", source.toString(), "--output",
                mapped.toString())).as(applyErr.toString()).isZero();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", source.toString(), "--output",
                samples.toString(), "--samples", "3", "--seed", "8")).as(applyErr.toString()).isZero();

        StochasticMap loaded = (StochasticMap) TransportMaps.load(model);
        assertThat(loaded.modelType()).isEqualTo("neural-ot");
        double[][] out = ArrayIO.read(mapped);
        double[][] expected = loaded.apply(x);
        double[][][] draws = loaded.sample(x, 3, 8);
        double[][][] written = ArrayIO.readPaths(samples);
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).containsExactly(expected[i], offset(1e-12));
            for (int k = 0; k < 3; k++) {
                assertThat(written[i][k]).containsExactly(draws[i][k], offset(1e-12));
            }
        }
        // the read-out moved the cloud onto the target's mean (3, 0)
        double mean = 0;
        for (double[] r : out) {
            mean += r[0] / out.length;
        }
        assertThat(mean).isBetween(2.5, 3.5);
    }

    /** n × 784 .npy rows with --images 28x28: U-Net map and CNN potential, K outputs per input image. */
    @Test
    void imagesFitAndSample() throws Exception {
        Random rng = new Random(5);
        double[][] x = new double[64][784];
        double[][] y = new double[64][784];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 784; c++) {
                x[i][c] = rng.nextDouble() * 2 - 1;
                y[i][c] = c < 392 ? 0.5 : -0.5;
            }
        }
        Path source = dir.resolve("mnist.npy");
        Path target = dir.resolve("fashion.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
        Path model = dir.resolve("images.safetensors");
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "not", "--source", source.toString(), "--target", target.toString(), "--images", "28x28",
                "--map-channels", "2", "--potential-channels", "2", "--steps", "2", "--map-steps", "1", "--batch", "4", "--draws", "2",
                "--noise-every-level", "--gradient-penalty", "50", "--penalty-norm", "0.2", "--potential-steps", "2",
                "--adam-betas", "0.5,0.9", "--map-average", "0.99", "--lr-decay-from", "0.5", "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        StochasticMap loaded = (StochasticMap) TransportMaps.load(model);
        io.github.mongeot.methods.neuralot.NotModel not = (io.github.mongeot.methods.neuralot.NotModel) loaded;
        assertThat(not.latentDim()).isEqualTo(784);
        assertThat(not.fitReport().get("gradient_penalty").asDouble()).isEqualTo(50);
        assertThat(not.fitReport().get("gradient_penalty_norm").asDouble()).isEqualTo(0.2);
        assertThat(not.fitReport().get("potential_steps").asInt()).isEqualTo(2);
        assertThat(not.fitReport().get("adam_beta1").asDouble()).isEqualTo(0.5);
        assertThat(not.fitReport().get("map_average_decay").asDouble()).isEqualTo(0.99);
        assertThat(not.fitReport().get("lr_decay_from").asDouble()).isEqualTo(0.5);
        Path samples = dir.resolve("samples.npy");
        double[][] three = java.util.Arrays.copyOf(x, 3);
        Path input = dir.resolve("three.npy");
        ArrayIO.write(input, three);
        StringWriter applyErr = new StringWriter();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", input.toString(), "--output", samples.toString(),
                "--samples", "5")).as(applyErr.toString()).isZero();
        double[][][] written = ArrayIO.readPaths(samples);
        assertThat(written.length).isEqualTo(3);
        assertThat(written[0].length).isEqualTo(5);
        assertThat(written[0][0]).hasSize(784);
        StringWriter bad = new StringWriter();
        assertThat(run(bad, "fit", "not", "--source", source.toString(), "--target", target.toString(), "--images", "28x30",
                "--out", model.toString())).isEqualTo(1);
        assertThat(bad.toString()).contains("multiples of 4");
        StringWriter latent = new StringWriter();
        assertThat(run(latent, "fit", "not", "--source", source.toString(), "--target", target.toString(), "--images", "28x28",
                "--latent-dim", "5", "--out", model.toString())).isEqualTo(1);
        assertThat(latent.toString()).contains("--latent-dim").contains("784");
    }

    @Test
    void badSettingsFailWithExitOneNamingTheOption() {
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "not", "--source", "a.csv", "--target", "b.csv", "--draws", "1", "--out", "m.safetensors");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("monge: ").contains("draws").doesNotContain("\n");
        StringWriter both = new StringWriter();
        assertThat(run(both, "fit", "not", "--source", "a.csv", "--target", "b.csv", "--gamma", "1", "--variance-penalty", "2",
                "--out", "m.safetensors")).isEqualTo(1);
        assertThat(both.toString()).contains("--variance-penalty");
        StringWriter steps = new StringWriter();
        assertThat(run(steps, "fit", "not", "--source", "a.csv", "--target", "b.csv", "--potential-steps", "0",
                "--out", "m.safetensors")).isEqualTo(1);
        assertThat(steps.toString()).contains("--potential-steps").doesNotContain("a.csv");
        StringWriter betas = new StringWriter();
        assertThat(run(betas, "fit", "not", "--source", "a.csv", "--target", "b.csv", "--adam-betas", "0.5",
                "--out", "m.safetensors")).isEqualTo(1);
        assertThat(betas.toString()).contains("--adam-betas");
    }
}
