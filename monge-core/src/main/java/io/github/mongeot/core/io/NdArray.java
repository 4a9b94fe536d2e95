package io.github.mongeot.core.io;

import java.util.Arrays;

/**
 * An n-dimensional array of doubles: a shape and the values in row-major (C) order. This is what
 * the array readers produce before it is turned into points (n × d), paths (n × K × d) or weights
 * (n). Immutable: arrays are copied in and out.
 */
public final class NdArray {
    private final int[] shape;
    private final double[] data;

    /** Values in row-major order (copied); their count must equal the product of {@code shape}. */
    public NdArray(int[] shape, double[] data) {
        this(data.clone(), shape.clone());
    }

    // Argument order differs from the public constructor: this one does not copy.
    private NdArray(double[] data, int[] shape) {
        long size = sizeOf(shape);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + size
                    + " values, got " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    /** Takes ownership of the arrays without copying (for the readers in this package). */
    static NdArray wrap(int[] shape, double[] data) {
        return new NdArray(data, shape);
    }

    /** A 1-D array (copied). */
    public static NdArray of(double[] vector) {
        return wrap(new int[] {vector.length}, vector.clone());
    }

    /** A 2-D array of n rows of d values (copied); rows must have equal length. */
    public static NdArray of(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        double[] flat = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + rows[i].length
                        + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return wrap(new int[] {n, d}, flat);
    }

    /** A 3-D array n × K × d (copied), e.g. n paths of K points in R^d. */
    public static NdArray of(double[][][] cube) {
        int n = cube.length;
        int k = n == 0 ? 0 : cube[0].length;
        int d = k == 0 ? 0 : cube[0][0].length;
        double[] flat = new double[Math.multiplyExact(Math.multiplyExact(n, k), d)];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            if (cube[i].length != k) {
                throw new IllegalArgumentException("item " + (i + 1) + " has " + cube[i].length
                        + " rows, expected " + k);
            }
            for (int j = 0; j < k; j++) {
                if (cube[i][j].length != d) {
                    throw new IllegalArgumentException("item " + (i + 1) + ", row " + (j + 1) + " has "
                            + cube[i][j].length + " values, expected " + d);
                }
                System.arraycopy(cube[i][j], 0, flat, offset, d);
                offset += d;
            }
        }
        return wrap(new int[] {n, k, d}, flat);
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Extent of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** The values in row-major order (a copy). */
    public double[] data() {
        return data.clone();
    }

    /** The value at a flat row-major index. */
    public double get(int flatIndex) {
        return data[flatIndex];
    }

    /** The values without copying, for the writers in this package. */
    double[] dataUnsafe() {
        return data;
    }

    /** A 1-D array as a vector. */
    public double[] toVector() {
        requireRank(1);
        return data.clone();
    }

    /** A 2-D array as rows. */
    public double[][] toRows() {
        requireRank(2);
        int n = shape[0];
        int d = shape[1];
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * d, rows[i], 0, d);
        }
        return rows;
    }

    /** A 3-D array as {@code [n][K][d]}. */
    public double[][][] toCube() {
        requireRank(3);
        int n = shape[0];
        int k = shape[1];
        int d = shape[2];
        double[][][] cube = new double[n][k][d];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(data, offset, cube[i][j], 0, d);
                offset += d;
            }
        }
        return cube;
    }

    /** The shape written as numpy does: {@code (3, 2)}, {@code (3,)}, {@code ()}. */
    public String shapeString() {
        return shapeString(shape);
    }

    static String shapeString(int[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(shape[i]);
        }
        if (shape.length == 1) {
            text.append(',');
        }
        return text.append(')').toString();
    }

    static long sizeOf(int[] shape) {
        long size = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("negative extent in shape " + shapeString(shape));
            }
            size *= extent;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " is too large for one Java array");
            }
        }
        return size;
    }

    private void requireRank(int expected) {
        if (shape.length != expected) {
            throw new IllegalStateException("expected a " + expected + "-D array, got shape " + shapeString());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NdArray
                && Arrays.equals(shape, ((NdArray) other).shape)
                && Arrays.equals(data, ((NdArray) other).data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NdArray" + shapeString();
    }
}
