package io.github.mongeot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.io.ArrayIO;
import io.github.mongeot.methods.dpot.DpotEstimator;
import io.github.mongeot.methods.dpot.DpotModel;
import io.github.mongeot.methods.dpot.DpotOptions;
import io.github.mongeot.methods.dpot.DpotProblem;
import io.github.mongeot.methods.dpot.GammaSolver;
import io.github.mongeot.nn.net.Activation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monge fit dpot}: DPOT (seed 003) from one (source, target) pair, or from a JSON manifest
 * of conditions {@code {"pairs": [{"condition": [η…], "source": FILE, "target": FILE}, …]}}
 * (paths relative to the manifest), saved as a {@code dpot} model.
 */
@Command(name = "dpot", mixinStandardHelpOptions = true,
        description = "Fit DPOT (min-min training of any map network against exact OT plans on batches); "
                + "conditional maps from a manifest, optional inverse map.")
final class FitDpotCommand implements Callable<Integer> {
    private static final DpotOptions DEFAULTS = DpotOptions.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--source", description = "Source points (.npy, .npz, .csv); with --target, instead of --manifest.")
    Path source;

    @Option(names = "--target", description = "Target points (.npy, .npz, .csv).")
    Path target;

    @Option(names = "--manifest", description = "JSON list of (condition, source, target) for a conditional map.")
    Path manifest;

    @Option(names = "--arch", description = "mlp, resnet or modified-mlp (residual; default mlp).")
    String arch = DEFAULTS.architecture().id();

    @Option(names = "--width", description = "Hidden width (default ${DEFAULT-VALUE}).")
    int width = DEFAULTS.width();

    @Option(names = "--depth", description = "Hidden layers / residual blocks (default ${DEFAULT-VALUE}).")
    int depth = DEFAULTS.depth();

    @Option(names = "--activation", description = "relu, tanh, prelu, ... (default relu).")
    String activation = DEFAULTS.activation().id();

    @Option(names = "--lambda", description = "Weight of ||T - id|| in the loss, 0 <= lambda < 1 (default ${DEFAULT-VALUE}).")
    double lambda = DEFAULTS.lambda();

    @Option(names = "--steps", description = "Adam steps (default ${DEFAULT-VALUE}).")
    long steps = DEFAULTS.steps();

    @Option(names = "--batch", description = "Points per batch and condition (default ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--conditions", description = "Conditions per step (default ${DEFAULT-VALUE}).")
    int conditions = DEFAULTS.conditions();

    @Option(names = "--gamma-every", description = "Recompute the exact plans every N steps (default ${DEFAULT-VALUE}).")
    int gammaEvery = DEFAULTS.gammaEvery();

    @Option(names = "--batch-every", description = "Draw new batches every N steps (default ${DEFAULT-VALUE}).")
    int batchEvery = DEFAULTS.batchEvery();

    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.learningRate();

    @Option(names = "--inverse", description = "Also train the inverse map with cycle residuals.")
    boolean inverse;

    @Option(names = "--cycle", split = ",", paramLabel = "F,I",
            description = "Weights of the forward and inverse cycle residuals (default 1,1).")
    double[] cycle = {DEFAULTS.cycleForward(), DEFAULTS.cycleInverse()};

    @Option(names = "--solver", description = "Exact plan solver: auto, simplex or assignment (default auto).")
    String solver = DEFAULTS.solver().id();

    @Option(names = "--seed", description = "Seed of weights, batches and conditions (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--dtype", converter = DTypeConverter.class, description = "float32 or float64 (default float32).")
    DType dtype = DType.FLOAT32;

    @Option(names = "--metrics-log", description = "Write JSON-lines training metrics to this file.")
    Path metricsLog;

    @Option(names = "--out", required = true, description = "Model file to write.")
    Path out;

    @Override
    public Integer call() {
        if (cycle.length != 2) {
            throw new InvalidInputException("--cycle: expected two weights F,I, got " + cycle.length);
        }
        DpotOptions options = new DpotOptions(DpotOptions.Architecture.parse(arch), width, depth, Activation.parse(activation),
                lambda, steps, batch, conditions, gammaEvery, batchEvery, lr, DEFAULTS.decay(), DEFAULTS.decaySteps(), inverse,
                cycle[0], cycle[1], GammaSolver.parse(solver), seed, dtype);
        DpotProblem problem = problem();
        PrintWriter err = spec.commandLine().getErr();
        DpotEstimator estimator = new DpotEstimator(options).withProgress(FitW2gnCommand.progress(err, Math.max(1, steps / 10)));
        if (metricsLog != null) {
            estimator = estimator.withMetricsLog(metricsLog);
        }
        DpotModel model = estimator.fit(problem);
        model.save(out);
        JsonNode r = model.fitReport();
        err.println(String.format(Locale.ROOT, "fit dpot: %d pair(s), %d steps, final loss %.6g, %.1f s (exact OT %.1f s over %d plan "
                + "updates); wrote %s", problem.size(), r.get("steps").asLong(), r.get("final_loss").asDouble(),
                r.get("seconds").asDouble(), r.get("exact_ot_seconds").asDouble(), r.get("gamma_updates").asLong(), out));
        return 0;
    }

    private DpotProblem problem() {
        if (manifest != null) {
            if (source != null || target != null) {
                throw new InvalidInputException("--manifest: give either --manifest or --source/--target, not both");
            }
            return readManifest(manifest);
        }
        if (source == null || target == null) {
            throw new InvalidInputException("missing input: give --source and --target, or --manifest");
        }
        return DpotProblem.of(PointCloud.of(source.toString(), ArrayIO.read(source)),
                PointCloud.of(target.toString(), ArrayIO.read(target)));
    }

    /** {"pairs": [{"condition": [..], "source": "a.npy", "target": "b.npy"}, ...]} (or the bare list). */
    static DpotProblem readManifest(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the manifest (" + e.getMessage() + ")");
        }
        JsonNode list = root != null && root.isObject() ? root.get("pairs") : root;
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(file + ": expected {\"pairs\": [{\"condition\": [..], \"source\": .., \"target\": ..}, ..]}");
        }
        Path base = file.toAbsolutePath().getParent();
        List<DpotProblem.Pair> pairs = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            JsonNode entry = list.get(k);
            String where = file + ": pair " + (k + 1);
            JsonNode c = entry.get("condition");
            if (c == null || !(c.isArray() || c.isNumber())) {
                throw new InvalidInputException(where + " lacks a numeric 'condition' (a number or a list)");
            }
            double[] condition = new double[c.isArray() ? c.size() : 1];
            for (int i = 0; i < condition.length; i++) {
                JsonNode v = c.isArray() ? c.get(i) : c;
                if (!v.isNumber()) {
                    throw new InvalidInputException(where + ": condition entry " + (i + 1) + " is not a number");
                }
                condition[i] = v.asDouble();
            }
            pairs.add(new DpotProblem.Pair(condition, cloud(entry, "source", base, where), cloud(entry, "target", base, where)));
        }
        return new DpotProblem(pairs);
    }

    private static PointCloud cloud(JsonNode entry, String key, Path base, String where) {
        JsonNode name = entry.get(key);
        if (name == null || !name.isTextual()) {
            throw new InvalidInputException(where + " lacks a '" + key + "' file name");
        }
        Path path = base.resolve(name.asText());
        return PointCloud.of(path.toString(), ArrayIO.read(path));
    }
}
