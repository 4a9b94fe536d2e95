package io.github.mongeot.methods.gradnet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.nn.net.MGradNetCConfig;
import io.github.mongeot.nn.net.MGradNetMConfig;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.net.Network;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.ProgressReporter;
import io.github.mongeot.nn.train.TrainingLoop;
import io.github.mongeot.nn.train.TrainingOptimizer;
import io.github.mongeot.nn.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fits a GradNetOT map between two densities (Chaudhari, Pranav, Moura 2025, Algorithm 1): each
 * step draws a fresh batch x ~ p and minimises the Monge–Ampère loss of
 * {@link GradnetObjective} with Adam/AdamW, the learning rate decaying in steps, gradients
 * clipped; image densities optionally have their kernel bandwidth annealed geometrically over the
 * run (the paper's 1e-2 → 1e-4 for MNIST). With an mGradNet the fitted map is the gradient of a
 * convex function whatever the loss reached (Brenier's form); the MLP baseline has no such
 * guarantee.
 *
 * <p>Deterministic for a given seed and thread count. A non-finite loss stops training with
 * {@link io.github.mongeot.nn.train.NonFiniteLossException} (parameters restored to the last
 * good snapshot).
 */
public final class GradnetEstimator {
    private final GradnetOptions options;
    private final ProgressReporter progress;
    private final Path metricsLog;

    public GradnetEstimator(GradnetOptions options) {
        this(options, ProgressReporter.silent(), null);
    }

    private GradnetEstimator(GradnetOptions options, ProgressReporter progress, Path metricsLog) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.metricsLog = metricsLog;
    }

    /** Reports progress (e.g. {@code ProgressReporter.auto(100)} for stderr). */
    public GradnetEstimator withProgress(ProgressReporter reporter) {
        return new GradnetEstimator(options, reporter, metricsLog);
    }

    /** Writes a JSON-lines record (step, loss, lr, elapsed_s) every 100 steps to {@code path}. */
    public GradnetEstimator withMetricsLog(Path path) {
        return new GradnetEstimator(options, progress, path);
    }

    public GradnetOptions options() {
        return options;
    }

    /** A freshly initialised map network of the configured architecture for dimension d. */
    public Network network(int d) {
        return switch (options.architecture()) {
            case MGRADNET_C -> new MGradNetCConfig(d, options.width(), options.depth(), options.activation(), options.dtype())
                    .build(options.seed());
            case MGRADNET_M -> new MGradNetMConfig(d, options.depth(), options.width(), options.moduleActivation(), options.dtype())
                    .build(options.seed());
            case MLP -> MlpConfig.of(d, Collections.nCopies(options.depth(), options.width()), d, options.activation())
                    .withDtype(options.dtype()).build(options.seed());
        };
    }

    /** Trains T so that T pushes {@code source} onto {@code target}. */
    public GradnetModel fit(Density source, Density target) {
        if (source.dim() != target.dim()) {
            throw new InvalidInputException("gradnet: source density has dimension " + source.dim() + ", target " + target.dim());
        }
        if (options.annealsBandwidth() && !(source instanceof ImageDensity) && !(target instanceof ImageDensity)) {
            throw new InvalidInputException("gradnet: bandwidth annealing needs an image density (source and target are not images)");
        }
        Network network = network(source.dim());
        List<org.bytedeco.pytorch.Tensor> parameters = new ArrayList<>(network.namedParameters().values());
        TrainingOptimizer optimizer = new OptimizerConfig(options.optimizer(), options.learningRate(), 0.9, 0.999, 1e-8,
                options.weightDecay()).create(parameters);
        TrainingLoop.Builder loop = TrainingLoop.builder(optimizer, options.steps()).seed(options.seed()).progress(progress)
                .schedule(options.schedule())
                .clipGradientNorm(options.clipNorm());
        if (metricsLog != null) {
            loop.metricsLog(metricsLog, 100);
        }
        int batch = options.batchSize();
        TrainingResult result = loop.build().run(step -> {
            Density p = annealed(source, step);
            Density q = annealed(target, step);
            return GradnetObjective.loss(network, p, q, p.sample(batch, options.dtype()), options.loss());
        });
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("method", "gradnet");
        report.put("architecture", options.architecture().id());
        report.put("width", options.width());
        report.put("depth", options.depth());
        report.put("parameters", network.parameterCount());
        report.put("steps", result.steps());
        report.put("final_loss", result.finalLoss());
        report.put("seconds", result.seconds());
        report.put("ms_per_step", 1000 * result.seconds() / Math.max(1, result.steps()));
        report.put("batch_size", batch);
        report.put("optimizer", options.optimizer().name().toLowerCase(Locale.ROOT));
        report.put("learning_rate", options.learningRate());
        report.put("weight_decay", options.weightDecay());
        report.put("lr_decay", options.lrDecay());
        report.put("lr_decay_every", options.lrDecayEvery());
        if (!Double.isNaN(options.cosineFloor())) {
            report.put("cosine_floor", options.cosineFloor());
        }
        report.put("clip_norm", options.clipNorm());
        report.put("loss", options.loss().id());
        if (options.annealsBandwidth()) {
            report.put("bandwidth_start", options.bandwidthStart());
            report.put("bandwidth_end", options.bandwidthEnd());
        }
        report.put("seed", options.seed());
        report.put("dtype", options.dtype().name().toLowerCase(Locale.ROOT));
        return new GradnetModel(network, report);
    }

    private Density annealed(Density density, long step) {
        if (options.annealsBandwidth() && density instanceof ImageDensity image) {
            return image.withBandwidth(options.bandwidthAt(step));
        }
        return density;
    }
}
