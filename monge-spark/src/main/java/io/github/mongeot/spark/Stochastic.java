package io.github.mongeot.spark;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.map.TransportMap;

/** Samples of stochastic maps. */
final class Stochastic {
    private Stochastic() {
    }

    static boolean isStochastic(TransportMap map) {
        return false;
    }

    static double[][][] sample(TransportMap map, double[][] points, int samples, long seed) {
        throw new InvalidInputException(map.modelType() + " models draw no samples");
    }
}
