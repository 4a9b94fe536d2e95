package io.github.mongeot.cli;

import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.map.TransportMap;
import io.github.mongeot.core.map.TransportMaps;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monge apply}: push points through a saved model. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply a saved transport map (or its inverse) to points.")
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model file written by 'monge fit'.")
    Path model;

    @Option(names = "--input", required = true, description = "Points to map (.npy, .npz, .csv).")
    Path input;

    @Option(names = "--output", required = true, description = "Where to write the mapped points.")
    Path output;

    @Option(names = "--inverse", description = "Apply the inverse map (where the model has one).")
    boolean inverse;

    @Override
    public Integer call() {
        TransportMap map = TransportMaps.load(model);
        double[][] points = ArrayIO.read(input);
        io.github.mongeot.core.data.Validation.checkPoints(input.toString(), points);
        if (points[0].length != map.dim()) {
            throw new IllegalArgumentException(input + ": points have " + points[0].length
                    + " columns, the model maps " + map.dim() + "-dimensional points");
        }
        double[][] mapped = inverse ? map.applyInverse(points) : map.apply(points);
        ArrayIO.write(output, mapped);
        spec.commandLine().getErr().println("apply: mapped " + mapped.length + " points"
                + (inverse ? " (inverse)" : "") + " with " + map.modelType() + " model; wrote " + output);
        return 0;
    }
}
