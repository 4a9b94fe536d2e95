package io.github.mongeot.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.SquaredEuclidean;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark results equal the single-machine map's on the same points. */
class SparkMapsTest {
    @TempDir
    static Path dir;

    static SparkSession spark;
    static EntropicMapModel model;
    static Path modelFile;
    static double[][] points;

    @BeforeAll
    static void fit() {
        spark = LocalSpark.get();
        Random random = new Random(7);
        double[][] x = gaussian(random, 40, 0, 1);
        double[][] y = gaussian(random, 40, 3, 0.5);
        model = new EntropicMapEstimator(SquaredEuclidean.full(), SinkhornOptions.defaults().withEpsilon(0.5))
                .fit(PointCloud.of(x), PointCloud.of(y));
        modelFile = dir.resolve("map.monge");
        model.save(modelFile);
        points = gaussian(random, 101, 0.5, 1.5);
    }

    static double[][] gaussian(Random random, int n, double mean, double sd) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = mean + sd * random.nextGaussian();
            row[1] = -mean + sd * random.nextGaussian();
        }
        return p;
    }

    static Dataset<Row> columnsFrame(double[][] p, int partitions) {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("x", DataTypes.DoubleType)
                .add("y", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            rows.add(RowFactory.create((long) i, p[i][0], p[i][1]));
        }
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    static List<Row> sortedById(Dataset<Row> data) {
        List<Row> rows = new ArrayList<>(data.collectAsList());
        rows.sort(Comparator.comparingLong(r -> r.getLong(0)));
        return rows;
    }

    @Test
    void forwardOnColumnsEqualsTheSingleMachineMap() {
        SparkModel loaded = SparkModel.load(spark, modelFile);
        Dataset<Row> out = SparkMaps.apply(columnsFrame(points, 3), loaded,
                ApplyOptions.of(PointColumns.columns("x", "y")).batchSize(7));
        assertThat(out.columns()).containsExactly("id", "x", "y", "mapped_x", "mapped_y");
        double[][] expected = model.apply(points);
        List<Row> rows = sortedById(out);
        assertThat(rows).hasSize(points.length);
        for (Row r : rows) {
            int i = (int) r.getLong(0);
            assertThat(r.getDouble(1)).isEqualTo(points[i][0]);
            assertThat(r.getDouble(3)).isCloseTo(expected[i][0], within(1e-12));
            assertThat(r.getDouble(4)).isCloseTo(expected[i][1], within(1e-12));
        }
    }

    @Test
    void inverseOnAVectorColumnEqualsTheSingleMachineInverse() {
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("v", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            rows.add(RowFactory.create((long) i, List.of(points[i][0], points[i][1])));
        }
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(2);
        Dataset<Row> out = SparkMaps.apply(data, SparkModel.load(spark, modelFile),
                ApplyOptions.of(PointColumns.vector("v")).inverse().batchSize(16));
        double[][] expected = model.applyInverse(points);
        for (Row r : sortedById(out)) {
            int i = (int) r.getLong(0);
            List<Double> mapped = r.getList(2);
            assertThat(mapped).hasSize(2);
            assertThat(mapped.get(0)).isCloseTo(expected[i][0], within(1e-12));
            assertThat(mapped.get(1)).isCloseTo(expected[i][1], within(1e-12));
        }
    }

    @Test
    void samplesOfAStochasticMapEqualTheSingleMachineSamples() {
        Path file = dir.resolve("noisy.monge");
        NoisyShift noisy = new NoisyShift(new double[] {1, -2}, 0.3);
        noisy.save(file);
        SparkModel loaded = SparkModel.load(spark, file);
        assertThat(loaded.isStochastic()).isTrue();
        // One partition, one batch: the draws use exactly the seed given.
        Dataset<Row> out = SparkMaps.apply(columnsFrame(points, 1).sortWithinPartitions("id"), loaded,
                ApplyOptions.of(PointColumns.columns("x", "y")).samples(4, 99).batchSize(1000));
        double[][][] expected = noisy.sample(points, 4, 99);
        for (Row r : sortedById(out)) {
            int i = (int) r.getLong(0);
            List<Object> samples = r.getList(3);
            assertThat(samples).hasSize(4);
            for (int s = 0; s < 4; s++) {
                List<Double> sample = scala.jdk.javaapi.CollectionConverters.asJava(
                        (scala.collection.Seq<Double>) samples.get(s));
                assertThat(sample).containsExactly(expected[i][s][0], expected[i][s][1]);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        SparkModel loaded = SparkModel.load(spark, modelFile);
        assertThatThrownBy(() -> SparkMaps.apply(columnsFrame(points, 1), loaded, ApplyOptions.of(PointColumns.columns("x"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 input columns for a 2-dimensional model");
        assertThatThrownBy(() -> SparkMaps.apply(columnsFrame(points, 1), loaded, ApplyOptions.of(PointColumns.columns("x", "z"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no column 'z'");
        assertThatThrownBy(() -> SparkMaps.apply(columnsFrame(points, 1), loaded,
                ApplyOptions.of(PointColumns.columns("x", "y")).samples(3, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("draw no samples");
        double[][] withNan = {{0, 0}, {Double.NaN, 1}};
        Dataset<Row> mapped = SparkMaps.apply(columnsFrame(withNan, 1), loaded, ApplyOptions.of(PointColumns.columns("x", "y")));
        assertThatThrownBy(mapped::collectAsList).isInstanceOf(SparkException.class)
                .hasStackTraceContaining("column 'x' is NaN");
    }
}
