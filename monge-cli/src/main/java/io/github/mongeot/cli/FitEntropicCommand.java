package io.github.mongeot.cli;

import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.entropic.EntropicMapEstimator;
import io.github.mongeot.core.entropic.EntropicMapModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monge fit entropic}: the entropic map estimator, saved as an {@code entropic-map} model. */
@Command(name = "entropic", mixinStandardHelpOptions = true,
        description = "Fit the entropic map estimator (Sinkhorn duals extended out of sample).")
final class FitEntropicCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemFiles files;

    @Option(names = "--cost", defaultValue = "sqeuclidean", description = "sqeuclidean, half-sqeuclidean or pnorm:P.")
    String cost;

    @Mixin
    SinkhornSettings sinkhorn;

    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        PointCloud[] clouds = files.both();
        PointCloud x = clouds[0];
        PointCloud y = clouds[1];
        EntropicMapModel model = new EntropicMapEstimator(Costs.parse(cost), sinkhorn.options()).fit(x, y);
        model.save(out);
        PrintWriter err = spec.commandLine().getErr();
        err.println("fit entropic: " + x.size() + " → " + y.size() + " points, ε = " + model.map().epsilon()
                + ", " + model.fitReport().get("iterations") + " Sinkhorn iterations, marginal error "
                + model.fitReport().get("marginal_error").asDouble() + "; wrote " + out);
        return 0;
    }
}
