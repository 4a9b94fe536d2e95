package io.github.mongeot.spark;

import io.github.mongeot.core.data.InvalidInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where a row keeps its point: either d numeric columns (one coordinate each) or one array column
 * holding all d coordinates. (A Spark ML vector column converts with
 * {@code org.apache.spark.ml.functions.vector_to_array}.)
 */
public final class PointColumns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    private final String vector;

    private PointColumns(List<String> columns, String vector) {
        this.columns = columns;
        this.vector = vector;
    }

    /** One numeric column per coordinate, in this order. */
    public static PointColumns columns(String... names) {
        return columns(Arrays.asList(names));
    }

    /** One numeric column per coordinate, in this order. */
    public static PointColumns columns(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("point columns: none given");
        }
        return new PointColumns(List.copyOf(names), null);
    }

    /** One array column (array of numbers) per point. */
    public static PointColumns vector(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("vector column: no name given");
        }
        return new PointColumns(null, name);
    }

    public boolean isVector() {
        return vector != null;
    }

    /** The coordinate columns (empty for a vector column). */
    public List<String> names() {
        return columns == null ? List.of() : columns;
    }

    /** The array column's name (null for coordinate columns). */
    public String vectorName() {
        return vector;
    }

    /** Column positions in {@code schema}; checks that they exist and hold numbers. */
    int[] resolve(StructType schema, String what) {
        List<String> wanted = isVector() ? List.of(vector) : columns;
        int[] positions = new int[wanted.size()];
        for (int k = 0; k < positions.length; k++) {
            String name = wanted.get(k);
            int index = fieldIndex(schema, name, what);
            DataType type = schema.fields()[index].dataType();
            boolean ok = isVector()
                    ? type instanceof ArrayType array && array.elementType() instanceof NumericType
                    : type instanceof NumericType;
            if (!ok) {
                throw new InvalidInputException(what + ": column '" + name + "' has type " + type.simpleString()
                        + ", expected " + (isVector() ? "an array of numbers" : "a number"));
            }
            positions[k] = index;
        }
        return positions;
    }

    /**
     * Reads one point; {@code dim} is the expected dimension (−1: any). Fails naming the column
     * on a null, NaN/Inf or wrongly sized vector.
     */
    double[] read(Row row, int[] positions, int dim, String what) {
        if (!isVector()) {
            double[] x = new double[positions.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = number(row, positions[k], columns.get(k), what);
            }
            return x;
        }
        if (row.isNullAt(positions[0])) {
            throw new InvalidInputException(what + ": column '" + vector + "' is null in row " + row);
        }
        List<Object> values = row.getList(positions[0]);
        if (dim >= 0 && values.size() != dim) {
            throw new InvalidInputException(what + ": column '" + vector + "' has " + values.size()
                    + " coordinates in row " + row + ", expected " + dim);
        }
        double[] x = new double[values.size()];
        for (int k = 0; k < x.length; k++) {
            Object v = values.get(k);
            x[k] = v == null ? Double.NaN : ((Number) v).doubleValue();
            if (!Double.isFinite(x[k])) {
                throw new InvalidInputException(what + ": column '" + vector + "' holds " + (v == null ? "null" : x[k])
                        + " in row " + row + " (NaN/Inf/null not allowed)");
            }
        }
        return x;
    }

    /** A finite number from a numeric column, or a one-line error naming it. */
    static double number(Row row, int position, String name, String what) {
        if (row.isNullAt(position)) {
            throw new InvalidInputException(what + ": column '" + name + "' is null in row " + row);
        }
        double v = ((Number) row.get(position)).doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(what + ": column '" + name + "' is " + v + " in row " + row
                    + " (NaN/Inf not allowed)");
        }
        return v;
    }

    static int fieldIndex(StructType schema, String name, String what) {
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equals(name)) {
                return i;
            }
        }
        List<String> known = new ArrayList<>();
        for (StructField f : schema.fields()) {
            known.add(f.name());
        }
        throw new InvalidInputException(what + ": no column '" + name + "' (columns: " + String.join(", ", known) + ")");
    }

    @Override
    public String toString() {
        return isVector() ? "vector column " + vector : "columns " + String.join(",", columns);
    }
}
