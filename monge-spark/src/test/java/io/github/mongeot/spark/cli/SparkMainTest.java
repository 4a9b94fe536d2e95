package io.github.mongeot.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on local files gives what the single-machine API gives. */
class SparkMainTest {
    @TempDir
    static Path dir;

    static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = io.github.mongeot.spark.LocalSparkAccess.get();
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    static double[][] points(Random random, int n, double shift) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = shift + random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        return p;
    }

    @Test
    void applyReadsCsvAndWritesParquet() throws IOException {
        Random random = new Random(3);
        EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(), SinkhornOptions.defaults().withEpsilon(0.5))
                .fit(PointCloud.of(points(random, 30, 0)), PointCloud.of(points(random, 30, 2)));
        Path modelFile = dir.resolve("map.monge");
        model.save(modelFile);
        double[][] x = points(random, 25, 0);
        StringBuilder csv = new StringBuilder("id,a,b\n");
        for (int i = 0; i < x.length; i++) {
            csv.append(i).append(',').append(x[i][0]).append(',').append(x[i][1]).append('\n');
        }
        Path input = dir.resolve("points.csv");
        Files.writeString(input, csv);
        Path output = dir.resolve("mapped.parquet");
        String[] r = run("apply", "--model", modelFile.toString(), "--input", input.toString(),
                "--output", output.toString(), "--columns", "a,b", "--batch-size", "10", "--partitions", "2");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        JsonNode summary = new ObjectMapper().readTree(r[1]);
        assertThat(summary.get("rows").asLong()).isEqualTo(25);
        double[][] expected = model.apply(x);
        List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
        assertThat(rows).hasSize(25);
        for (Row row : rows) {
            int i = row.<Integer>getAs("id");
            assertThat(row.<Double>getAs("mapped_a")).isCloseTo(expected[i][0], within(1e-12));
            assertThat(row.<Double>getAs("mapped_b")).isCloseTo(expected[i][1], within(1e-12));
        }
        String[] bad = run("apply", "--model", modelFile.toString(), "--input", input.toString(),
                "--output", output.toString(), "--columns", "a,c");
        assertThat(bad[0]).isEqualTo("1");
        assertThat(bad[2].strip()).startsWith("monge spark: apply input: no column 'c'");
    }

    @Test
    void solveGroupsWritesOneRowPerGroup() throws IOException {
        Random random = new Random(5);
        List<double[][]> sources = new ArrayList<>();
        List<double[][]> targets = new ArrayList<>();
        StringBuilder s = new StringBuilder("g,x,y\n");
        StringBuilder t = new StringBuilder("g,x,y\n");
        for (int g = 0; g < 3; g++) {
            sources.add(points(random, 6 + g, 0));
            targets.add(points(random, 5 + 2 * g, 1));
            for (double[] p : sources.get(g)) {
                s.append(g).append(',').append(p[0]).append(',').append(p[1]).append('\n');
            }
            for (double[] p : targets.get(g)) {
                t.append(g).append(',').append(p[0]).append(',').append(p[1]).append('\n');
            }
        }
        Path source = dir.resolve("s.csv");
        Path target = dir.resolve("t.csv");
        Files.writeString(source, s);
        Files.writeString(target, t);
        Path output = dir.resolve("costs.csv");
        String[] r = run("solve-groups", "--source", source.toString(), "--target", target.toString(), "--key", "g",
                "--columns", "x,y", "--output", output.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(new ObjectMapper().readTree(r[1]).get("groups").asLong()).isEqualTo(3);
        List<Row> rows = spark.read().option("header", "true").option("inferSchema", "true").csv(output.toString())
                .collectAsList();
        assertThat(rows).hasSize(3);
        for (Row row : rows) {
            int g = row.<Integer>getAs("g");
            double expected = ExactOT.solve(PointCloud.of(sources.get(g)), PointCloud.of(targets.get(g)),
                    Costs.parse("sqeuclidean")).cost();
            assertThat(row.<Double>getAs("cost")).isCloseTo(expected, within(1e-12));
        }
        String[] plans = run("solve-groups", "--source", source.toString(), "--target", target.toString(), "--key", "g",
                "--columns", "x,y", "--plans", "--output", output.toString());
        assertThat(plans[0]).isEqualTo("1");
        assertThat(plans[2]).contains("CSV cannot hold the array column 'plan'");
    }
}
