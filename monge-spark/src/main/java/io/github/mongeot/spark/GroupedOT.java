package io.github.mongeot.spark;

import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.cost.TranslationInvariantCost;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.exact.ExactResult;
import io.github.mongeot.core.exact.NetworkSimplex;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One OT problem per group: the rows of {@code source} and {@code target} sharing a key are the two
 * point clouds (with optional weights), solved with the exact solver or Sinkhorn on the executors.
 * One output row per group: the key columns, then {@code solver, n, m, cost, regularized_cost,
 * epsilon, converged, iterations, marginal_error, seconds} and, on request, {@code plan} (an
 * array of {@code (source, target, mass)} entries).
 *
 * <pre>{@code
 * Dataset<Row> results = GroupedOT.solve(cellsBefore, cellsAfter,
 *         GroupOptions.of(List.of("sample"), PointColumns.vector("embedding")));
 * }</pre>
 */
public final class GroupedOT {
    private GroupedOT() {
    }

    /** The per-group results (lazy). A key present on one side only fails the job naming the key. */
    public static Dataset<Row> solve(Dataset<Row> source, Dataset<Row> target, GroupOptions options) {
        Side s = Side.of(source.schema(), options, "source");
        Side t = Side.of(target.schema(), options, "target");
        StructType keySchema = new StructType();
        for (int k = 0; k < options.keys().size(); k++) {
            StructField fs = source.schema().fields()[s.keys[k]];
            StructField ft = target.schema().fields()[t.keys[k]];
            if (!fs.dataType().equals(ft.dataType())) {
                throw new InvalidInputException("group key '" + fs.name() + "' is " + fs.dataType().simpleString()
                        + " in source but " + ft.dataType().simpleString() + " in target");
            }
            keySchema = keySchema.add(fs.name(), fs.dataType(), true);
        }
        KeyValueGroupedDataset<Row, Row> sourceGroups =
                source.groupByKey((MapFunction<Row, Row>) s::key, Encoders.row(keySchema));
        KeyValueGroupedDataset<Row, Row> targetGroups =
                target.groupByKey((MapFunction<Row, Row>) t::key, Encoders.row(keySchema));
        StructType out = resultSchema(keySchema, options);
        CoGroupFunction<Row, Row, Row, Row> solveOne = (key, xs, ys) -> List.of(solveGroup(key, xs, ys, s, t, options))
                .iterator();
        return sourceGroups.cogroup(targetGroups, solveOne, Encoders.row(out));
    }

    /** The output schema: key columns then the result columns. */
    static StructType resultSchema(StructType keySchema, GroupOptions options) {
        StructType out = keySchema
                .add("solver", DataTypes.StringType, false)
                .add("n", DataTypes.IntegerType, false)
                .add("m", DataTypes.IntegerType, false)
                .add("cost", DataTypes.DoubleType, false)
                .add("regularized_cost", DataTypes.DoubleType, true)
                .add("epsilon", DataTypes.DoubleType, true)
                .add("converged", DataTypes.BooleanType, false)
                .add("iterations", DataTypes.LongType, false)
                .add("marginal_error", DataTypes.DoubleType, false)
                .add("seconds", DataTypes.DoubleType, false);
        if (options.plans()) {
            StructType entry = new StructType()
                    .add("source", DataTypes.LongType, false)
                    .add("target", DataTypes.LongType, false)
                    .add("mass", DataTypes.DoubleType, false);
            out = out.add("plan", DataTypes.createArrayType(entry, false), false);
        }
        return out;
    }

    private static Row solveGroup(Row key, Iterator<Row> xs, Iterator<Row> ys, Side s, Side t, GroupOptions options) {
        Cloud x = s.collect(xs, key, -1);
        Cloud y = t.collect(ys, key, x.points.length == 0 ? -1 : x.points[0].length);
        if (x.points.length == 0 || y.points.length == 0) {
            throw new InvalidInputException("group " + key + ": no " + (x.points.length == 0 ? "source" : "target")
                    + " points (the key appears on one side only)");
        }
        if (x.points[0].length != y.points[0].length) {
            throw new InvalidInputException("group " + key + ": source points have " + x.points[0].length
                    + " coordinates, target points " + y.points[0].length);
        }
        TranslationInvariantCost cost = Costs.parse(options.cost());
        List<Object> values = new ArrayList<>(Arrays.asList(new Object[key.length()]));
        for (int k = 0; k < key.length(); k++) {
            values.set(k, key.get(k));
        }
        List<Row> plan = new ArrayList<>();
        if (options.solver() == GroupSolver.EXACT) {
            double[][] c = cost.matrix(x.points, y.points);
            NetworkSimplex simplex = options.maxIterations() == null ? NetworkSimplex.create()
                    : NetworkSimplex.create().maxIterations(options.maxIterations());
            long start = System.nanoTime();
            ExactResult r = simplex.solve(x.weights, y.weights, c);
            double seconds = (System.nanoTime() - start) / 1e9;
            values.addAll(Arrays.asList("exact", x.points.length, y.points.length, r.cost(), null, null, r.converged(),
                    r.iterations(), r.marginalError(x.weights, y.weights), seconds));
            if (options.plans()) {
                int[] rows = r.rows();
                int[] cols = r.cols();
                double[] mass = r.mass();
                for (int k = 0; k < mass.length; k++) {
                    if (mass[k] >= options.planMinMass()) {
                        plan.add(RowFactory.create(x.ids[rows[k]], y.ids[cols[k]], mass[k]));
                    }
                }
            }
        } else {
            PointCloud px = PointCloud.weighted("group " + key + " source", x.points, x.weights);
            PointCloud py = PointCloud.weighted("group " + key + " target", y.points, y.weights);
            SinkhornResult r = Sinkhorn.solve(px, py, cost, options.sinkhornOptions());
            values.addAll(Arrays.asList("sinkhorn", x.points.length, y.points.length, r.cost(), r.regularizedCost(),
                    r.epsilon(), r.converged(), (long) r.iterations(), r.marginalError(), r.seconds()));
            if (options.plans()) {
                double[][] p = r.plan();
                for (int i = 0; i < p.length; i++) {
                    for (int j = 0; j < p[i].length; j++) {
                        if (p[i][j] >= options.planMinMass()) {
                            plan.add(RowFactory.create(x.ids[i], y.ids[j], p[i][j]));
                        }
                    }
                }
            }
            r.releasePlanData();
        }
        if (options.plans()) {
            values.add(plan.toArray(new Row[0]));
        }
        return RowFactory.create(values.toArray());
    }

