package io.github.mongeot.cli;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.io.ArrayIO;
import java.nio.file.Path;

/** Reads the point clouds named on the command line; errors name the file at fault. */
final class Inputs {
    private Inputs() {
    }

    /** Points from {@code points} (one row per point) with optional weights from {@code weights}. */
    static PointCloud cloud(Path points, Path weights) {
        double[][] rows = ArrayIO.read(points);
        double[] w = weights == null ? null : ArrayIO.readVector(weights);
        return PointCloud.weighted(points.toString(), rows, w);
    }
}
