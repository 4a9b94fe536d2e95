package io.github.mongeot.spark;

/** What {@link SparkMaps#apply} computes for each row. */
public enum MapMode {
    /** T(x). */
    FORWARD,
    /** T⁻¹(y), where the model has an inverse. */
    INVERSE,
    /** K samples of a stochastic map T(x, z). */
    SAMPLES
}
