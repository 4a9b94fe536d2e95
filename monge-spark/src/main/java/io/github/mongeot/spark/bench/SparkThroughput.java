package io.github.mongeot.spark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.spark.ApplyOptions;
import io.github.mongeot.spark.GroupOptions;
import io.github.mongeot.spark.GroupedOT;
import io.github.mongeot.spark.PointColumns;
import io.github.mongeot.spark.SparkMaps;
import io.github.mongeot.spark.SparkModel;
import io.github.mongeot.spark.cli.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monge spark benchmark}: throughput of the two Spark operations beside the single-machine
 * API on the same kind of data. (1) An entropic map (fit on 1000 × 1000 points in 2-D) applied to
 * N points generated in Spark; (2) G exact problems of n × n points, one per group. Spark's times
 * cover generating the rows (measured alone too, and reported) and exclude writing results (an
 * aggregate forces the work). Prints one JSON object.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Rows/s of an entropic map and problems/s of grouped exact OT, Spark vs one JVM thread.")
public final class SparkThroughput implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", description = "Spark master (default local[*], or spark-submit's).")
    String master;

    @Option(names = "--points", defaultValue = "10000000", description = "Rows mapped in Spark (default ${DEFAULT-VALUE}).")
    long points;

    @Option(names = "--single-points", defaultValue = "500000",
            description = "Rows mapped by the single-machine API (default ${DEFAULT-VALUE}).")
    int singlePoints;

    @Option(names = "--groups", defaultValue = "1000", description = "Grouped problems in Spark (default ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--single-groups", defaultValue = "50",
            description = "Problems solved by the single-machine API (default ${DEFAULT-VALUE}).")
    int singleGroups;

    @Option(names = "--group-size", defaultValue = "500", description = "Points per side of each problem (default ${DEFAULT-VALUE}).")
    int groupSize;

    @Option(names = "--partitions", defaultValue = "0", description = "Spark partitions (default 4 × cores).")
    int partitions;

    @Option(names = "--batch-size", defaultValue = "4096", description = "Rows per engine call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws IOException {
        SparkSession spark = SparkSettings.session("monge spark benchmark", master, java.util.Map.of());
        int parts = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("master", spark.sparkContext().master());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("partitions", parts);
        out.put("load_average_before", loadAverage());
        if (points > 0) {
            mapThroughput(spark, parts, out.putObject("apply"));
            spec.commandLine().getErr().println("apply: " + out.get("apply"));
        }
        if (groups > 0) {
            groupThroughput(spark, parts, out.putObject("solve_groups"));
            spec.commandLine().getErr().println("solve-groups: " + out.get("solve_groups"));
        }
        out.put("load_average_after", loadAverage());
        spec.commandLine().getOut().println(out.toPrettyString());
        return 0;
    }

    private void mapThroughput(SparkSession spark, int parts, ObjectNode out) throws IOException {
        Random random = new Random(1);
        double[][] x = gaussian(random, 1000, 0, 1);
        double[][] y = gaussian(random, 1000, 2, 0.5);
        EntropicMapModel model = new EntropicMapEstimator(SquaredEuclidean.full(), SinkhornOptions.defaults().withEpsilonRel(0.05))
                .fit(PointCloud.of(x), PointCloud.of(y));
        Path file = Files.createTempFile("monge-bench-", ".monge");
        model.save(file);
        // Single machine: the same batches through the same map, one thread.
        double[][] test = gaussian(random, singlePoints, 0, 1);
        model.apply(java.util.Arrays.copyOf(test, Math.min(batchSize, test.length)));
        long start = System.nanoTime();
        double checksum = 0;
        for (int from = 0; from < test.length; from += batchSize) {
            double[][] mapped = model.apply(java.util.Arrays.copyOfRange(test, from, Math.min(test.length, from + batchSize)));
            checksum += mapped[0][0];
        }
        double single = (System.nanoTime() - start) / 1e9;
        out.put("model", "entropic map, fit on 1000 x 1000 points, d = 2, eps_rel 0.05");
        out.put("single_rows", singlePoints);
        out.put("single_seconds", single);
        out.put("single_rows_per_second", singlePoints / single);

        SparkModel loaded = SparkModel.load(spark, file);
        ApplyOptions options = ApplyOptions.of(PointColumns.columns("x", "y")).batchSize(batchSize);
        // Warm-up: a small job through the same pipeline (JIT, first task launches, model load).
        SparkMaps.apply(spark.range(0, 20_000, 1, parts).select(col("id"), randn(10).as("x"), randn(9).as("y")), loaded, options)
                .agg(sum("mapped_x")).first();
        Dataset<Row> data = spark.range(0, points, 1, parts).select(col("id"), randn(11).as("x"), randn(12).as("y"));
        start = System.nanoTime();
        data.agg(sum("x")).first();
        double generate = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        Row r = SparkMaps.apply(data, loaded, options)
                .agg(count("*"), sum("mapped_x")).first();
        double seconds = (System.nanoTime() - start) / 1e9;
        loaded.destroy();
        Files.deleteIfExists(file);
        out.put("spark_rows", r.getLong(0));
        out.put("spark_seconds", seconds);
        out.put("spark_generate_only_seconds", generate);
        out.put("spark_rows_per_second", r.getLong(0) / seconds);
        out.put("checksum", checksum + r.getDouble(1));
    }

    private void groupThroughput(SparkSession spark, int parts, ObjectNode out) {
        Random random = new Random(2);
        // Single machine: ExactOT on the same kind of problem, one after another.
        long start = 0;
        double total = 0;
        for (int g = -2; g < singleGroups; g++) {
            if (g == 0) {
                start = System.nanoTime();
            }
            PointCloud x = PointCloud.of(gaussian(random, groupSize, 0, 1));
            PointCloud y = PointCloud.of(gaussian(random, groupSize, 1, 1));
            total += ExactOT.solve(x, y, Costs.parse("sqeuclidean")).cost();
        }
        double single = (System.nanoTime() - start) / 1e9;
        out.put("problem", groupSize + " x " + groupSize + " points, d = 2, squared Euclidean, exact");
        out.put("single_problems", singleGroups);
        out.put("single_seconds", single);
        out.put("single_problems_per_second", singleGroups / single);

        long rows = (long) groups * groupSize;
        Dataset<Row> source = spark.range(0, rows, 1, parts)
                .select(floor(col("id").divide(groupSize)).as("g"), randn(21).as("x"), randn(22).as("y"));
        Dataset<Row> target = spark.range(0, rows, 1, parts)
                .select(floor(col("id").divide(groupSize)).as("g"), randn(23).plus(1).as("x"), randn(24).plus(1).as("y"));
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(parts));
        GroupOptions options = GroupOptions.of(List.of("g"), PointColumns.columns("x", "y"));
        // Warm-up: a few small groups through the same pipeline.
        Dataset<Row> small = spark.range(0, 200, 1, parts).select(floor(col("id").divide(50)).as("g"), randn(1).as("x"),
                randn(2).as("y"));
        GroupedOT.solve(small, small, options).agg(sum("cost")).first();
        start = System.nanoTime();
        Row r = GroupedOT.solve(source, target, options)
                .agg(count("*"), sum("cost"), sum(col("converged").cast("int"))).first();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.put("spark_problems", r.getLong(0));
        out.put("spark_converged", r.getLong(2));
        out.put("spark_seconds", seconds);
        out.put("spark_problems_per_second", r.getLong(0) / seconds);
        out.put("mean_cost_spark", r.getDouble(1) / r.getLong(0));
        out.put("mean_cost_single", total / (singleGroups + 2));
    }

    private static double[][] gaussian(Random random, int n, double mean, double sd) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = mean + sd * random.nextGaussian();
            row[1] = mean + sd * random.nextGaussian();
        }
        return p;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
