package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monge fit gradnet} with density SPECs, then {@code monge apply} on the model file. */
class FitGradnetCommandTest {
    @TempDir
    Path dir;

    static int run(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void fitGaussianToMixtureThenApplyGivesTheModelsMap() throws Exception {
        Path p = dir.resolve("p.json");
        Path q = dir.resolve("q.json");
        Files.writeString(p, "{\"mean\": [1, -1], \"cov\": [[1, 0.7], [0.7, 1]]}");
        Files.writeString(q, "{\"weights\": [0.5, 0.5], \"means\": [[-1, 0], [1, 0]], \"covs\": [[[0.3, 0], [0, 0.3]], [[0.3, 0], [0, 0.3]]]}");
        Path model = dir.resolve("gradnet.safetensors");
        Path log = dir.resolve("metrics.jsonl");
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "gradnet", "--source", "gaussian:" + p, "--target", "gmm:" + q, "--arch", "mgradnet-c",
                "--width", "8", "--depth", "2", "--steps", "40", "--batch", "64", "--seed", "2", "--metrics-log", log.toString(),
                "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("step 40/40").contains("fit gradnet: mgradnet-c, d = 2");
        assertThat(Files.readAllLines(log)).isNotEmpty();

        double[][] x = {{0, 0}, {1, -1}, {2, 0.5}};
        Path input = dir.resolve("x.csv");
        Path output = dir.resolve("y.npy");
        ArrayIO.write(input, x);
        StringWriter applyErr = new StringWriter();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", input.toString(), "--output", output.toString()))
                .as(applyErr.toString()).isZero();
        TransportMap loaded = TransportMaps.load(model);
        assertThat(loaded.modelType()).isEqualTo("gradnet");
        double[][] expected = loaded.apply(x);
        double[][] out = ArrayIO.read(output);
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void imageSpecsTrainWithAnnealedBandwidth() throws Exception {
        double[][] a = new double[6][6];
        double[][] b = new double[6][6];
        a[1][1] = 1;
        a[2][2] = 1;
        b[4][4] = 1;
        b[3][4] = 0.5;
        Path pa = dir.resolve("a.npy");
        Path pb = dir.resolve("b.npy");
        ArrayIO.write(pa, a);
        ArrayIO.write(pb, b);
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "gradnet", "--source", "image:" + pa, "--target", "image:" + pb, "--width", "8", "--depth", "2",
                "--steps", "10", "--batch", "32", "--anneal", "1e-2,1e-3", "--optimizer", "adamw", "--dtype", "float32",
                "--out", dir.resolve("m.safetensors").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(TransportMaps.load(dir.resolve("m.safetensors")).dim()).isEqualTo(2);
    }

    @Test
    void badSpecsFailWithExitOneNamingTheInput() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "fit", "gradnet", "--source", "normal:x.json", "--target", "gaussian:y.json", "--out", "m.safetensors"))
                .isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("monge: ").contains("normal:x.json").doesNotContain("\n");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "fit", "gradnet", "--source", "gaussian:" + dir.resolve("missing.json"), "--target", "gaussian:y.json",
                "--out", "m.safetensors")).isEqualTo(1);
        assertThat(err2.toString()).contains("missing.json");
        StringWriter err3 = new StringWriter();
        assertThat(run(err3, "fit", "gradnet", "--source", "a", "--target", "b", "--arch", "icnn", "--out", "m.safetensors"))
                .isEqualTo(1);
        assertThat(err3.toString()).contains("icnn");
        StringWriter err4 = new StringWriter();
        assertThat(run(err4, "fit", "gradnet", "--source", "a", "--target", "b", "--lr-cosine", "2", "--out", "m.safetensors"))
                .isEqualTo(1);
        assertThat(err4.toString()).contains("cosine floor").contains("2.0");
    }
}
