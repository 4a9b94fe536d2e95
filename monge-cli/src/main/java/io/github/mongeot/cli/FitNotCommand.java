package io.github.mongeot.cli;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.methods.neuralot.GammaSchedule;
import io.github.mongeot.methods.neuralot.ImageNetworks;
import io.github.mongeot.methods.neuralot.NotEstimator;
import io.github.mongeot.methods.neuralot.NotModel;
import io.github.mongeot.methods.neuralot.NotOptions;
import io.github.mongeot.methods.neuralot.Readout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monge fit not}: neural OT with weak costs (stochastic map T(x, z)), saved as a {@code neural-ot} model. */
@Command(name = "not", mixinStandardHelpOptions = true,
        description = "Fit neural OT with weak costs (Korotin et al. 2023): a stochastic map T(x, z) and a potential f "
                + "trained by a max-min; gamma-weak quadratic cost, its strong deterministic variant, or a variance penalty.")
final class FitNotCommand implements Callable<Integer> {
    private static final NotOptions DEFAULTS = NotOptions.defaults();

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemFiles files;

    @Option(names = "--steps", description = "Potential (f) updates; the map gets --map-steps per f-step (default ${DEFAULT-VALUE}).")
    long steps = DEFAULTS.iterations();

    @Option(names = "--map-steps", paramLabel = "K_T", description = "Map updates per potential update (default ${DEFAULT-VALUE}).")
    int mapSteps = DEFAULTS.mapSteps();

    @Option(names = "--draws", paramLabel = "K", description = "Latent draws per input in the cost estimate (default ${DEFAULT-VALUE}).")
    int draws = DEFAULTS.draws();

    @Option(names = "--latent-dim", paramLabel = "D", description = "Dimension of the noise z (0: deterministic map T(x); default ${DEFAULT-VALUE}).")
    int latentDim = DEFAULTS.latentDim();

    @Option(names = "--latent-std", paramLabel = "S", description = "z ~ N(0, S^2 I) (default ${DEFAULT-VALUE}).")
    double latentStd = DEFAULTS.latentStd();

    @Option(names = "--gamma", paramLabel = "G", description = "gamma of the gamma-weak cost; negative penalises the conditional variance (default ${DEFAULT-VALUE}).")
    Double gamma;

    @Option(names = "--variance-penalty", paramLabel = "L", description = "The report's variance penalty L*Var (same as --gamma -2L).")
    Double variancePenalty;

    @Option(names = "--gamma-ramp", paramLabel = "STEPS", description = "Ramp gamma linearly from 0 over this many f-steps (default 0: constant).")
    long gammaRamp;

    @Option(names = "--batch", description = "Inputs and target points per update (default ${DEFAULT-VALUE}).")
    int batch = DEFAULTS.batchSize();

    @Option(names = "--hidden", split = ",", description = "Hidden widths of the map T (default 100,100,100).")
    List<Integer> hidden = new ArrayList<>(DEFAULTS.mapHidden());

    @Option(names = "--potential-hidden", split = ",", description = "Hidden widths of the potential f (default 100,100,100).")
    List<Integer> potentialHidden = new ArrayList<>(DEFAULTS.potentialHidden());

    @Option(names = "--lr", description = "Adam learning rate of T and f (default ${DEFAULT-VALUE}).")
    double lr = DEFAULTS.mapLr();

    @Option(names = "--residual", description = "Map T(x, z) = x + N(x, z) (starts near the identity).")
    boolean residual;

    @Option(names = "--readout", description = "Deterministic read-out for 'monge apply': mean (conditional mean) or zero (T(x, 0)); default mean.")
    String readout = "mean";

    @Option(names = "--images", paramLabel = "HxW", description = "Rows are flat HxW grey images (e.g. 28x28): U-Net map with the noise "
            + "as an extra channel (latent dimension H*W unless --latent-dim 0) and a CNN potential instead of the MLPs.")
    String images;

    @Option(names = "--map-channels", description = "Base channels of the U-Net map with --images (default ${DEFAULT-VALUE}).")
    int mapChannels = 8;

    @Option(names = "--potential-channels", description = "Base channels of the CNN potential with --images (default ${DEFAULT-VALUE}).")
    int potentialChannels = 8;

    @Option(names = "--noise-every-level", description = "With --images: the noise also enters the U-Net's two lower levels.")
    boolean noiseEveryLevel;

    @Option(names = "--gradient-penalty", paramLabel = "W", description = "Weight of the gradient penalty W*(|grad f| - N)^2 on the "
            + "potential, which keeps f's scale bounded (default 0: off).")
    double gradientPenalty;

