package io.github.mongeot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.exact.NetworkSimplex;
import io.github.mongeot.core.io.ArrayIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: JSON keys, exit codes 0/1/2, one-line errors naming the input. */
class CliTest {
    @TempDir
    static Path dir;
    static Path source;
    static Path target;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void writeInputs() {
        Random rng = new Random(11);
        double[][] x = new double[40][2];
        double[][] y = new double[30][2];
        for (double[] r : x) {
            r[0] = rng.nextGaussian();
            r[1] = rng.nextGaussian();
        }
        for (double[] r : y) {
            r[0] = rng.nextGaussian() + 2;
            r[1] = 0.5 * rng.nextGaussian();
        }
        source = dir.resolve("x.csv");
        target = dir.resolve("y.npy");
        ArrayIO.write(source, x);
        ArrayIO.write(target, y);
    }

    @Test
    void solveExactPrintsTheContractedJsonAndMatchesTheLibrary() throws Exception {
        Run r = run("solve", "--source", source.toString(), "--target", target.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.fieldNames()).toIterable().contains("cost", "solver", "iterations", "converged",
                "marginal_error", "epsilon", "seconds");
        double[][] c = SquaredEuclidean.full().matrix(ArrayIO.read(source), ArrayIO.read(target));
        double[] a = new double[40];
        double[] b = new double[30];
        java.util.Arrays.fill(a, 1.0 / 40);
        java.util.Arrays.fill(b, 1.0 / 30);
        assertThat(json.get("cost").asDouble()).isCloseTo(NetworkSimplex.transport(a, b, c).cost(), within(1e-12));
        assertThat(json.get("converged").asBoolean()).isTrue();
        assertThat(json.get("solver").asText()).isEqualTo("exact");
    }

