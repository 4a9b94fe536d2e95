package io.github.mongeot.spark;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.map.TransportMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a saved transport map to every row of a Dataset. Each partition streams its rows in
 * batches through the map (one {@link TransportMap#apply} call per batch) and the model is loaded
 * once per executor JVM ({@link SparkModel}). Input columns are kept; the mapped point is appended.
 *
 * <pre>{@code
 * SparkModel model = SparkModel.load(spark, Path.of("map.monge"));
 * Dataset<Row> out = SparkMaps.apply(cells, model, ApplyOptions.of(PointColumns.columns("x", "y")));
 * }</pre>
 */
public final class SparkMaps {
    private SparkMaps() {
    }

    /** The mapped Dataset (lazy, as every Spark transformation). */
    public static Dataset<Row> apply(Dataset<Row> data, SparkModel model, ApplyOptions options) {
        StructType schema = data.schema();
        PointColumns input = options.input();
        int[] positions = input.resolve(schema, "apply input");
        if (!input.isVector() && positions.length != model.dim()) {
            throw new InvalidInputException("apply: " + positions.length + " input columns for a " + model.dim()
                    + "-dimensional model (" + model.name() + ")");
        }
        if (options.mode() == MapMode.INVERSE && !model.hasInverse()) {
            throw new InvalidInputException(model.name() + ": " + model.modelType() + " models have no inverse map");
        }
        if (options.mode() == MapMode.SAMPLES && !model.isStochastic()) {
            throw new InvalidInputException(model.name() + ": " + model.modelType() + " models draw no samples");
        }
        StructType outSchema = schema;
        for (StructField f : outputFields(input, options)) {
            if (Arrays.asList(schema.fieldNames()).contains(f.name())) {
                throw new InvalidInputException("apply: output column '" + f.name()
                        + "' already exists in the input; choose another prefix or output name");
            }
            outSchema = outSchema.add(f);
        }
        MapPartitionsFunction<Row, Row> perPartition = rows -> new BatchIterator(rows, model, options, positions);
        return data.mapPartitions(perPartition, Encoders.row(outSchema));
    }

    private static List<StructField> outputFields(PointColumns input, ApplyOptions options) {
        List<StructField> fields = new ArrayList<>();
        if (options.mode() == MapMode.SAMPLES) {
            fields.add(DataTypes.createStructField(options.outputColumn(),
                    DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false), false), false));
        } else if (input.isVector()) {
            fields.add(DataTypes.createStructField(options.outputColumn(),
                    DataTypes.createArrayType(DataTypes.DoubleType, false), false));
        } else {
            for (String name : input.names()) {
                fields.add(DataTypes.createStructField(options.prefix() + name, DataTypes.DoubleType, false));
            }
        }
        return fields;
    }

    /** Reads up to batchSize rows, maps them in one call, hands them out with the results appended. */
    private static final class BatchIterator implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final TransportMap map;
        private final ApplyOptions options;
        private final PointColumns input;
        private final int[] positions;
        private final int dim;
        private final long partition;
        private final List<Row> batch = new ArrayList<>();
        private Object[] results;
        private int next;
        private long batchIndex;

        BatchIterator(Iterator<Row> rows, SparkModel model, ApplyOptions options, int[] positions) {
            this.rows = rows;
            this.map = model.map();
            this.options = options;
            this.input = options.input();
            this.positions = positions;
            this.dim = model.dim();
            TaskContext task = TaskContext.get();
            this.partition = task == null ? 0 : task.partitionId();
        }

        @Override
        public boolean hasNext() {
            if (next < batch.size()) {
                return true;
            }
            return rows.hasNext() && fill();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = batch.get(next);
            Object[] values = new Object[row.length() + outputWidth()];
            for (int k = 0; k < row.length(); k++) {
                values[k] = row.get(k);
            }
            Object result = results[next];
            // Spark's row encoder takes Java arrays for array columns.
            if (result instanceof double[] point && !input.isVector() && options.mode() != MapMode.SAMPLES) {
                for (int k = 0; k < point.length; k++) {
                    values[row.length() + k] = point[k];
                }
            } else {
                values[row.length()] = result;
            }
            next++;
            return RowFactory.create(values);
        }

        private int outputWidth() {
            return options.mode() != MapMode.SAMPLES && !input.isVector() ? dim : 1;
        }

        private boolean fill() {
            batch.clear();
            next = 0;
            while (batch.size() < options.batchSize() && rows.hasNext()) {
                batch.add(rows.next());
            }
            double[][] points = new double[batch.size()][];
            for (int i = 0; i < points.length; i++) {
                points[i] = input.read(batch.get(i), positions, dim, "apply input");
            }
            results = new Object[points.length];
            switch (options.mode()) {
                case FORWARD, INVERSE -> {
                    double[][] mapped = options.mode() == MapMode.FORWARD ? map.apply(points) : map.applyInverse(points);
                    for (int i = 0; i < points.length; i++) {
                        results[i] = mapped[i];
                    }
                }
                case SAMPLES -> {
                    long seed = options.seed() + (partition << 32) + batchIndex;
                    double[][][] drawn = Stochastic.sample(map, points, options.sampleCount(), seed);
                    System.arraycopy(drawn, 0, results, 0, points.length);
                }
                default -> throw new IllegalStateException(options.mode().name());
            }
            batchIndex++;
            return !batch.isEmpty();
        }
    }
}