    @Option(names = "--penalty-norm", paramLabel = "N", description = "Target gradient norm N of --gradient-penalty (default ${DEFAULT-VALUE}).")
    double penaltyNorm = 1;

    @Option(names = "--potential-steps", description = "Potential updates per iteration, after the map steps (default ${DEFAULT-VALUE}).")
    int potentialSteps = 1;

    @Option(names = "--adam-betas", paramLabel = "B1,B2", split = ",", description = "Adam's moment decays of both networks (default 0.9,0.999).")
    List<Double> adamBetas = List.of(0.9, 0.999);

    @Option(names = "--map-average", paramLabel = "DECAY", description = "Return an exponential moving average of the map's weights "
            + "(e.g. 0.99; default 0: the last weights).")
    double mapAverage;

    @Option(names = "--lr-decay-from", paramLabel = "FRACTION", description = "Decay both learning rates linearly to 0 after this "
            + "fraction of the f-steps (default 1: constant).")
    double lrDecayFrom = 1;

    @Option(names = "--seed", description = "Seed of weights, minibatches and noise (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--dtype", converter = DTypeConverter.class, description = "float32 or float64 (default float32).")
    DType dtype = DType.FLOAT32;

    @Option(names = "--metrics-log", description = "Write JSON-lines training metrics (every 100 f-steps) to this file.")
    Path metricsLog;

    @Option(names = "--out", required = true, description = "Model file to write (.safetensors).")
    Path out;

    @Override
    public Integer call() {
        NotOptions options = options(); // checked, with the training settings, before any input is read
        trainingSettings(new NotEstimator(options));
        PointCloud[] clouds = files.both();
        PrintWriter err = spec.commandLine().getErr();
        NotEstimator estimator = trainingSettings(new NotEstimator(options))
                .withProgress(FitW2gnCommand.progress(err, Math.max(1, steps / 10)));
        if (metricsLog != null) {
            estimator = estimator.withMetricsLog(metricsLog, 100);
        }
        NotModel model = estimator.fit(clouds[0], clouds[1]);
        model.save(out);
        err.println(String.format(Locale.ROOT, "fit not: %d → %d points, %d f-steps × %d map steps, gamma %s, final map loss %.6g; wrote %s",
                clouds[0].size(), clouds[1].size(), model.fitReport().get("steps").asLong(), mapSteps, options.gamma().gamma(),
                model.fitReport().get("final_map_loss").asDouble(), out));
        return 0;
    }

    /** The max–min's training settings; the estimator checks the values, the failing option is named here. */
    private NotEstimator trainingSettings(NotEstimator estimator) {
        if (adamBetas.size() != 2) {
            throw new InvalidInputException("--adam-betas: give two values B1,B2, got " + adamBetas.size());
        }
        NotEstimator penalised = named("--gradient-penalty/--penalty-norm",
                () -> estimator.withGradientPenalty(gradientPenalty, penaltyNorm));
        NotEstimator critic = named("--potential-steps", () -> penalised.withPotentialSteps(potentialSteps));
        NotEstimator adam = named("--adam-betas", () -> critic.withAdamBetas(adamBetas.get(0), adamBetas.get(1)));
        NotEstimator averaged = named("--map-average", () -> adam.withMapAverage(mapAverage));
        return named("--lr-decay-from", () -> averaged.withLinearDecay(lrDecayFrom));
    }

    private static NotEstimator named(String option, Supplier<NotEstimator> setting) {
        try {
            return setting.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(option + ": " + e.getMessage());
        }
    }

    private NotOptions options() {
        if (gamma != null && variancePenalty != null) {
            throw new InvalidInputException("--gamma and --variance-penalty: give one of them");
        }
        GammaSchedule schedule = variancePenalty != null ? GammaSchedule.variancePenalty(variancePenalty, gammaRamp)
                : new GammaSchedule(gamma != null ? gamma : DEFAULTS.gamma().gamma(), gammaRamp);
        int k = latentDim == 0 ? 1 : draws;
        NotOptions options = new NotOptions(hidden, potentialHidden, latentDim, latentStd, k, mapSteps, steps, batch, lr, lr, schedule,
                residual, Readout.parse(readout), seed, dtype, null);
        if (images == null) {
            return options;
        }
        ImageNetworks networks = ImageNetworks.parse(images, mapChannels, potentialChannels);
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--latent-dim");
        if (explicit && latentDim != 0 && latentDim != networks.pixels()) {
            throw new InvalidInputException("--latent-dim: with --images " + images + " the noise is one image channel, so give "
                    + networks.pixels() + " or 0 (deterministic), got " + latentDim);
        }
        return options.withImages(networks.withNoiseEveryLevel(noiseEveryLevel));
    }
}
