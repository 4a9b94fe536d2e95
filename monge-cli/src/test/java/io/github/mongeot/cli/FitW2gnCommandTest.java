package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monge fit w2gn} then {@code monge apply}: the model file round-trips through the CLI. */
class FitW2gnCommandTest {
    @TempDir
    Path dir;

    static int run(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void fitThenApplyGivesTheModelsForwardAndInverseMaps() throws Exception {
        Random rng = new Random(4);
        double[][] x = new double[300][2];
        double[][] y = new double[300][2];
        for (int i = 0; i < 300; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i][0] = 0.5 * rng.nextGaussian() + 3; // a shift the map must learn
            y[i][1] = 0.5 * rng.nextGaussian();
        }
        Path source = dir.resolve("x.csv");
        Path target = dir.resolve("y.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
        Path model = dir.resolve("w2gn.safetensors");
        Path log = dir.resolve("metrics.jsonl");
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "w2gn", "--source", source.toString(), "--target", target.toString(), "--steps", "200",
                "--batch", "128", "--hidden", "16,16", "--lr", "1e-2", "--lambda", "5", "--seed", "3",
                "--metrics-log", log.toString(), "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("step 200/200").contains("fit w2gn:");
        assertThat(Files.readAllLines(log)).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"loss\""));

        Path mapped = dir.resolve("mapped.csv");
        Path back = dir.resolve("back.csv");
        StringWriter applyErr = new StringWriter();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", source.toString(), "--output",
                mapped.toString())).as(applyErr.toString()).isZero();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", target.toString(), "--output",
                back.toString(), "--inverse")).as(applyErr.toString()).isZero();

        // The CLI's output is exactly the loaded model's map (the file is the contract) ...
        TransportMap loaded = TransportMaps.load(model);
        assertThat(loaded.modelType()).isEqualTo("w2gn");
        double[][] out = ArrayIO.read(mapped);
        double[][] expected = loaded.apply(x);
        double[][] inverse = ArrayIO.read(back);
        double[][] expectedInverse = loaded.applyInverse(y);
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(inverse[i]).containsExactly(expectedInverse[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        // ... and it moved the cloud onto the target's mean (3, 0), away from the source's (0, 0).
        assertThat(mean(out, 0)).isBetween(2.5, 3.5);
        assertThat(mean(inverse, 0)).isBetween(-0.5, 0.5);
    }

    @Test
    void badSettingsFailWithExitOneNamingTheOption() {
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "w2gn", "--source", "a.csv", "--target", "b.csv", "--lambda", "0", "--out", "m.safetensors");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("monge: ").contains("lambda").doesNotContain("\n");
    }

    private static double mean(double[][] rows, int column) {
        double s = 0;
        for (double[] r : rows) {
            s += r[column];
        }
        return s / rows.length;
    }
}
