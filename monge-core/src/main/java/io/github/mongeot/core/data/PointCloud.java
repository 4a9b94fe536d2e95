package io.github.mongeot.core.data;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/**
 * A weighted empirical measure Σ a_i δ_{x_i}: n points in R^d (one row per point) and weights
 * summing to 1 (uniform when not given). Validated on construction; immutable (arrays are copied
 * in and out).
 */
public final class PointCloud {
    private final String name;
    private final double[][] points;
    private final double[] weights;

    private PointCloud(String name, double[][] points, double[] weights) {
        this.name = name;
        Validation.checkPoints(name, points);
        this.points = deepCopy(points);
        if (weights == null) {
            this.weights = new double[points.length];
            Arrays.fill(this.weights, 1.0 / points.length);
        } else {
            Validation.checkWeights(name + " weights", weights, points.length);
            this.weights = weights.clone();
        }
    }

    /** Uniform weights. */
    public static PointCloud of(double[][] points) {
        return new PointCloud("points", points, null);
    }

    /** Uniform weights; {@code name} appears in error messages (e.g. "source" or a file path). */
    public static PointCloud of(String name, double[][] points) {
        return new PointCloud(name, points, null);
    }

    /** Given weights (non-negative, summing to 1); null means uniform. */
    public static PointCloud weighted(String name, double[][] points, double[] weights) {
        return new PointCloud(name, points, weights);
    }

    public String name() {
        return name;
    }

    public int size() {
        return points.length;
    }

    public int dim() {
        return points[0].length;
    }

    public double[][] points() {
        return deepCopy(points);
    }

    public double[] weights() {
        return weights.clone();
    }

    /** Row {@code i} (a copy). */
    public double[] point(int i) {
        return points[i].clone();
    }

    public double weight(int i) {
        return weights[i];
    }

    /** The points as an n × d tensor (a new native allocation owned by the caller's scope). */
    public Tensor pointsTensor(DType dtype) {
        return Tensors.fromRows(points, dtype);
    }

    public Tensor weightsTensor(DType dtype) {
        return Tensors.fromVector(weights, dtype);
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
