package io.github.mongeot.methods.neuralot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.net.Network;
import io.github.mongeot.nn.train.MetricsLog;
import io.github.mongeot.nn.train.NonFiniteLossException;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.ProgressReporter;
import io.github.mongeot.nn.train.TrainingOptimizer;
import io.github.mongeot.nn.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Fits neural optimal transport with weak costs (Korotin, Selikhanovych &amp; Burnaev, ICLR 2023; the
 * report's Algorithm): a stochastic map T(x, z) and a potential f, both MLPs (or, for flat grey images,
 * a U-Net and a CNN: {@link ImageNetworks}), trained by stochastic
 * gradient ascent–descent on the max–min of {@link NotLosses}. Each iteration makes k_T Adam updates
 * of T (each on a fresh minibatch of inputs with K latent draws each) and then one Adam update of f
 * (on fresh inputs and target points). γ follows its {@link GammaSchedule} in f-steps. With
 * latentDim = 0 it is the strong deterministic variant (cost mean_coord (x − T(x))²); a negative
 * γ is the report's variance penalty, which drives T(x, ·) towards a deterministic (Monge) map.
 *
 * <p>Minibatches are drawn with replacement in proportion to the weights. Deterministic for a given
 * seed and thread count. A non-finite loss stops training with a {@link NonFiniteLossException}
 * after restoring both networks to the last good snapshot (taken every 100 f-steps).
 */
public final class NotEstimator {
    private static final long SNAPSHOT_EVERY = 100;

    private final NotOptions options;
    private final ProgressReporter progress;
    private final Path metricsLog;
    private final long logEvery;
    private final Function<NotModel, Map<String, Double>> evaluation;
    private final long evaluateEvery;
    private final double decayFrom;
    private final double beta1;
    private final double beta2;
    private final double averageDecay;
    private final double penaltyWeight;
    private final double penaltyNorm;
    private final int potentialSteps;

    public NotEstimator(NotOptions options) {
        this(options, ProgressReporter.silent(), null, 100, null, 0, 1.0, 0.9, 0.999, 0, 0, 1, 1);
    }

