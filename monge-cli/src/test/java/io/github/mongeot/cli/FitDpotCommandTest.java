package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.ConditionalMap;
import io.github.mongeot.core.map.TransportMaps;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monge fit dpot} (plain and from a manifest) then {@code monge apply [--inverse] [--condition]}. */
class FitDpotCommandTest {
    @TempDir
    Path dir;

    @Test
    void fitThenApplyForwardAndInverse() throws Exception {
        Random rng = new Random(4);
        double[][] x = cloud(rng, 300, 0, 0);
        double[][] y = cloud(rng, 300, 2, 0);
        Path source = dir.resolve("x.csv");
        Path target = dir.resolve("y.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
        Path model = dir.resolve("dpot.safetensors");
        StringWriter err = new StringWriter();
        int code = FitW2gnCommandTest.run(err, "fit", "dpot", "--source", source.toString(), "--target", target.toString(),
                "--steps", "200", "--batch", "128", "--width", "16", "--depth", "2", "--lr", "5e-3", "--inverse",
                "--arch", "resnet", "--activation", "prelu", "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("step 200/200").contains("fit dpot:");

        Path mapped = dir.resolve("mapped.csv");
        Path back = dir.resolve("back.csv");
        StringWriter applyErr = new StringWriter();
        assertThat(FitW2gnCommandTest.run(applyErr, "apply", "--model", model.toString(), "--input", source.toString(),
                "--output", mapped.toString())).as(applyErr.toString()).isZero();
        assertThat(FitW2gnCommandTest.run(applyErr, "apply", "--model", model.toString(), "--input", target.toString(),
                "--output", back.toString(), "--inverse")).as(applyErr.toString()).isZero();
        double[][] out = ArrayIO.read(mapped);
        double[][] expected = TransportMaps.load(model).apply(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).containsExactly(expected[i], Offset.offset(1e-12));
        }
        assertThat(mean(out)).isBetween(1.5, 2.5); // moved onto the target's mean (2, 0)
        assertThat(mean(ArrayIO.read(back))).isBetween(-0.5, 0.5);
    }

    @Test
    void conditionalFitFromAManifestAppliesAtACondition() throws Exception {
        Random rng = new Random(5);
        StringBuilder json = new StringBuilder("{\"pairs\": [");
        for (int k = 0; k < 3; k++) {
            ArrayIO.write(dir.resolve("s" + k + ".npy"), cloud(rng, 200, 0, 0));
            ArrayIO.write(dir.resolve("t" + k + ".csv"), cloud(rng, 200, k, 0)); // shift η along x₁
            json.append(k > 0 ? "," : "").append("{\"condition\": [").append(k).append("], \"source\": \"s").append(k)
                    .append(".npy\", \"target\": \"t").append(k).append(".csv\"}");
        }
        Files.writeString(dir.resolve("pairs.json"), json.append("]}").toString());
        Path model = dir.resolve("cond.safetensors");
        StringWriter err = new StringWriter();
        int code = FitW2gnCommandTest.run(err, "fit", "dpot", "--manifest", dir.resolve("pairs.json").toString(),
                "--conditions", "2", "--steps", "200", "--batch", "100", "--width", "16", "--depth", "2", "--lr", "5e-3",
                "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(TransportMaps.load(model)).isInstanceOf(ConditionalMap.class);
        Path out = dir.resolve("out.csv");
        StringWriter applyErr = new StringWriter();
        assertThat(FitW2gnCommandTest.run(applyErr, "apply", "--model", model.toString(), "--input",
                dir.resolve("s0.npy").toString(), "--output", out.toString(), "--condition", "2")).as(applyErr.toString()).isZero();
        assertThat(mean(ArrayIO.read(out))).isBetween(1.5, 2.5);
    }

    @Test
    void badInputFailsWithExitOneNamingIt() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(FitW2gnCommandTest.run(err, "fit", "dpot", "--source", "a.csv", "--target", "b.csv", "--gamma-every", "0",
                "--out", "m.safetensors")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("monge: ").contains("gamma-every").doesNotContain("\n");
        Files.writeString(dir.resolve("bad.json"), "{\"pairs\": [{\"source\": \"s.npy\", \"target\": \"t.npy\"}]}");
        StringWriter err2 = new StringWriter();
        assertThat(FitW2gnCommandTest.run(err2, "fit", "dpot", "--manifest", dir.resolve("bad.json").toString(), "--out",
                "m.safetensors")).isEqualTo(1);
        assertThat(err2.toString()).contains("pair 1 lacks a numeric 'condition'");
    }

    private static double[][] cloud(Random rng, int n, double mx, double my) {
        double[][] p = new double[n][2];
        for (int i = 0; i < n; i++) {
            p[i][0] = mx + 0.3 * rng.nextGaussian();
            p[i][1] = my + 0.3 * rng.nextGaussian();
        }
        return p;
    }

    private static double mean(double[][] rows) {
        double s = 0;
        for (double[] r : rows) {
            s += r[0];
        }
        return s / rows.length;
    }
}
