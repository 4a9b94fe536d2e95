package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.PathMap;
import io.github.mongeot.core.map.TransportMaps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monge fit lagrangian} then {@code monge apply} and {@code apply --paths}: the model round-trips through the CLI. */
class FitLagrangianCommandTest {
    @TempDir
    Path dir;

    static int run(StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void fitThenApplyWritesTheMapAndPathsFromXToTx() throws Exception {
        Random rng = new Random(4);
        double[][] x = new double[200][2];
        double[][] y = new double[200][2];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {-1.25 + 0.25 * rng.nextDouble(), -1 + 2 * rng.nextDouble()};
            y[i] = new double[] {1 + 0.25 * rng.nextDouble(), -1 + 2 * rng.nextDouble()};
        }
        Path source = dir.resolve("x.csv");
        Path target = dir.resolve("y.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
        Path model = dir.resolve("lagrangian.safetensors");
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "lagrangian", "--source", source.toString(), "--target", target.toString(), "--potential", "box",
                "--domain", "-1.5,1.5", "--steps", "80", "--batch", "32", "--hidden", "32,32", "--spline-hidden", "16",
                "--knots", "6", "--times", "8", "--lbfgs-iterations", "5", "--anneal-steps", "50", "--lr", "3e-3", "--seed", "2",
                "--target-starts", "16", "--grid-starts", "4,6", "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("step 80/80").contains("fit lagrangian:");

        Path mapped = dir.resolve("mapped.csv");
        Path paths = dir.resolve("paths.npy");
        StringWriter applyErr = new StringWriter();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", source.toString(), "--output", mapped.toString()))
                .as(applyErr.toString()).isZero();
        assertThat(run(applyErr, "apply", "--model", model.toString(), "--input", source.toString(), "--output", paths.toString(),
                "--paths", "5")).as(applyErr.toString()).isZero();
        PathMap loaded = (PathMap) TransportMaps.load(model);
        assertThat(loaded.modelType()).isEqualTo("lagrangian");
        JsonNode report = ((io.github.mongeot.methods.lagrangian.LagrangianModel) loaded).fitReport();
        assertThat(report.get("ctransform_target_candidates").asInt()).isEqualTo(16);
        assertThat(report.get("model_grid_side").asInt()).isEqualTo(6);
        double[][] out = ArrayIO.read(mapped);
        double[][][] p = ArrayIO.readPaths(paths);
        double[][] expected = loaded.apply(x);
        assertThat(p.length).isEqualTo(x.length);
        double meanX = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(p[i]).hasNumberOfRows(5);
            assertThat(out[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p[i][0]).containsExactly(x[i], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(p[i][4]).containsExactly(out[i], org.assertj.core.data.Offset.offset(1e-9));
            meanX += out[i][0] / x.length;
        }
        // the map carries the source strip (x₁ ≈ −1.1) over to the target strip (x₁ ≈ 1.1)
        assertThat(meanX).isCloseTo(1.125, within(0.3));
    }

    @Test
    void unknownPotentialFailsWithExitOneNamingIt() {
        StringWriter err = new StringWriter();
        int code = run(err, "fit", "lagrangian", "--source", "a.csv", "--target", "b.csv", "--potential", "volcano", "--out", "m.safetensors");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("monge: ").contains("volcano").doesNotContain("\n");
        StringWriter starts = new StringWriter();
        assertThat(run(starts, "fit", "lagrangian", "--source", "a.csv", "--target", "b.csv", "--grid-starts", "4",
                "--out", "m.safetensors")).isEqualTo(1);
        assertThat(starts.toString()).contains("--grid-starts").doesNotContain("a.csv");
    }
}
