package io.github.mongeot.spark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.io.ModelFile;
import io.github.mongeot.core.io.ModelFileContent;
import io.github.mongeot.core.io.SafetensorsArray;
import io.github.mongeot.core.map.StochasticMap;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMapLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A test stochastic map T(x, z) = x + shift + σ z, z ~ N(0, I), saved and loaded like any model. */
final class NoisyShift implements StochasticMap {
    static final String TYPE = "test-noisy-shift";
    private final double[] shift;
    private final double sigma;

    NoisyShift(double[] shift, double sigma) {
        this.shift = shift.clone();
        this.sigma = sigma;
    }

    @Override
    public String modelType() {
        return TYPE;
    }

    @Override
    public int dim() {
        return shift.length;
    }

    @Override
    public double[][] apply(double[][] points) {
        double[][] out = new double[points.length][dim()];
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < dim(); k++) {
                out[i][k] = points[i][k] + shift[k];
            }
        }
        return out;
    }

    @Override
    public double[][][] sample(double[][] points, int samples, long seed) {
        Random random = new Random(seed);
        double[][][] out = new double[points.length][samples][dim()];
        for (int i = 0; i < points.length; i++) {
            for (int s = 0; s < samples; s++) {
                for (int k = 0; k < dim(); k++) {
                    out[i][s][k] = points[i][k] + shift[k] + sigma * random.nextGaussian();
                }
            }
        }
        return out;
    }

    @Override
    public void save(Path path) {
        ModelFile.write(path, TYPE, JsonNodeFactory.instance.objectNode().put("sigma", sigma),
                List.of(SafetensorsArray.ofVector("shift", shift, DType.FLOAT64)));
    }

    /** Registered in the test resources' service file. */
    public static final class Loader implements TransportMapLoader {
        @Override
        public String modelType() {
            return TYPE;
        }

        @Override
        public TransportMap load(ModelFileContent content) {
            return new NoisyShift(content.tensor("shift").data(), content.config().get("sigma").asDouble());
        }
    }
}
