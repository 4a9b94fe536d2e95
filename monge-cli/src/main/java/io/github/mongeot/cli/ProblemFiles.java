package io.github.mongeot.cli;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.io.ArrayIO;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The source and target files (and optional weights) every solve and fit command takes. */
final class ProblemFiles {
    @Option(names = "--source", required = true, description = "Source points (.npy, .npz, .csv; one row per point).")
    Path source;

    @Option(names = "--target", required = true, description = "Target points (.npy, .npz, .csv).")
    Path target;

    @Option(names = "--source-weights", description = "Source weights (1-D array summing to 1; default uniform).")
    Path sourceWeights;

    @Option(names = "--target-weights", description = "Target weights (1-D array summing to 1; default uniform).")
    Path targetWeights;

    PointCloud source() {
        return cloud(source, sourceWeights);
    }

    PointCloud target() {
        return cloud(target, targetWeights);
    }

    /** Both clouds, checked to have the same dimension. */
    PointCloud[] both() {
        PointCloud x = source();
        PointCloud y = target();
        Validation.checkSameDimension(x, y);
        return new PointCloud[] {x, y};
    }

    private static PointCloud cloud(Path points, Path weights) {
        double[][] rows = ArrayIO.read(points);
        double[] w = weights == null ? null : ArrayIO.readVector(weights);
        return PointCloud.weighted(points.toString(), rows, w);
    }
}
