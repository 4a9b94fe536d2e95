package io.github.mongeot.core.map;

/**
 * A map that knows the path each point travels (e.g. Lagrangian OT), not only where it ends.
 */
public interface PathMap extends TransportMap {
    /**
     * The path of every row at {@code steps} equally spaced times: an n × steps × d array whose
     * first point is x and whose last is T(x).
     */
    double[][][] paths(double[][] points, int steps);
}