    @Test
    void solveSinkhornReportsRegularisedCostAndWritesThePlan() throws Exception {
        Path plan = dir.resolve("plan.npy");
        Run r = run("solve", "--source", source.toString(), "--target", target.toString(), "--solver", "sinkhorn",
                "--epsilon-rel", "0.05", "--plan", plan.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("regularized_cost").asDouble()).isGreaterThan(json.get("cost").asDouble());
        assertThat(json.get("marginal_error").asDouble()).isLessThan(1e-6);
        double[][] p = ArrayIO.read(plan);
        assertThat(p).hasNumberOfRows(40);
        double total = 0;
        for (double[] row : p) {
            for (double v : row) {
                total += v;
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void fitThenApplyRoundTripsThroughTheModelFile() {
        Path model = dir.resolve("m.safetensors");
        Path out = dir.resolve("mapped.csv");
        Path back = dir.resolve("back.csv");
        assertThat(run("fit", "entropic", "--source", source.toString(), "--target", target.toString(),
                "--epsilon-rel", "0.05", "--out", model.toString()).code()).isZero();
        Run apply = run("apply", "--model", model.toString(), "--input", source.toString(), "--output", out.toString());
        assertThat(apply.code()).as(apply.err()).isZero();
        double[][] mapped = ArrayIO.read(out);
        assertThat(mapped).hasNumberOfRows(40);
        for (double[] row : mapped) {
            assertThat(row[0]).isGreaterThan(0.5); // barycentres of the target cloud, which sits around x₁ = 2
        }
        assertThat(run("apply", "--model", model.toString(), "--input", target.toString(), "--output",
                back.toString(), "--inverse").code()).isZero();
        assertThat(ArrayIO.read(back)).hasNumberOfRows(30);
    }

    @Test
    void morphFramesInterpolateLinearlyFromThePointsToTheirImages() {
        Path model = dir.resolve("morph.safetensors");
        Path mapped = dir.resolve("morph-end.npy");
        Path frames = dir.resolve("frames.npy");
        assertThat(run("fit", "entropic", "--source", source.toString(), "--target", target.toString(),
                "--epsilon-rel", "0.05", "--out", model.toString()).code()).isZero();
        assertThat(run("apply", "--model", model.toString(), "--input", source.toString(), "--output",
                mapped.toString()).code()).isZero();
        Run r = run("apply", "--model", model.toString(), "--input", source.toString(), "--output",
                frames.toString(), "--morph", "5");
        assertThat(r.code()).as(r.err()).isZero();
        double[][][] cube = ArrayIO.readPaths(frames);
        double[][] x = ArrayIO.read(source);
        double[][] tx = ArrayIO.read(mapped);
        assertThat(cube.length).isEqualTo(40);
        assertThat(cube[0].length).isEqualTo(5);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(cube[i][0][j]).isCloseTo(x[i][j], within(1e-12));
                assertThat(cube[i][4][j]).isCloseTo(tx[i][j], within(1e-12));
                assertThat(cube[i][1][j]).isCloseTo(0.75 * x[i][j] + 0.25 * tx[i][j], within(1e-12));
            }
        }
        Run samples = run("apply", "--model", model.toString(), "--input", source.toString(), "--output",
                frames.toString(), "--samples", "3");
        assertThat(samples.code()).isEqualTo(1);
        assertThat(samples.err()).contains("--samples").contains("deterministic");
        Run paths = run("apply", "--model", model.toString(), "--input", source.toString(), "--output",
                frames.toString(), "--paths", "4");
        assertThat(paths.code()).isEqualTo(1);
        assertThat(paths.err()).contains("--paths");
        Run conditioned = run("apply", "--model", model.toString(), "--input", source.toString(), "--output",
                frames.toString(), "--condition", "0.5");
        assertThat(conditioned.code()).isEqualTo(1);
        assertThat(conditioned.err()).contains("--condition");
        assertThat(run("apply", "--model", model.toString(), "--input", source.toString(), "--output",
                frames.toString(), "--morph", "3", "--paths", "3").code()).isEqualTo(2);
    }

    @Test
    void plainAndOverrelaxedSinkhornReportTheSameCost() throws Exception {
        String[] common = {"solve", "--source", source.toString(), "--target", target.toString(), "--solver", "sinkhorn",
            "--epsilon-rel", "0.01", "--threshold", "1e-9"};
        JsonNode auto = new ObjectMapper().readTree(run(common).out());
        Run plainRun = run(concat(common, "--overrelaxation", "1"));
        assertThat(plainRun.code()).as(plainRun.err()).isZero();
        JsonNode plain = new ObjectMapper().readTree(plainRun.out());
        assertThat(auto.get("regularized_cost").asDouble()).isCloseTo(plain.get("regularized_cost").asDouble(), within(1e-8));
        assertThat(auto.get("iterations").asInt()).isLessThan(plain.get("iterations").asInt());
        Run bad = run(concat(common, "--overrelaxation", "2.5"));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).contains("overrelaxation").doesNotContain("\n");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void badInputFailsWithExitOneAndAOneLineReasonNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,nan\n");
        Run r = run("solve", "--source", bad.toString(), "--target", target.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("monge: ").contains("bad.csv").doesNotContain("\n");
        Run missing = run("solve", "--source", dir.resolve("nope.csv").toString(), "--target", target.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.csv");
        Path threeD = dir.resolve("z.csv");
        ArrayIO.write(threeD, new double[][] {{1, 2, 3}});
        Run mismatch = run("solve", "--source", threeD.toString(), "--target", target.toString());
        assertThat(mismatch.code()).isEqualTo(1);
        assertThat(mismatch.err()).contains("dimension mismatch");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("solve", "--source", "a.csv").code()).isEqualTo(2);
        assertThat(run("solve", "--source", "a", "--target", "b", "--epsilon", "1", "--epsilon-rel", "0.1").code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
        Run help = run("solve", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--epsilon-rel");
    }

    @Test
    void experimentListNamesTheExperiments() {
        Run r = run("experiment", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("entropic-map-gaussians").contains("sinkhorn-vs-exact");
        Run unknown = run("experiment", "run", "nope");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown experiment 'nope'");
    }
}
