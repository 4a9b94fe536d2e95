package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.ConditionalMap;
import io.github.mongeot.core.map.PathMap;
import io.github.mongeot.core.map.StochasticMap;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code monge apply}: push points through a saved model — forward or inverse, at a condition, as K
 * stochastic samples, as K-point paths, or as the K frames of the morph (1 − t)x + tT(x).
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply a saved transport map (or its inverse) to points.")
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model file written by 'monge fit'.")
    Path model;

    @Option(names = "--input", required = true, description = "Points to map (.npy, .npz, .csv).")
    Path input;

    @Option(names = "--output", required = true,
            description = "Where to write the mapped points (n × d; n × K × d with --samples/--paths/--morph: .npy or .npz).")
    Path output;

    @Option(names = "--inverse", description = "Apply the inverse map (where the model has one).")
    boolean inverse;

    @Option(names = "--condition", split = ",", paramLabel = "η",
            description = "Condition vector for conditional models, comma-separated.")
    double[] condition;

    @ArgGroup(exclusive = true)
    Sequence sequence;

    /** The three ways to ask for K outputs per point; at most one. */
    static final class Sequence {
        @Option(names = "--samples", paramLabel = "K", description = "K samples per point (stochastic models).")
        Integer samples;

        @Option(names = "--paths", paramLabel = "K", description = "The K-point path of every point (path models).")
        Integer paths;

        @Option(names = "--morph", paramLabel = "K",
                description = "K frames (1 − t)x + tT(x), t = 0 … 1, for any model.")
        Integer morph;
    }

    @Option(names = "--seed", defaultValue = "0", description = "Seed for --samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        TransportMap map = TransportMaps.load(model);
        double[][] points = ArrayIO.read(input);
        Validation.checkPoints(input.toString(), points);
        if (points[0].length != map.dim()) {
            throw new IllegalArgumentException(input + ": points have " + points[0].length
                    + " columns, the model maps " + map.dim() + "-dimensional points");
        }
        String what;
        if (sequence != null && sequence.samples != null) {
            ArrayIO.writePaths(output, stochastic(map).sample(points, positive("--samples", sequence.samples), seed));
            what = sequence.samples + " samples of ";
        } else if (sequence != null && sequence.paths != null) {
            ArrayIO.writePaths(output, pathMap(map).paths(points, atLeastTwo("--paths", sequence.paths)));
            what = sequence.paths + "-point paths of ";
        } else if (sequence != null && sequence.morph != null) {
            ArrayIO.writePaths(output, morph(points, mapped(map, points), atLeastTwo("--morph", sequence.morph)));
            what = sequence.morph + " morph frames of ";
        } else {
            ArrayIO.write(output, mapped(map, points));
            what = "";
        }
        spec.commandLine().getErr().println("apply: mapped " + what + points.length + " points"
                + (inverse ? " (inverse)" : "") + " with " + map.modelType() + " model; wrote " + output);
        return 0;
    }

    private double[][] mapped(TransportMap map, double[][] points) {
        if (condition != null) {
            if (!(map instanceof ConditionalMap conditional)) {
                throw new InvalidInputException("--condition: " + map.modelType() + " models take no condition");
            }
            if (condition.length != conditional.conditionDim()) {
                throw new InvalidInputException("--condition: expected " + conditional.conditionDim()
                        + " values, got " + condition.length);
            }
            return inverse ? conditional.applyInverse(points, condition) : conditional.apply(points, condition);
        }
        return inverse ? map.applyInverse(points) : map.apply(points);
    }

    private StochasticMap stochastic(TransportMap map) {
        if (inverse || condition != null) {
            throw new InvalidInputException("--samples: cannot be combined with --inverse or --condition");
        }
        if (!(map instanceof StochasticMap stochastic)) {
            throw new InvalidInputException("--samples: " + map.modelType() + " models are deterministic");
        }
        return stochastic;
    }

    private PathMap pathMap(TransportMap map) {
        if (inverse || condition != null) {
            throw new InvalidInputException("--paths: cannot be combined with --inverse or --condition");
        }
        if (!(map instanceof PathMap paths)) {
            throw new InvalidInputException("--paths: " + map.modelType() + " models have no paths (try --morph)");
        }
        return paths;
    }

    /** Frame k is (1 − t)x + tT(x) at t = k / (K − 1): McCann's displacement interpolation. */
    static double[][][] morph(double[][] points, double[][] mapped, int frames) {
        double[][][] out = new double[points.length][frames][];
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < frames; k++) {
                double t = k / (double) (frames - 1);
                double[] frame = new double[points[i].length];
                for (int j = 0; j < frame.length; j++) {
                    frame[j] = (1 - t) * points[i][j] + t * mapped[i][j];
                }
                out[i][k] = frame;
            }
        }
        return out;
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new InvalidInputException(option + ": must be at least 1, got " + value);
        }
        return value;
    }

    private static int atLeastTwo(String option, int value) {
        if (value < 2) {
            throw new InvalidInputException(option + ": needs at least 2 points (start and end), got " + value);
        }
        return value;
    }
}
