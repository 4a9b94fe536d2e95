package io.github.mongeot.core.map;

import io.github.mongeot.core.data.InvalidInputException;

/**
 * A map T(x; η) that takes a condition η besides the point (e.g. DPOT's conditional maps): one
 * fitted model transports a whole family of problems indexed by η.
 */
public interface ConditionalMap extends TransportMap {
    /** Length of the condition vector η. */
    int conditionDim();

    /** T(x; η) for each row, with the same condition for every row. */
    double[][] apply(double[][] points, double[] condition);

    /** T⁻¹(y; η) for each row, where the method has an inverse. */
    default double[][] applyInverse(double[][] points, double[] condition) {
        throw new InvalidInputException(modelType() + " models have no inverse map");
    }
}
