package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.methods.gradnet.Density;
import io.github.mongeot.methods.gradnet.DensitySpecs;
import io.github.mongeot.methods.gradnet.GradnetEstimator;
import io.github.mongeot.methods.gradnet.GradnetModel;
import io.github.mongeot.methods.gradnet.GradnetOptions;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.MGradNetMConfig.ModuleActivation;
import io.github.mongeot.nn.train.OptimizerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monge fit gradnet}: GradNetOT between two known densities, saved as a {@code gradnet} model. */
@Command(name = "gradnet", mixinStandardHelpOptions = true,
        description = "Fit GradNetOT (Chaudhari, Pranav, Moura 2025): a monotone gradient network trained on the "
                + "Monge-Ampere equation between two densities. SPEC: gaussian:FILE.json {mean, cov}, "
                + "gmm:FILE.json {weights, means, covs} or image:FILE.png|npy (grey levels on [0,1]^2).")
final class FitGradnetCommand implements Callable<Integer> {
    private static final GradnetOptions DEFAULTS = GradnetOptions.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, description = "Source density SPEC.")
    String source;

    @Option(names = "--target", required = true, description = "Target density SPEC.")
    String target;

    @Option(names = "--arch", description = "mgradnet-c, mgradnet-m or mlp (default mgradnet-m).")
    String arch = DEFAULTS.architecture().id();

    @Option(names = "--width", description = "h: rows of W / of each W_k / hidden width (default ${DEFAULT-VALUE}).")
    int width = DEFAULTS.width();

    @Option(names = "--depth", description = "L layers (mgradnet-c), K modules (mgradnet-m), hidden layers (mlp) (default ${DEFAULT-VALUE}).")
    int depth = DEFAULTS.depth();

    @Option(names = "--activation", description = "mgradnet-c / mlp activation (default tanh).")
    String activation = DEFAULTS.activation().id();

    @Option(names = "--module-activation", description = "mgradnet-m module activation: softmax or weighted-tanh (default softmax).")
    String moduleActivation = DEFAULTS.moduleActivation().id();

    @Option(names = "--steps", description = "Training steps (default ${DEFAULT-VALUE}).")
    long steps = DEFAULTS.steps();

    @Option(names = "--batch", description = "Fresh source samples per step (default ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--optimizer", description = "adam or adamw (default adam).")
    String optimizer = "adam";

    @Option(names = "--lr", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.learningRate();

    @Option(names = "--weight-decay", description = "Weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay = DEFAULTS.weightDecay();

    @Option(names = "--lr-decay", description = "Multiply the learning rate by this every --lr-decay-every steps (default ${DEFAULT-VALUE}).")
    double lrDecay = DEFAULTS.lrDecay();

    @Option(names = "--lr-decay-every", description = "See --lr-decay (default ${DEFAULT-VALUE}).")
    long lrDecayEvery = DEFAULTS.lrDecayEvery();

    @Option(names = "--lr-cosine", description = "FLOOR: also anneal the learning rate by a cosine to lr * FLOOR over the run (default off).")
    Double lrCosine;

    @Option(names = "--clip", description = "Gradient-norm clip, 0 = off (default ${DEFAULT-VALUE}).")
    double clip = DEFAULTS.clipNorm();

    @Option(names = "--loss", description = "l1 or squared (default l1).")
    String loss = DEFAULTS.loss().id();

    @Option(names = "--bandwidth", description = "Kernel variance of image densities (default ${DEFAULT-VALUE}).")
    double bandwidth = 1e-4;

    @Option(names = "--anneal", split = ",", description = "START,END: anneal image bandwidths geometrically over the run (the paper: 1e-2,1e-4).")
    double[] anneal;

    @Option(names = "--seed", description = "Seed of weights and samples (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--dtype", converter = DTypeConverter.class, description = "float32 or float64 (default float64).")
    DType dtype = DType.FLOAT64;

    @Option(names = "--metrics-log", description = "Write JSON-lines training metrics to this file.")
    Path metricsLog;

    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        GradnetOptions options = options(); // checked before any input is read
        Density p = DensitySpecs.parse(source, bandwidth);
        Density q = DensitySpecs.parse(target, bandwidth);
        PrintWriter err = spec.commandLine().getErr();
        GradnetEstimator estimator = new GradnetEstimator(options).withProgress(FitW2gnCommand.progress(err, Math.max(1, steps / 10)));
        if (metricsLog != null) {
            estimator = estimator.withMetricsLog(metricsLog);
        }
        GradnetModel model = estimator.fit(p, q);
        model.save(out);
        err.println(String.format(Locale.ROOT, "fit gradnet: %s, d = %d, %d steps (%.2f ms/step), final loss %.6g; wrote %s",
                options.architecture().id(), model.dim(), model.fitReport().get("steps").asLong(),
                model.fitReport().get("ms_per_step").asDouble(), model.fitReport().get("final_loss").asDouble(), out));
        return 0;
    }

    private GradnetOptions options() {
        OptimizerConfig.Kind kind = switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "adam" -> OptimizerConfig.Kind.ADAM;
            case "adamw" -> OptimizerConfig.Kind.ADAMW;
            default -> throw new InvalidInputException("--optimizer: expected adam or adamw, got '" + optimizer + "'");
        };
        if (anneal != null && anneal.length != 2) {
            throw new InvalidInputException("--anneal: expected START,END, got " + anneal.length + " values");
        }
        return new GradnetOptions(GradnetOptions.Architecture.parse(arch), width, depth, Activation.parse(activation),
                ModuleActivation.parse(moduleActivation), steps, batch, kind, lr, weightDecay, lrDecay, lrDecayEvery,
                lrCosine == null ? Double.NaN : lrCosine, clip,
                GradnetOptions.Loss.parse(loss), anneal == null ? Double.NaN : anneal[0], anneal == null ? Double.NaN : anneal[1],
                seed, dtype);
    }
}
