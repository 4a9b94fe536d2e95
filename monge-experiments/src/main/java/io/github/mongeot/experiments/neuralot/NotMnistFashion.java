package io.github.mongeot.experiments.neuralot;

import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.metrics.Metrics;
import io.github.mongeot.experiments.Experiment;
import io.github.mongeot.experiments.ExperimentContext;
import io.github.mongeot.experiments.data.GreyImages;
import io.github.mongeot.experiments.data.ImageDatasets;
import io.github.mongeot.experiments.plot.Figures;
import io.github.mongeot.experiments.report.Report;
import io.github.mongeot.methods.neuralot.GammaSchedule;
import io.github.mongeot.methods.neuralot.ImageNetworks;
import io.github.mongeot.methods.neuralot.NotEstimator;
import io.github.mongeot.methods.neuralot.NotModel;
import io.github.mongeot.methods.neuralot.NotOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's image experiment (IV.2, Appendix C) on the CPU: MNIST → Fashion-MNIST one-to-many
 * translation (the report used Kuzushiji-MNIST, not obtainable here) with a U-Net map T(x, z), the
 * noise z as an extra image channel (here also block-averaged into the U-Net's lower levels, and
 * N(0, 1) rather than the report's N(0, 0.1²), so that a small, briefly trained network turns it
 * into visible variation), a CNN potential, K = 4 draws, one map step per iteration and γ ramped
 * linearly from 0 to 2/3 over the first 30 % of the iterations (the report: 0 → 2/3 over 3 000 of
 * ≈ 10 000 f-steps). The potential is kept near L-Lipschitz by a gradient penalty (WGAN-GP), which
 * bounds how far the map is pushed for a given cost and so keeps its scale from running away (the
 * collapse of an unpenalised 1 200-step run onto one image); with f bounded it is the critic that
 * needs the extra steps ({@value #POTENTIAL_STEPS} f-steps per map step). Adam β = (0.5, 0.9), both
 * rates decayed linearly to 0 over the second half, and the map evaluated and returned with an
 * exponential moving average of its weights. Pixels scaled to [−1, 1]. The budget is smaller than
 * the report's (channels, steps; see {@link #options}).
 *
 * <p>Metric, feature-free: {@code w2_fit} = exact W₂² (network simplex; squared Euclidean distance
 * summed over the 784 pixels) between T(x, z) for 1 000 MNIST test images (one draw each) and
 * 1 000 Fashion-MNIST test images, tracked over training; beside it the noise floor (the same
 * between two disjoint sets of 1 000 Fashion-MNIST test images) and the identity's value (MNIST vs
 * Fashion-MNIST). An exact OT cost in pixel space needs no trained feature extractor (unlike FID),
 * and goes to the floor only if T#μ matches ν in distribution at that sample size. Diversity
 * ({@link #spreads}): {@code draw_spread} (one input's draws; 0 = deterministic) and
 * {@code input_spread} (between inputs; 0 = the output ignores x or collapses), both relative to
 * the spread of the Fashion test images (1 = as diverse as the target set).
 *
 * <p>Model selection (early stopping): at every checkpoint the same W₂² is also computed on a
 * validation pair from the TRAINING files, disjoint from the training subset (images N … N + 499 of
 * each training file when the first N are trained on); the (averaged) map's weights at the lowest
 * validation value are kept and restored at the end ({@link BestCheckpoint}). {@code w2_fit} is the
 * test value of that selected map, {@code w2_fit_final} the test value of the last map; the test set
 * plays no part in the choice.
 */
public final class NotMnistFashion implements Experiment {
    static final int EVAL_IMAGES = 1000;
    /** Validation images per side for checkpoint selection: from the training files, just past the training subset. */
    static final int VALIDATION_IMAGES = 500;
    static final int SIDE = 28;
    static final double GAMMA = 2.0 / 3.0;
    static final double BETA1 = 0.5;
    static final double BETA2 = 0.9;
    static final double DECAY_FROM = 0.5;
    static final double AVERAGE_DECAY = 0.99;
    /** Gradient penalty on f: weight and target gradient norm L (see {@link #estimator}). */
    static final double PENALTY_WEIGHT = 50;
    static final double PENALTY_NORM = 0.2;
    static final int POTENTIAL_STEPS = 3;
    /** w2_fit_last_mean averages this many last checkpoints. */
    static final int LAST_CHECKPOINTS = 3;
    /** Inputs and draws per input for the spreads. */
    static final int SPREAD_INPUTS = 100;
    static final int SPREAD_DRAWS = 8;

    @Override
    public String name() {
        return "not-mnist-fashion";
    }

    @Override
    public String description() {
        return "Neural OT (U-Net map, CNN potential with a gradient penalty, gamma 0 -> 2/3): MNIST to Fashion-MNIST on the CPU; pixel-space exact W2 vs noise "
                + "floor over training, inputs with several outputs each (needs " + ImageDatasets.INSTALL_SCRIPT + ").";
    }

    /**
     * The CPU budget: U-Net with 8/16/32 channels (the map's U-Net is ≈ 90 % of the time; 8 base
     * channels make a map step ≈ 4× cheaper than 16) and the noise at every level, CNN potential
     * 16/32/64, batch 16 inputs × K = 4 draws of z ~ N(0, 1) (64 outputs, the spec's batch),
     * k_T = 1 with {@value #POTENTIAL_STEPS} potential steps per iteration (with f's gradient
     * bounded the critic must be the better-trained player, as in WGAN-GP), Adam 3e-4 for both,
     * γ 0 → 2/3 over the first 30 % (the spec's γ), 10 000 training images per side (--quick: 2 000);
     * full 6 000 iterations (≈ 16 CPU-minutes of one core here), --quick 1 500 (≈ 4 CPU-minutes).
     */
    static NotOptions options(ExperimentContext context) {
        long steps = context.quick() ? 1500 : 6000;
        return NotOptions.defaults().withImages(new ImageNetworks(SIDE, SIDE, 8, 16, true)).withLatent(SIDE * SIDE, 1.0)
                .withBatchSize(16).withDraws(4).withMapSteps(1).withLearningRates(3e-4, 3e-4)
                .withGamma(new GammaSchedule(GAMMA, Math.max(1, (long) (0.3 * steps)))).withIterations(steps)
                .withSeed(context.seed());
    }

    /**
     * Adam β = (0.5, 0.9), linear rate decay over the second half, map weights averaged with decay
     * {@value #AVERAGE_DECAY}, and the gradient penalty {@value #PENALTY_WEIGHT}·(‖∇f‖ − L)² with
     * L = {@value #PENALTY_NORM}. Why L: for a fixed f the map minimises (1/d)‖x − y‖² − f(y) (the
     * per-pixel-mean cost), whose minimiser moves x by ‖y − x‖ = (d/2)‖∇f‖; an unbounded f lets that
     * displacement (and the map) run away — the collapse of the earlier 1 200-step run — while
     * L = 0.2 allows moves of ≈ 80 in pixel norm, a few times the typical MNIST → Fashion distance
     * (√W₂² ≈ 22). The weight keeps L·weight = 10, the WGAN-GP weight for a unit norm.
     */
    static NotEstimator estimator(NotOptions options) {
        return new NotEstimator(options).withAdamBetas(BETA1, BETA2).withLinearDecay(DECAY_FROM).withMapAverage(AVERAGE_DECAY)
                .withGradientPenalty(PENALTY_WEIGHT, PENALTY_NORM).withPotentialSteps(POTENTIAL_STEPS);
    }

    @Override
    public Report run(ExperimentContext context) throws Exception {
        ImageDatasets data = ImageDatasets.installed();
        int train = context.quick() ? 2000 : 10_000;
        double[][] mnistAll = data.mnist(ImageDatasets.Split.TRAIN, train + VALIDATION_IMAGES).scaled(-1, 1);
        double[][] fashionAll = data.fashionMnist(ImageDatasets.Split.TRAIN, train + VALIDATION_IMAGES).scaled(-1, 1);
        double[][] mnistTrain = Arrays.copyOfRange(mnistAll, 0, train);
        double[][] fashionTrain = Arrays.copyOfRange(fashionAll, 0, train);
        double[][] mnistValidation = Arrays.copyOfRange(mnistAll, train, train + VALIDATION_IMAGES);
        double[][] fashionValidation = Arrays.copyOfRange(fashionAll, train, train + VALIDATION_IMAGES);
        double[][] mnistTest = data.mnist(ImageDatasets.Split.TEST, EVAL_IMAGES).scaled(-1, 1);
        double[][] fashionTest = data.fashionMnist(ImageDatasets.Split.TEST, 2 * EVAL_IMAGES).scaled(-1, 1);
        double[][] fashionA = Arrays.copyOfRange(fashionTest, 0, EVAL_IMAGES);
        double[][] fashionB = Arrays.copyOfRange(fashionTest, EVAL_IMAGES, 2 * EVAL_IMAGES);
        double floor = NotToyMetrics.noiseFloor(fashionA, fashionB);
        double identity = NotToyMetrics.noiseFloor(mnistTest, fashionA);
        double validationIdentity = NotToyMetrics.noiseFloor(mnistValidation, fashionValidation);
        context.log(String.format(Locale.ROOT, "not-mnist-fashion: W2^2 noise floor %.1f, identity %.1f (validation %d vs %d: identity %.1f)",
                floor, identity, VALIDATION_IMAGES, VALIDATION_IMAGES, validationIdentity));

        NotOptions options = options(context);
        long every = Math.max(1, options.iterations() / 10);
        double[][] spreadInputs = Arrays.copyOf(mnistTest, SPREAD_INPUTS);
        List<double[]> history = new ArrayList<>();
        List<double[]> validationHistory = new ArrayList<>();
        List<double[]> spreadHistory = new ArrayList<>();
        BestCheckpoint best = new BestCheckpoint();
        long[] step = {0};
        NotEstimator estimator = estimator(options).withMetricsLog(context.file("metrics.jsonl"), Math.max(1, every / 2))
                .withEvaluation(every, model -> {
                    step[0] += every;
                    long at = Math.min(step[0], options.iterations());
                    double w2 = NotToyMetrics.w2Fit(model, mnistTest, fashionA, context.seed() + 1);
                    double w2Validation = NotToyMetrics.w2Fit(model, mnistValidation, fashionValidation, context.seed() + 5);
                    history.add(new double[] {at, w2});
                    validationHistory.add(new double[] {at, w2Validation});
                    boolean kept = best.offer(at, w2Validation, mapParameters(model));
                    double[] sp = spreads(model.sample(spreadInputs, SPREAD_DRAWS, context.seed() + 3), fashionA);
                    spreadHistory.add(new double[] {at, sp[0], sp[1]});
                    context.log(String.format(Locale.ROOT, "  f-step %d: w2_fit %.1f (floor %.1f, identity %.1f), validation %.1f%s; "
                            + "draw_spread %.3f, input_spread %.3f", at, w2, floor, identity, w2Validation,
                            kept ? " (best so far, kept)" : "", sp[0], sp[1]));
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("w2_fit", w2);
                    m.put("w2_validation", w2Validation);
                    m.put("draw_spread", sp[0]);
                    m.put("input_spread", sp[1]);
                    return m;
                });
        long start = System.nanoTime();
        NotModel model = estimator.fit(PointCloud.of("mnist train", mnistTrain), PointCloud.of("fashion-mnist train", fashionTrain));
        double fitSeconds = (System.nanoTime() - start) / 1e9;

        double w2Final = history.get(history.size() - 1)[1];
        double[] spreadsFinal = Arrays.copyOfRange(spreadHistory.get(spreadHistory.size() - 1), 1, 3);
        double costFinal = NotToyMetrics.transportCost(model, Arrays.copyOf(mnistTest, 256), context.seed() + 2);
        outputsFigure(model, mnistTest, context.seed() + 4, context.file("mnist_to_fashion_final.png"));
        if (!best.restore(mapParameters(model))) {
            throw new IllegalStateException("not-mnist-fashion: no finite validation W2 at any checkpoint");
        }
        long selected = best.bestStep();
        // the selected map's test value, recomputed after the restore (equals the history's value at that step)
        double w2 = NotToyMetrics.w2Fit(model, mnistTest, fashionA, context.seed() + 1);
        context.log(String.format(Locale.ROOT, "not-mnist-fashion: selected f-step %d by validation W2 %.1f; its test w2_fit %.1f (final map %.1f)",
                selected, best.bestValue(), w2, w2Final));
        double lastMean = 0;
        int last = Math.min(LAST_CHECKPOINTS, history.size());
        for (int i = history.size() - last; i < history.size(); i++) {
            lastMean += history.get(i)[1] / last;
        }
        double cost = NotToyMetrics.transportCost(model, Arrays.copyOf(mnistTest, 256), context.seed() + 2);
        double[] spreadsSelected = spreads(model.sample(spreadInputs, SPREAD_DRAWS, context.seed() + 3), fashionA);
        double spread = spreadsSelected[2];
        outputsFigure(model, mnistTest, context.seed() + 4, context.file("mnist_to_fashion.png"));
        historyFigure(history, validationHistory, selected, floor, identity, context.file("w2_fit_history.png"));
        Report report = new Report(name(), context.quick())
                .config("f_steps", options.iterations()).config("map_steps", options.mapSteps()).config("draws", options.draws())
                .config("batch", options.batchSize()).config("lr", options.mapLr()).config("potential_lr", options.potentialLr())
                .config("adam_beta1", BETA1).config("adam_beta2", BETA2).config("lr_decay_from", DECAY_FROM).config("map_average_decay", AVERAGE_DECAY)
                .config("potential_steps", POTENTIAL_STEPS).config("gradient_penalty", PENALTY_WEIGHT)
                .config("gradient_penalty_norm", PENALTY_NORM)
                .config("noise_every_level", options.images().noiseEveryLevel()).config("gamma", options.gamma().gamma())
                .config("gamma_ramp_f_steps", options.gamma().rampSteps()).config("latent_std", options.latentStd())
                .config("unet_channels", options.images().mapChannels())
                .config("potential_channels", options.images().potentialChannels())
                .config("train_images_per_side", train).config("eval_images", EVAL_IMAGES).config("pixel_range", "[-1, 1]")
                .config("budget", "full: 6000 iterations (about 16 CPU-minutes of one core, under an hour); --quick: 1500 iterations "
                        + "(about 4 CPU-minutes)")
                .config("w2_fit", "exact W2^2 (network simplex, squared Euclidean distance over the 784 pixels in [-1, 1]) between "
                        + "T(x, z) of " + EVAL_IMAGES + " MNIST test images (one draw each) and " + EVAL_IMAGES + " Fashion-MNIST test images")
                .config("draw_spread", "E_x tr Cov(T(x, .)) / V: the unbiased variance over " + SPREAD_DRAWS + " draws per input, summed "
                        + "over pixels, averaged over " + SPREAD_INPUTS + " MNIST test inputs; V = unbiased total variance of the "
                        + EVAL_IMAGES + " Fashion test images (mean pairwise squared distance of random Fashion pairs = 2V). 0: "
                        + "deterministic map; 1: one input's draws differ as much as random Fashion images")
                .config("input_spread", "tr Cov_x(E[T(x, .)]) / V: between-input variance of the per-input means of the draws, less "
                        + "their within part / draws (unbiased); 0: the output ignores x or collapses onto one image. draw_spread + "
                        + "input_spread = the spread of T#mu, 1 for a perfect fit")
                .config("validation_images_per_side", VALIDATION_IMAGES)
                .config("validation", "training-file images " + train + ".." + (train + VALIDATION_IMAGES - 1)
                        + " of each side (disjoint from training and test); selects the checkpoint")
                .config("seed", context.seed())
                .metric("w2_fit", w2).metric("w2_noise_floor", floor).metric("w2_identity", identity)
                .metric("w2_fit_over_floor", w2 / floor)
                .metric("w2_fit_final", w2Final).metric("w2_fit_final_over_floor", w2Final / floor).metric("selected_f_step", selected)
                .metric("w2_validation_selected", best.bestValue()).metric("w2_validation_identity", validationIdentity).metric("w2_fit_last_mean", lastMean).metric("transport_cost", cost).metric("conditional_variance", spread)
                .metric("draw_spread", spreadsSelected[0]).metric("input_spread", spreadsSelected[1])
                .metric("draw_spread_final", spreadsFinal[0]).metric("input_spread_final", spreadsFinal[1])
                .metric("transport_cost_final", costFinal)
                .metric("fit_seconds", fitSeconds)
                .metric("skipped_updates", model.fitReport().path("skipped_updates").asDouble())
                .paper("setting", "report IV.2: MNIST -> KMNIST, U-Net T, CNN f, batch 64, K 4, k_T 10, Adam 1e-4, gamma 0 -> 2/3 over "
                        + "3000 of ~10000 f-steps (GPU); shown as figures only")
                .paper("bar", "a CPU budget run that visibly moves from the identity toward the target domain (spec neural-ot.md)")
                .figure("mnist_to_fashion.png").figure("mnist_to_fashion_final.png").figure("w2_fit_history.png");
        for (double[] h : history) {
            report.metric("w2_fit_at_" + (long) h[0], h[1]);
        }
        for (double[] h : validationHistory) {
            report.metric("w2_validation_at_" + (long) h[0], h[1]);
        }
        for (double[] h : spreadHistory) {
            report.metric("draw_spread_at_" + (long) h[0], h[1]).metric("input_spread_at_" + (long) h[0], h[2]);
        }
        context.log(String.format(Locale.ROOT, "not-mnist-fashion: w2_fit %.1f (floor %.1f, identity %.1f, ratio %.2f), transport cost "
                + "%.1f, conditional variance %.2f, draw_spread %.3f, input_spread %.3f, fit %.0f s (selected f-step %d; final map %.1f, "
                + "draw_spread %.3f, input_spread %.3f; mean of the last %d checkpoints %.1f)", w2, floor, identity, w2 / floor, cost, spread,
                spreadsSelected[0], spreadsSelected[1], fitSeconds, selected, w2Final, spreadsFinal[0], spreadsFinal[1], last, lastMean));
        return report;
    }

    /** Eight MNIST test inputs, each followed by six outputs T(x, z_k) and their per-pixel std, one row per input. */
    static void outputsFigure(NotModel model, double[][] inputs, long seed, Path png) throws IOException {
        int rows = 8;
        int draws = 6;
        double[][][] ys = model.sample(Arrays.copyOf(inputs, rows), draws, seed);
        List<double[]> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            cells.add(unit(inputs[i]));
            for (double[] y : ys[i]) {
                cells.add(unit(y));
            }
            cells.add(spread(ys[i], 4));
        }
        Figures.greyImages("not-mnist-fashion: MNIST input, T(x, z) for 6 draws of z, their per-pixel std (x4, right)",
                cells.toArray(new double[0][]), SIDE, SIDE, draws + 2, png);
    }

    /** The map's parameters, in the network's (fixed) order. */
    static List<org.bytedeco.pytorch.Tensor> mapParameters(NotModel model) {
        return new ArrayList<>(model.mapNetwork().namedParameters().values());
    }

    static void historyFigure(List<double[]> history, List<double[]> validation, long selected, double floor, double identity, Path png)
            throws IOException {
        double[] x = new double[history.size()];
        double[] y = new double[history.size()];
        double[] v = new double[history.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = history.get(i)[0];
            y[i] = history.get(i)[1];
            v[i] = validation.get(i)[1];
        }
        double[] ends = {0, x[x.length - 1]};
        Figures.lines("not-mnist-fashion: exact W2^2 in pixel space; selected f-step " + selected + " (min validation)", "f-step", "W2^2",
                false, false, List.of(new Figures.Line("NOT T#mu vs Fashion-MNIST (1000 vs 1000 test)", x, y),
                        new Figures.Line("validation (500 vs 500 held-out train images)", x, v),
                        new Figures.Line("noise floor (Fashion vs Fashion)", ends, new double[] {floor, floor}),
                        new Figures.Line("identity (MNIST vs Fashion)", ends, new double[] {identity, identity})), png);
    }

    /** Per-pixel standard deviation over the draws, times {@code gain}, clipped to [0, 1] for display. */
    static double[] spread(double[][] draws, double gain) {
        double[] out = new double[draws[0].length];
        for (int c = 0; c < out.length; c++) {
            double mean = 0;
            for (double[] y : draws) {
                mean += y[c];
            }
            mean /= draws.length;
            double s = 0;
            for (double[] y : draws) {
                s += (y[c] - mean) * (y[c] - mean);
            }
            out[c] = Math.min(1, gain * Math.sqrt(s / (draws.length - 1)));
        }
        return out;
    }

    /**
     * The diversity of the outputs relative to the target set, from K ≥ 2 draws for each of n ≥ 2
     * inputs (draws[i][k] = T(x_i, z_ik)), by the law of total variance, each divided by the unbiased
     * total variance V_ν of {@code reference} (mean pairwise squared distance of random target pairs
     * = 2·V_ν):
     * {@code draw_spread} = E_x tr Cov(T(x, ·)) / V_ν (unbiased per-input variance over the draws; 0 for
     * a deterministic map, 1 when one input's draws differ as much as random target images) and
     * {@code input_spread} = tr Cov_x(E[T(x, ·)]) / V_ν (the between-input variance of the per-input
     * means, less the within part/K that their sample means carry: 0 when the output ignores x or
     * collapses). Their sum is the spread of T#μ itself, 1 for a perfect fit. The third value is
     * E_x tr Cov(T(x, ·)) itself, the conditional variance.
     */
    static double[] spreads(double[][][] draws, double[][] reference) {
        int n = draws.length;
        int k = draws[0].length;
        int m = reference.length;
        if (n < 2 || k < 2 || m < 2) {
            throw new IllegalArgumentException("spreads need >= 2 inputs, draws and reference images, got " + n + ", " + k + ", " + m);
        }
        double referenceVariance = Metrics.totalVariance(reference) * m / (m - 1);
        double within = 0;
        double[][] means = new double[n][];
        for (int i = 0; i < n; i++) {
            within += Metrics.totalVariance(draws[i]) * k / (k - 1) / n;
            means[i] = new double[draws[i][0].length];
            for (double[] y : draws[i]) {
                for (int c = 0; c < y.length; c++) {
                    means[i][c] += y[c] / k;
                }
            }
        }
        double between = Metrics.totalVariance(means) * n / (n - 1) - within / k;
        return new double[] {within / referenceVariance, between / referenceVariance, within};
    }

    /** [−1, 1] → [0, 1] for display. */
    private static double[] unit(double[] pixels) {
        double[] out = new double[pixels.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (pixels[c] + 1) / 2;
        }
        return out;
    }
}
