package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.methods.costlearning.CostLearningModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monge fit cost-learning}, then {@code monge apply} and {@code monge solve --cost-model}: the
 * model file round-trips through the CLI, and solving with it uses exactly the learned cost.
 */
class FitCostLearningCommandTest {
    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void fitApplyAndSolveWithTheLearnedCost() throws Exception {
        Random rng = new Random(2);
        double[][] x = new double[14][2];
        double[][] y = new double[14][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i][0] = x[i][0] + 2;
            y[i][1] = -x[i][1];
        }
        Path source = dir.resolve("x.csv");
        Path target = dir.resolve("y.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
        Path model = dir.resolve("cost.safetensors");
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "fit", "cost-learning", "--source", source.toString(), "--target",
                target.toString(), "--pairs", "index", "--flows", "shared", "--flow-layers", "2", "--flow-hidden", "8",
                "--hidden", "8", "--steps", "4", "--epsilon-rel", "0.1:0.05", "--lambda-max", "1e-4", "--seed", "1",
                "--out", model.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("step 4/4").contains("fit cost-learning:");

        Path mapped = dir.resolve("mapped.csv");
        Path back = dir.resolve("back.csv");
        StringWriter applyErr = new StringWriter();
        assertThat(run(new StringWriter(), applyErr, "apply", "--model", model.toString(), "--input", source.toString(),
                "--output", mapped.toString())).as(applyErr.toString()).isZero();
        assertThat(run(new StringWriter(), applyErr, "apply", "--model", model.toString(), "--input", target.toString(),
                "--output", back.toString(), "--inverse")).as(applyErr.toString()).isZero();
        TransportMap loaded = TransportMaps.load(model);
        assertThat(loaded.modelType()).isEqualTo("cost-learning");
        double[][] out = ArrayIO.read(mapped);
        double[][] expected = loaded.apply(x);
        double[][] inverse = ArrayIO.read(back);
        double[][] expectedInverse = loaded.applyInverse(y);
        for (int i = 0; i < x.length; i++) {
            assertThat(out[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(inverse[i]).containsExactly(expectedInverse[i], org.assertj.core.data.Offset.offset(1e-12));
        }

        StringWriter json = new StringWriter();
        StringWriter solveErr = new StringWriter();
        assertThat(run(json, solveErr, "solve", "--source", source.toString(), "--target", target.toString(),
                "--cost-model", model.toString(), "--solver", "sinkhorn", "--epsilon", "0.5")).as(solveErr.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toString());
        assertThat(result.get("cost_function").asText()).isEqualTo("learned-icnn");
        double direct = Sinkhorn.solve(PointCloud.of(x), PointCloud.of(y), CostLearningModel.load(model).cost(),
                SinkhornOptions.defaults().withEpsilon(0.5)).cost();
        assertThat(result.get("cost").asDouble()).isCloseTo(direct, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(direct)));
    }

    @Test
    void outOfRangePairsFailWithExitOneNamingTheOption() throws Exception {
        Path source = dir.resolve("x.csv");
        Path pairs = dir.resolve("pairs.csv");
        ArrayIO.write(source, new double[][] {{0, 0}, {1, 1}, {2, 0}});
        ArrayIO.write(pairs, new double[][] {{0, 1}, {2, 7}});
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "fit", "cost-learning", "--source", source.toString(), "--target", source.toString(),
                "--pairs", pairs.toString(), "--out", dir.resolve("m.safetensors").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("monge: ").contains("--pairs").contains("row 2").doesNotContain("\n");
    }
}
