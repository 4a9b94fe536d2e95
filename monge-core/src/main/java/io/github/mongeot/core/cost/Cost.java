package io.github.mongeot.core.cost;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/** A ground cost c(x, y) between points of R^d. */
public interface Cost {
    /** The name the CLI and model files use, e.g. {@code sqeuclidean} or {@code pnorm:1.5}. */
    String name();

    /** The n × m matrix C_ij = c(x_i, y_j); differentiable in x and y. */
    Tensor matrix(Tensor x, Tensor y);

    /** The cost matrix for plain arrays (float64). */
    default double[][] matrix(double[][] x, double[][] y) {
        try (PointerScope scope = new PointerScope()) {
            return Tensors.toRows(matrix(Tensors.fromRows(x, DType.FLOAT64), Tensors.fromRows(y, DType.FLOAT64)));
        }
    }
}
