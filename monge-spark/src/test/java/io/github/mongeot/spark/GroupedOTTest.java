package io.github.mongeot.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactOT;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Each group's result equals the single-machine solver's on that group's points. */
class GroupedOTTest {
    static SparkSession spark;
    /** group → {source points, target points, source weights, target weights} */
    static final Map<String, Object[]> GROUPS = new HashMap<>();
    static Dataset<Row> source;
    static Dataset<Row> target;

    @BeforeAll
    static void data() {
        spark = LocalSpark.get();
        Random random = new Random(11);
        int[][] sizes = {{12, 9}, {7, 7}, {15, 10}};
        String[] names = {"a", "b", "c"};
        StructType schema = new StructType().add("group", DataTypes.StringType).add("id", DataTypes.IntegerType)
                .add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        List<Row> sourceRows = new ArrayList<>();
        List<Row> targetRows = new ArrayList<>();
        for (int g = 0; g < names.length; g++) {
            double[][] xs = cloud(random, sizes[g][0], g);
            double[][] ys = cloud(random, sizes[g][1], g + 1.5);
            double[] a = masses(random, xs.length);
            double[] b = masses(random, ys.length);
            GROUPS.put(names[g], new Object[] {xs, ys, normalised(a), normalised(b)});
            for (int i = 0; i < xs.length; i++) {
                sourceRows.add(RowFactory.create(names[g], i, xs[i][0], xs[i][1], a[i]));
            }
            for (int j = 0; j < ys.length; j++) {
                targetRows.add(RowFactory.create(names[g], j, ys[j][0], ys[j][1], b[j]));
            }
        }
        // Shuffled across partitions: the solver must not depend on arrival order.
        source = spark.createDataFrame(sourceRows, schema).repartition(3);
        target = spark.createDataFrame(targetRows, schema).repartition(2);
    }

    static double[][] cloud(Random random, int n, double shift) {
        double[][] p = new double[n][2];
        for (double[] row : p) {
            row[0] = shift + random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        return p;
    }

    static double[] masses(Random random, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + random.nextDouble();
        }
        return w;
    }

    static double[] normalised(double[] w) {
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / total;
        }
        return out;
    }

    static PointCloud cloudOf(String group, int side) {
        Object[] g = GROUPS.get(group);
        return PointCloud.weighted(group, (double[][]) g[side], (double[]) g[side + 2]);
    }

    @Test
    void exactCostsAndPlansEqualTheSingleMachineSolver() {
        GroupOptions options = GroupOptions.of(List.of("group"), PointColumns.columns("x", "y"))
                .withWeights("w").withIds("id").withPlans(0);
        List<Row> rows = GroupedOT.solve(source, target, options).collectAsList();
        assertThat(rows).hasSize(3);
        for (Row r : rows) {
            String g = r.getString(0);
            PointCloud x = cloudOf(g, 0);
            PointCloud y = cloudOf(g, 1);
            ExactResult expected = ExactOT.solve(x, y, Costs.parse("sqeuclidean"));
            assertThat(r.<String>getAs("solver")).isEqualTo("exact");
            assertThat(r.<Integer>getAs("n")).isEqualTo(x.size());
            assertThat(r.<Boolean>getAs("converged")).isTrue();
            assertThat(r.<Double>getAs("cost")).isCloseTo(expected.cost(), within(1e-12));
            // The plan names points by id: it is the single-machine plan entry for entry.
            List<Row> plan = r.getList(r.fieldIndex("plan"));
            double[][] dense = new double[x.size()][y.size()];
            for (Row e : plan) {
                dense[(int) e.getLong(0)][(int) e.getLong(1)] += e.getDouble(2);
            }
            double[][] expectedPlan = expected.denseplan();
            for (int i = 0; i < x.size(); i++) {
                for (int j = 0; j < y.size(); j++) {
                    assertThat(dense[i][j]).isCloseTo(expectedPlan[i][j], within(1e-12));
                }
            }
        }
    }

    @Test
    void sinkhornOnAVectorColumnEqualsTheSingleMachineSolver() {
        Dataset<Row> s = source.selectExpr("group", "id", "array(x, y) AS p");
        Dataset<Row> t = target.selectExpr("group", "id", "array(x, y) AS p");
        GroupOptions options = GroupOptions.of(List.of("group"), PointColumns.vector("p")).withIds("id")
                .withSolver(GroupSolver.SINKHORN).withEpsilon(0.3).withThreshold(1e-9).withMaxIterations(10_000);
        List<Row> rows = GroupedOT.solve(s, t, options).collectAsList();
        assertThat(rows).hasSize(3);
        for (Row r : rows) {
            String g = r.getString(0);
            Object[] data = GROUPS.get(g);
            SinkhornResult expected = Sinkhorn.solve(PointCloud.of((double[][]) data[0]), PointCloud.of((double[][]) data[1]),
                    Costs.parse("sqeuclidean"), SinkhornOptions.defaults().withEpsilon(0.3).withThreshold(1e-9).withMaxIterations(10_000));
            assertThat(r.<Boolean>getAs("converged")).isTrue();
            assertThat(r.<Double>getAs("epsilon")).isEqualTo(0.3);
            assertThat(r.<Double>getAs("cost")).isCloseTo(expected.cost(), within(1e-10));
            assertThat(r.<Double>getAs("regularized_cost")).isCloseTo(expected.regularizedCost(), within(1e-10));
            assertThat(r.<Long>getAs("iterations")).isEqualTo((long) expected.iterations());
        }
    }

    @Test
    void aKeyOnOneSideOnlyIsNamed() {
        Dataset<Row> extra = spark.createDataFrame(List.of(RowFactory.create("lonely", 0, 0.0, 0.0, 1.0)), source.schema());
        GroupOptions options = GroupOptions.of(List.of("group"), PointColumns.columns("x", "y"));
        Dataset<Row> result = GroupedOT.solve(source.union(extra), target, options);
        assertThatThrownBy(result::collectAsList).isInstanceOf(SparkException.class)
                .hasStackTraceContaining("group [lonely]: no target points");
    }
}
