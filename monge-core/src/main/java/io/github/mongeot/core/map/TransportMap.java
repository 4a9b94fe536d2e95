package io.github.mongeot.core.map;

import io.github.mongeot.core.data.InvalidInputException;
import java.nio.file.Path;

/**
 * A fitted transport map: what every Monge estimator returns. Apply it to new points (one row per
 * point), invert it where the method has an inverse, and save it as a model file that
 * {@link TransportMaps#load(Path)} reads back.
 */
public interface TransportMap {
    /** The {@code model_type} written into model files, e.g. {@code entropic-map}. */
    String modelType();

    /** Dimension of the points the map takes. */
    int dim();

    /** T(x) for each row. */
    double[][] apply(double[][] points);

    /** Whether {@link #applyInverse} is available. */
    default boolean hasInverse() {
        return false;
    }

    /** T⁻¹(y) for each row, where the method has an inverse. */
    default double[][] applyInverse(double[][] points) {
        throw new InvalidInputException(modelType() + " models have no inverse map");
    }

    /** Writes the model file atomically. */
    void save(Path path);
}