    private NotEstimator(NotOptions options, ProgressReporter progress, Path metricsLog, long logEvery,
            Function<NotModel, Map<String, Double>> evaluation, long evaluateEvery, double decayFrom, double beta1, double beta2,
            double averageDecay, double penaltyWeight, double penaltyNorm, int potentialSteps) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.metricsLog = metricsLog;
        this.logEvery = logEvery;
        this.evaluation = evaluation;
        this.evaluateEvery = evaluateEvery;
        this.decayFrom = decayFrom;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.averageDecay = averageDecay;
        this.penaltyWeight = penaltyWeight;
        this.penaltyNorm = penaltyNorm;
        this.potentialSteps = potentialSteps;
    }

    /** Reports progress per f-step (e.g. {@code ProgressReporter.auto(100)} for stderr). */
    public NotEstimator withProgress(ProgressReporter reporter) {
        return new NotEstimator(options, reporter, metricsLog, logEvery, evaluation, evaluateEvery, decayFrom, beta1, beta2,
                averageDecay, penaltyWeight, penaltyNorm, potentialSteps);
    }

    /** Writes a JSON-lines record (step, map_loss, potential_loss, gamma, elapsed_s) every {@code every} f-steps. */
    public NotEstimator withMetricsLog(Path path, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("log interval must be >= 1, got " + every);
        }
        return new NotEstimator(options, progress, path, every, evaluation, evaluateEvery, decayFrom, beta1, beta2,
                averageDecay, penaltyWeight, penaltyNorm, potentialSteps);
    }

    /**
     * Calls {@code metrics} on the model as it stands every {@code every} f-steps and after the last
     * one; its values go into the metrics log and the fit report's "history".
     */
    public NotEstimator withEvaluation(long every, Function<NotModel, Map<String, Double>> metrics) {
        if (every < 1) {
            throw new IllegalArgumentException("evaluation interval must be >= 1, got " + every);
        }
        return new NotEstimator(options, progress, metricsLog, logEvery, Objects.requireNonNull(metrics), every, decayFrom, beta1, beta2,
                averageDecay, penaltyWeight, penaltyNorm, potentialSteps);
    }

    /**
     * Decays both learning rates linearly to 0 over the f-steps after the fraction {@code from} of
     * the run (1: constant rates, the default), so the last iterate of the oscillating max–min
     * settles.
     */
    public NotEstimator withLinearDecay(double from) {
        if (!(from >= 0 && from <= 1)) {
            throw new IllegalArgumentException("decay start must be a fraction in [0, 1], got " + from);
        }
        return new NotEstimator(options, progress, metricsLog, logEvery, evaluation, evaluateEvery, from, beta1, beta2,
                averageDecay, penaltyWeight, penaltyNorm, potentialSteps);
    }

    /**
     * Adam's moment decays for both networks (default PyTorch's 0.9, 0.999); a smaller β1 (0.5, as
     * is usual for adversarial max–min training) damps the oscillation of the two players.
     */
    public NotEstimator withAdamBetas(double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        return new NotEstimator(options, progress, metricsLog, logEvery, evaluation, evaluateEvery, decayFrom, beta1, beta2,
                averageDecay, penaltyWeight, penaltyNorm, potentialSteps);
    }

    /**
     * Keeps an exponential moving average of the map's weights, a ← decay·a + (1 − decay)·θ after every
     * map update, and evaluates and returns the map with the averaged weights (0: off, the default).
     * Averaging the iterates of an oscillating max–min tames the oscillation of the last iterate.
     */
    public NotEstimator withMapAverage(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("map weight average decay must lie in [0, 1), got " + decay);
        }
        return new NotEstimator(options, progress, metricsLog, logEvery, evaluation, evaluateEvery, decayFrom, beta1, beta2, decay,
                penaltyWeight, penaltyNorm, potentialSteps);
    }

    /**
     * Adds a gradient penalty to every f-step loss, weight·mean_i (‖∇f(ŷ_i)‖ − norm)² at
     * ŷ_i = ε_i·y_i + (1 − ε_i)·T(x_i, z_i), ε_i ~ U(0, 1), pairing each target point with the first
     * draw of one input (WGAN-GP, Gulrajani et al. 2017; 0: off, the default). It keeps f near
     * norm-Lipschitz, so its scale cannot run away from the cost and the map stays near its argmin.
     */
    public NotEstimator withGradientPenalty(double weight, double norm) {
        if (!(weight >= 0) || !Double.isFinite(weight) || !(norm >= 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("gradient penalty weight and norm must be finite and >= 0, got " + weight + ", " + norm);
        }
        return new NotEstimator(options, progress, metricsLog, logEvery, evaluation, evaluateEvery, decayFrom, beta1, beta2, averageDecay,
                weight, norm, potentialSteps);
    }

    /**
     * Potential updates per iteration (each on fresh batches; default 1), made after the k_T map
     * updates: with a bounded f (gradient penalty) a better-trained critic gives the map a more
     * faithful signal, as in WGAN's several critic steps per generator step.
     */
    public NotEstimator withPotentialSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("potential steps per iteration must be >= 1, got " + steps);
        }
        return new NotEstimator(options, progress, metricsLog, logEvery, evaluation, evaluateEvery, decayFrom, beta1, beta2, averageDecay,
                penaltyWeight, penaltyNorm, steps);
    }

    public NotOptions options() {
        return options;
    }

    /** Trains T and f so that T(x, z), x ~ source, z ~ N(0, σ²I), is distributed as {@code target}. */
    @SuppressWarnings("try") // the PointerScopes free the tensors; they are not referenced by name
    public NotModel fit(PointCloud source, PointCloud target) {
        Validation.checkSameDimension(source, target);
        int d = source.dim();
        Network map;
        Network potential;
        ImageNetworks images = options.images();
        if (images != null) {
            if (d != images.pixels()) {
                throw new InvalidInputException("neural-ot images: points have " + d + " columns, " + images.height() + "x"
                        + images.width() + " images need " + images.pixels());
            }
            map = images.map(options.stochastic(), options.dtype()).build(options.seed());
            potential = images.potential(options.dtype()).build(options.seed() + 1);
        } else {
            map = new MlpConfig(d, options.mapHidden(), d, Activation.RELU, options.residual(), options.latentDim(),
                    options.dtype()).build(options.seed());
            potential = MlpConfig.of(d, options.potentialHidden(), 1, Activation.RELU).withDtype(options.dtype())
                    .build(options.seed() + 1);
        }
        NotModel model = new NotModel(map, potential, options.latentStd(), options.readout(), null);
        TrainingOptimizer mapOptimizer = OptimizerConfig.adam(options.mapLr()).withBetas(beta1, beta2)
                .create(new ArrayList<>(map.namedParameters().values()));
        TrainingOptimizer potentialOptimizer = OptimizerConfig.adam(options.potentialLr()).withBetas(beta1, beta2)
                .create(new ArrayList<>(potential.namedParameters().values()));
        List<Tensor> mapParameters = mapOptimizer.parameters();
        List<Tensor> average = new ArrayList<>();
        List<Tensor> backup = new ArrayList<>();
        if (averageDecay > 0) {
            for (Tensor p : mapParameters) {
                average.add(p.detach().clone());
                backup.add(p.detach().clone());
            }
        }
        List<Tensor> parameters = new ArrayList<>(mapOptimizer.parameters());
        parameters.addAll(potentialOptimizer.parameters());
        List<Tensor> snapshot = new ArrayList<>();
        for (Tensor p : parameters) {
            snapshot.add(p.detach().clone());
        }
        Engine.seed(options.seed());
        long start = System.nanoTime();
        double mapLoss = Double.NaN;
        double potentialLoss = Double.NaN;
        long lastGood = -1;
        long done = 0;
        long skipped = 0;
        ArrayList<Map<String, Object>> history = new ArrayList<>();
        boolean gradMode = GradMode.is_enabled();
        GradMode.set_enabled(true);
        MetricsLog log = metricsLog == null ? null : MetricsLog.open(metricsLog);
        try (PointerScope data = new PointerScope()) {
            Batches batches = new Batches(source, target, options);
            for (long it = 0; it < options.iterations(); it++) {
                double gamma = options.gamma().at(it);
                double decayStart = decayFrom * options.iterations();
                if (decayFrom < 1 && it >= decayStart) {
                    double factor = (options.iterations() - it) / (options.iterations() - decayStart);
                    mapOptimizer.setLearningRateFactor(factor);
                    potentialOptimizer.setLearningRateFactor(factor);
                }
                if (it % SNAPSHOT_EVERY == 0) {
                    copy(parameters, snapshot);
                    lastGood = it;
                }
                trainable(potential, false); // the T-steps need no gradients of f's parameters
                for (int j = 0; j < options.mapSteps(); j++) {
                    try (PointerScope step = new PointerScope()) {
                        mapOptimizer.zeroGrad();
                        Tensor loss = mapLoss(map, potential, batches, gamma);
                        mapLoss = loss.item_double();
                        if (!Double.isFinite(mapLoss)) {
                            throw failure("map loss", it, mapLoss, lastGood, snapshot, parameters);
                        }
                        loss.backward();
                        if (finiteGradients(map)) {
                            mapOptimizer.step();
                            if (averageDecay > 0) {
                                updateAverage(average, mapParameters, averageDecay);
                            }
                        } else {
                            skipped++;
                        }
                    }
                }
                trainable(potential, true);
                for (int j = 0; j < potentialSteps; j++) {
                    try (PointerScope step = new PointerScope()) {
                        potentialOptimizer.zeroGrad();
                        Tensor loss = potentialLoss(map, potential, batches);
                        potentialLoss = loss.item_double();
                        if (!Double.isFinite(potentialLoss)) {
                            throw failure("potential loss", it, potentialLoss, lastGood, snapshot, parameters);
                        }
                        loss.backward();
                        if (finiteGradients(potential)) {
                            potentialOptimizer.step();
                        } else {
                            skipped++;
                        }
                    }
                }
                done = it + 1;
                boolean evaluateNow = evaluation != null && (done % evaluateEvery == 0 || done == options.iterations());
                if ((log != null && (done % logEvery == 0 || done == options.iterations())) || evaluateNow) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("step", done);
                    record.put("map_loss", mapLoss);
                    record.put("potential_loss", potentialLoss);
                    record.put("gamma", gamma);
                    record.put("elapsed_s", (System.nanoTime() - start) / 1e9);
                    if (evaluateNow) {
                        GradMode.set_enabled(false);
                        if (averageDecay > 0) {
                            copy(mapParameters, backup);
                            copy(average, mapParameters);
                        }
                        try {
                            record.putAll(evaluation.apply(model));
                        } finally {
                            if (averageDecay > 0) {
                                copy(backup, mapParameters);
                            }
                            GradMode.set_enabled(true);
                        }
                        history.add(record);
                    }
                    if (log != null) {
                        log.write(record);
                    }
                }
                progress.update(it, options.iterations(), mapLoss, options.mapLr());
            }
        } finally {
            trainable(potential, true);
            GradMode.set_enabled(gradMode);
            if (log != null) {
                log.close();
            }
        }
        if (averageDecay > 0) {
            copy(average, mapParameters);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.finish(new TrainingResult(done, mapLoss, false, Map.of(), seconds));
        return new NotModel(map, potential, options.latentStd(), options.readout(),
                report(source, target, done, mapLoss, potentialLoss, seconds, history).put("skipped_updates", skipped));
    }

    /** One T-step loss: fresh inputs, K latent draws each (or T(x) for the deterministic variant). */
    private Tensor mapLoss(Network map, Network potential, Batches batches, double gamma) {
        Tensor x = batches.source();
        if (!options.stochastic()) {
            Tensor y = map.forward(x);
            return NotLosses.mapLoss(NotLosses.strongQuadraticCost(x, y), potential.forward(y));
        }
        long n = x.size(0);
        long d = x.size(1);
        int k = options.draws();
        Tensor y = map.forward(repeat(x, k), batches.noise(n * k)).reshape(n, k, d);
        Tensor cost = NotLosses.weakQuadraticCost(x, y, gamma);
        return NotLosses.mapLoss(cost, potential.forward(y.reshape(n * k, d)));
    }

    /** One f-step loss on T's outputs (no graph through T) and target points. */
    @SuppressWarnings("try")
    private Tensor potentialLoss(Network map, Network potential, Batches batches) {
        Tensor mapped;
        Tensor x = batches.source();
        try (NoGradGuard noGrad = new NoGradGuard()) {
            mapped = options.stochastic()
                    ? map.forward(repeat(x, options.draws()), batches.noise(x.size(0) * options.draws()))
                    : map.forward(x);
        }
        Tensor target = batches.target();
        Tensor loss = NotLosses.potentialLoss(potential.forward(mapped), potential.forward(target));
        if (penaltyWeight > 0) {
            long m = Math.min(target.size(0), x.size(0));
            // the first draw of each of the first m inputs, paired with the first m target points
            Tensor first = mapped.reshape(x.size(0), -1, mapped.size(1)).select(1, 0).narrow(0, 0, m);
            Tensor eps = torch.rand(new long[] {m, 1}, Tensors.options(options.dtype()));
            loss = loss.add(NotLosses.gradientPenalty(potential::forward, first, target.narrow(0, 0, m), eps, penaltyNorm)
                    .mul(Tensors.scalar(penaltyWeight)));
        }
        return loss;
    }

    /**
     * Whether every gradient of the network is finite. libtorch's oneDNN (mkldnn) float32
     * convolution backward occasionally returns NaN gradients on this CPU (seen for the U-Net on
     * 128 × 28 × 28 batches, a few steps in a hundred, with a finite loss): such an update is skipped
     * and counted ("skipped_updates" in the fit report) instead of poisoning Adam's moments.
     */
    private static boolean finiteGradients(Network network) {
        for (Tensor p : network.namedParameters().values()) {
            Tensor g = p.grad();
            if (g.defined() && !g.isfinite().all().item_bool()) {
                return false;
            }
        }
        return true;
    }

    private static void trainable(Network network, boolean on) {
        for (Tensor p : network.namedParameters().values()) {
            p.requires_grad_(on);
        }
    }

    /** Each row of x repeated k times consecutively: (n·k) × d. */
    private static Tensor repeat(Tensor x, int k) {
        long n = x.size(0);
        long d = x.size(1);
        return x.unsqueeze(1).expand(n, k, d).reshape(n * k, d);
    }

    private ObjectNode report(PointCloud source, PointCloud target, long steps, double mapLoss, double potentialLoss, double seconds,
            List<Map<String, Object>> history) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("method", "neural-ot");
        report.put("variant", options.stochastic() ? "weak" : "strong-deterministic");
        report.put("steps", steps);
        report.put("map_steps_per_step", options.mapSteps());
        report.put("final_map_loss", mapLoss);
        report.put("final_potential_loss", potentialLoss);
        report.put("seconds", seconds);
        report.put("gamma", options.gamma().gamma());
        report.put("gamma_ramp_steps", options.gamma().rampSteps());
        report.put("latent_dim", options.latentDim());
        report.put("latent_std", options.latentStd());
        report.put("draws", options.draws());
        report.put("batch_size", options.batchSize());
        report.put("map_lr", options.mapLr());
        report.put("potential_lr", options.potentialLr());
        report.put("lr_decay_from", decayFrom);
        report.put("adam_beta1", beta1);
        report.put("adam_beta2", beta2);
        report.put("map_average_decay", averageDecay);
        report.put("gradient_penalty", penaltyWeight);
        report.put("gradient_penalty_norm", penaltyNorm);
        report.put("potential_steps", potentialSteps);
        report.put("residual", options.residual());
        report.put("seed", options.seed());
        if (options.images() != null) {
            ObjectNode images = report.putObject("images");
            images.put("height", options.images().height());
            images.put("width", options.images().width());
            images.put("map_channels", options.images().mapChannels());
            images.put("potential_channels", options.images().potentialChannels());
            images.put("noise_every_level", options.images().noiseEveryLevel());
        } else {
            options.mapHidden().forEach(report.putArray("map_hidden")::add);
            options.potentialHidden().forEach(report.putArray("potential_hidden")::add);
        }
        report.put("dtype", options.dtype().name().toLowerCase(Locale.ROOT));
        report.put("source_points", source.size());
        report.put("target_points", target.size());
        if (!history.isEmpty()) {
            report.set("history", report.objectNode().arrayNode().addAll(
                    history.stream().map(r -> (com.fasterxml.jackson.databind.JsonNode) JSON.valueToTree(r)).toList()));
        }
        return report;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static NonFiniteLossException failure(String what, long step, double value, long lastGood, List<Tensor> snapshot,
            List<Tensor> parameters) {
        if (lastGood >= 0) {
            copy(snapshot, parameters);
        }
        return new NonFiniteLossException(what, step, value, lastGood);
    }

    /** average ← decay·average + (1 − decay)·parameters, in place outside the autograd graph. */
    @SuppressWarnings("try")
    private static void updateAverage(List<Tensor> average, List<Tensor> parameters, double decay) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < average.size(); i++) {
                average.get(i).mul_(Tensors.scalar(decay)).add_(parameters.get(i).detach().mul(Tensors.scalar(1 - decay)));
            }
        }
    }

    /** In-place copy outside the autograd graph. */
    @SuppressWarnings("try")
    private static void copy(List<Tensor> from, List<Tensor> to) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (int i = 0; i < from.size(); i++) {
                to.get(i).copy_(from.get(i).detach());
            }
        }
    }

    /** Minibatches (with replacement, by weight) and latent noise from libtorch's seeded generator. */
    private static final class Batches {
        private final Tensor xs;
        private final Tensor ys;
        private final Tensor xWeights;
        private final Tensor yWeights;
        private final NotOptions options;

        Batches(PointCloud source, PointCloud target, NotOptions options) {
            this.xs = Tensors.fromRows(source.points(), options.dtype());
            this.ys = Tensors.fromRows(target.points(), options.dtype());
            this.xWeights = source.weightsTensor(options.dtype());
            this.yWeights = target.weightsTensor(options.dtype());
            this.options = options;
        }

        Tensor source() {
            return draw(xs, xWeights);
        }

        Tensor target() {
            return draw(ys, yWeights);
        }

        /** rows × latentDim draws of N(0, σ²I). */
        Tensor noise(long rows) {
            return torch.randn(new long[] {rows, options.latentDim()}, Tensors.options(options.dtype()))
                    .mul(Tensors.scalar(options.latentStd()));
        }

        private Tensor draw(Tensor points, Tensor weights) {
            Tensor index = torch.multinomial(weights, options.batchSize(), true, new GeneratorOptional());
            return points.index_select(0, index);
        }
    }
}
