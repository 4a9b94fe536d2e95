package io.github.mongeot.core.map;

/**
 * A stochastic map T(x, z) (e.g. neural OT with weak costs): each input has a distribution of
 * images. {@link #apply} is the method's deterministic read-out; {@link #sample} draws from it.
 */
public interface StochasticMap extends TransportMap {
    /** {@code samples} independent images of every row: an n × samples × d array, reproducible by seed. */
    double[][][] sample(double[][] points, int samples, long seed);
}
