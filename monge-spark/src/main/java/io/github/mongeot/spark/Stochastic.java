package io.github.mongeot.spark;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.map.StochasticMap;
import io.github.mongeot.core.map.TransportMap;

/** Samples of stochastic maps ({@link StochasticMap}). */
final class Stochastic {
    private Stochastic() {
    }

    static boolean isStochastic(TransportMap map) {
        return map instanceof StochasticMap;
    }

    static double[][][] sample(TransportMap map, double[][] points, int samples, long seed) {
        if (!(map instanceof StochasticMap stochastic)) {
            throw new InvalidInputException(map.modelType() + " models draw no samples");
        }
        return stochastic.sample(points, samples, seed);
    }
}
