package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.core.io.NdArray;
import io.github.mongeot.methods.lagrangian.LagrangianOptions;
import io.github.mongeot.methods.lagrangian.LearnedMetric;
import io.github.mongeot.methods.lagrangian.MetricLearner;
import io.github.mongeot.nn.io.NetworkFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monge fit metric}: learn a Riemannian metric from population snapshots (NLOT Algorithm 2). */
@Command(name = "metric", mixinStandardHelpOptions = true,
        description = "Learn A(x) = R diag(1, 0.1) R' from snapshots (an .npz array K x n x 2) by NLOT's Algorithm 2; "
                + "writes the angle network (model type 'network', input x/scale, output the costly direction).")
final class FitMetricCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--snapshots", required = true, description = "An .npz file whose array (K × n × 2) holds the snapshots in time order.")
    Path snapshots;

    @Option(names = "--key", description = "Array name inside the .npz (default ${DEFAULT-VALUE}).")
    String key = "snapshots";

    @Option(names = "--outer-steps", description = "Metric updates (default ${DEFAULT-VALUE}).")
    long outerSteps = 250;

    @Option(names = "--inner-steps", description = "Rounds (one Algorithm 1 update of every snapshot pair) per metric update "
            + "(default ${DEFAULT-VALUE}).")
    int innerSteps = 1;

    @Option(names = "--warmup", description = "Rounds before the first metric update (default ${DEFAULT-VALUE}).")
    long warmup = 25;

    @Option(names = "--metric-lr", description = "Adam learning rate of the metric, constant (default ${DEFAULT-VALUE}).")
    double metricLr = 5e-3;

    @Option(names = "--batch", description = "Points per snapshot per step, drawn with replacement (default: the whole snapshots).")
    Integer batch;

    @Option(names = {"--newton-iterations", "--lbfgs-iterations"},
            description = "Per-row Newton iterations of the c-transform per round, warm-started at the previous round's solution "
                    + "(default ${DEFAULT-VALUE}; --lbfgs-iterations is the old name).")
    int newtonIterations = 1;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--out", required = true, description = "Where to write the metric network (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        Map<String, NdArray> arrays = ArrayIO.readNpz(snapshots);
        NdArray a = arrays.get(key);
        if (a == null) {
            throw new InvalidInputException(snapshots + ": no array '" + key + "' (has " + arrays.keySet() + ")");
        }
        if (a.rank() != 3 || a.dim(2) != 2 || a.dim(0) < 2) {
            throw new InvalidInputException(snapshots + ": '" + key + "' must be K × n × 2 with K >= 2, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        List<double[][]> snaps = new ArrayList<>(List.of(a.toCube()));
        int whole = snaps.stream().mapToInt(s -> s.length).max().orElse(1);
        LagrangianOptions options = LagrangianOptions.defaults().withBatchSize(batch == null ? whole : batch).withNewtonIterations(newtonIterations)
                .withSplineHidden(List.of(64, 64)).withHidden(List.of(64, 64)).withSeed(seed);
        PrintWriter err = spec.commandLine().getErr();
        LearnedMetric metric = new MetricLearner(options, outerSteps, innerSteps, metricLr).withRateDecay(1.0, 0.1).withWarmup(warmup)
                .withLog(FitLagrangianCommand.lines(err)).fit(snaps);
        NetworkFiles.save(out, metric.network());
        err.println(String.format(Locale.ROOT, "fit metric: %d snapshots, %d outer steps; input scale %.6g; wrote %s",
                snaps.size(), outerSteps, metric.scale(), out));
        return 0;
    }
}