    /** One group's points in a fixed order, normalised weights and point ids. */
    private record Cloud(double[][] points, double[] weights, long[] ids) {
    }

    /** Column positions of one input Dataset. */
    private static final class Side implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final int[] keys;
        private final int[] points;
        private final int weight;
        private final int id;
        private final GroupOptions options;

        private Side(String name, int[] keys, int[] points, int weight, int id, GroupOptions options) {
            this.name = name;
            this.keys = keys;
            this.points = points;
            this.weight = weight;
            this.id = id;
            this.options = options;
        }

        static Side of(StructType schema, GroupOptions options, String name) {
            int[] keys = new int[options.keys().size()];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = PointColumns.fieldIndex(schema, options.keys().get(k), name);
            }
            int[] points = options.points().resolve(schema, name);
            int weight = -1;
            if (options.weightColumn() != null) {
                weight = PointColumns.fieldIndex(schema, options.weightColumn(), name);
                if (!(schema.fields()[weight].dataType() instanceof NumericType)) {
                    throw new InvalidInputException(name + ": weight column '" + options.weightColumn() + "' is not numeric");
                }
            }
            int id = -1;
            if (options.idColumn() != null) {
                id = PointColumns.fieldIndex(schema, options.idColumn(), name);
                if (!(schema.fields()[id].dataType() instanceof IntegralType)) {
                    throw new InvalidInputException(name + ": id column '" + options.idColumn() + "' is "
                            + schema.fields()[id].dataType().simpleString() + ", expected an integer type");
                }
            }
            return new Side(name, keys, points, weight, id, options);
        }

        Row key(Row row) {
            Object[] values = new Object[keys.length];
            for (int k = 0; k < keys.length; k++) {
                values[k] = row.get(keys[k]);
            }
            return RowFactory.create(values);
        }

        Cloud collect(Iterator<Row> rows, Row key, int dim) {
            record Point(double[] x, double w, long id) {
            }
            String what = name + " group " + key;
            List<Point> list = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                double[] x = options.points().read(row, points, dim, what);
                double w = weight < 0 ? 1.0 : PointColumns.number(row, weight, options.weightColumn(), what);
                if (w < 0) {
                    throw new InvalidInputException(what + ": negative weight " + w + " in row " + row);
                }
                long pointId = id < 0 ? 0 : idOf(row, what);
                if (dim < 0 && !list.isEmpty() && x.length != list.get(0).x.length) {
                    throw new InvalidInputException(what + ": points with " + list.get(0).x.length + " and "
                            + x.length + " coordinates");
                }
                list.add(new Point(x, w, pointId));
            }
            // Rows arrive in shuffle order: sort them so that results do not depend on it.
            Comparator<Point> order = id >= 0 ? Comparator.comparingLong(Point::id) : (a, b) -> {
                for (int k = 0; k < a.x.length; k++) {
                    int c = Double.compare(a.x[k], b.x[k]);
                    if (c != 0) {
                        return c;
                    }
                }
                return Double.compare(a.w, b.w);
            };
            list.sort(order);
            int n = list.size();
            double[][] xs = new double[n][];
            double[] ws = new double[n];
            long[] ids = new long[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                Point p = list.get(i);
                xs[i] = p.x;
                ws[i] = p.w;
                ids[i] = id >= 0 ? p.id : i;
                total += p.w;
                if (id >= 0 && i > 0 && ids[i] == ids[i - 1]) {
                    throw new InvalidInputException(what + ": id " + ids[i] + " appears twice in column '"
                            + options.idColumn() + "'");
                }
            }
            if (n > 0 && !(total > 0)) {
                throw new InvalidInputException(what + ": weights sum to " + total + " (need a positive total)");
            }
            for (int i = 0; i < n; i++) {
                ws[i] /= total;
            }
            return new Cloud(xs, ws, ids);
        }

        private long idOf(Row row, String what) {
            if (row.isNullAt(id)) {
                throw new InvalidInputException(what + ": id column '" + options.idColumn() + "' is null in row " + row);
            }
            return ((Number) row.get(id)).longValue();
        }

        @Override
        public String toString() {
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
