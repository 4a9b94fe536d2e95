package io.github.mongeot.experiments.neuralot;

import io.github.mongeot.core.data.PointCloud;
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
 * into visible variation), a CNN potential, K = 4 draws, k_T map steps per f-step and γ ramped
 * linearly from 0 over the first 30 % of the f-steps (the report: 0 → 2/3 over 3 000 of ≈ 10 000).
 * For a stable max–min in few steps: Adam β1 = 0.5, the potential's rate above the map's, both
 * decayed linearly to 0 over the second half, and the map evaluated and returned with an
 * exponential moving average of its weights. Pixels scaled to [−1, 1]. The budget is smaller than
 * the report's (batch, channels, steps; see {@link #options}).
 *
 * <p>Metric, feature-free: {@code w2_fit} = exact W₂² (network simplex; squared Euclidean distance
 * summed over the 784 pixels) between T(x, z) for 1 000 MNIST test images (one draw each) and
 * 1 000 Fashion-MNIST test images, tracked over training; beside it the noise floor (the same
 * between two disjoint sets of 1 000 Fashion-MNIST test images) and the identity's value (MNIST vs
 * Fashion-MNIST). An exact OT cost in pixel space needs no trained feature extractor (unlike FID),
 * and goes to the floor only if T#μ matches ν in distribution at that sample size.
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
    static final double GAMMA = 1.0;
    static final double BETA1 = 0.5;
    static final double DECAY_FROM = 0.5;
    static final double AVERAGE_DECAY = 0.99;
    /** w2_fit_last_mean averages this many last checkpoints. */
    static final int LAST_CHECKPOINTS = 3;

    @Override
    public String name() {
        return "not-mnist-fashion";
    }

    @Override
    public String description() {
        return "Neural OT (U-Net map, CNN potential, gamma 0 -> " + GAMMA + "): MNIST to Fashion-MNIST on the CPU; pixel-space exact W2 vs noise "
                + "floor over training, inputs with several outputs each (needs " + ImageDatasets.INSTALL_SCRIPT + ").";
    }

    /**
     * The CPU budget: U-Net with 16/32/64 channels and the noise at every level, CNN potential
     * 16/32/64, batch 32 with K = 4 draws of z ~ N(0, 1), k_T = 2 (more f-steps per CPU-second: the
     * potential drives the map), Adam 3e-4 for the map, γ 0 → {@value #GAMMA}, 10 000 training
     * images per side (--quick: 2 000); full 1 000 f-steps (≈ 10 CPU-minutes of one core here),
     * --quick 300 f-steps (≈ 3 CPU-minutes). The potential's rate keeps (rate × f-steps) near 0.3:
     * 1e-3 for --quick, 3e-4 for the full run (at 1e-3 × 1 200 f-steps the potential's scale grew
     * until the cost no longer mattered and the map collapsed to one image for every input). See
     * {@link #estimator} for the rest.
     */
    static NotOptions options(ExperimentContext context) {
        long steps = context.quick() ? 300 : 1000;
        return NotOptions.defaults().withImages(new ImageNetworks(SIDE, SIDE, 16, 16, true)).withLatent(SIDE * SIDE, 1.0)
                .withBatchSize(32).withDraws(4).withMapSteps(2).withLearningRates(3e-4, context.quick() ? 1e-3 : 3e-4)
                .withGamma(new GammaSchedule(GAMMA, Math.max(1, (long) (0.3 * steps)))).withIterations(steps)
                .withSeed(context.seed());
    }

    /** Adam β1 = 0.5, linear rate decay over the second half, map weights averaged with decay {@value #AVERAGE_DECAY}. */
    static NotEstimator estimator(NotOptions options) {
        return new NotEstimator(options).withAdamBetas(BETA1, 0.999).withLinearDecay(DECAY_FROM).withMapAverage(AVERAGE_DECAY);
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
        List<double[]> history = new ArrayList<>();
        List<double[]> validationHistory = new ArrayList<>();
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
                    context.log(String.format(Locale.ROOT, "  f-step %d: w2_fit %.1f (floor %.1f, identity %.1f), validation %.1f%s",
                            at, w2, floor, identity, w2Validation, kept ? " (best so far, kept)" : ""));
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("w2_fit", w2);
                    m.put("w2_validation", w2Validation);
                    return m;
                });
        long start = System.nanoTime();
        NotModel model = estimator.fit(PointCloud.of("mnist train", mnistTrain), PointCloud.of("fashion-mnist train", fashionTrain));
        double fitSeconds = (System.nanoTime() - start) / 1e9;

        double w2Final = history.get(history.size() - 1)[1];
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
        double spread = model.conditionalVariance(Arrays.copyOf(mnistTest, 64), 8, context.seed() + 3);
        outputsFigure(model, mnistTest, context.seed() + 4, context.file("mnist_to_fashion.png"));
        historyFigure(history, validationHistory, selected, floor, identity, context.file("w2_fit_history.png"));
        Report report = new Report(name(), context.quick())
                .config("f_steps", options.iterations()).config("map_steps", options.mapSteps()).config("draws", options.draws())
                .config("batch", options.batchSize()).config("lr", options.mapLr()).config("potential_lr", options.potentialLr())
                .config("adam_beta1", BETA1).config("lr_decay_from", DECAY_FROM).config("map_average_decay", AVERAGE_DECAY)
                .config("noise_every_level", options.images().noiseEveryLevel()).config("gamma", options.gamma().gamma())
                .config("gamma_ramp_f_steps", options.gamma().rampSteps()).config("latent_std", options.latentStd())
                .config("unet_channels", options.images().mapChannels())
                .config("potential_channels", options.images().potentialChannels())
                .config("train_images_per_side", train).config("eval_images", EVAL_IMAGES).config("pixel_range", "[-1, 1]")
                .config("budget", "full: 1000 f-steps (about 10 CPU-minutes of one core, under an hour); --quick: 300 f-steps (about 3 "
                        + "CPU-minutes)")
                .config("validation_images_per_side", VALIDATION_IMAGES)
                .config("validation", "training-file images " + train + ".." + (train + VALIDATION_IMAGES - 1)
                        + " of each side (disjoint from training and test); selects the checkpoint")
                .config("seed", context.seed())
                .metric("w2_fit", w2).metric("w2_noise_floor", floor).metric("w2_identity", identity)
                .metric("w2_fit_over_floor", w2 / floor)
                .metric("w2_fit_final", w2Final).metric("w2_fit_final_over_floor", w2Final / floor).metric("selected_f_step", selected)
                .metric("w2_validation_selected", best.bestValue()).metric("w2_validation_identity", validationIdentity).metric("w2_fit_last_mean", lastMean).metric("transport_cost", cost).metric("conditional_variance", spread)
                .metric("fit_seconds", fitSeconds)
                .metric("skipped_updates", model.fitReport().path("skipped_updates").asDouble())
                .paper("setting", "report IV.2: MNIST -> KMNIST, U-Net T, CNN f, batch 64, K 4, k_T 10, Adam 1e-4, gamma 0 -> 2/3 over "
                        + "3000 of ~10000 f-steps (GPU); shown as figures only")
                .paper("bar", "a CPU budget run that visibly moves from the identity toward the target domain (spec neural-ot.md)")
                .figure("mnist_to_fashion.png").figure("w2_fit_history.png");
        for (double[] h : history) {
            report.metric("w2_fit_at_" + (long) h[0], h[1]);
        }
        for (double[] h : validationHistory) {
            report.metric("w2_validation_at_" + (long) h[0], h[1]);
        }
        context.log(String.format(Locale.ROOT, "not-mnist-fashion: w2_fit %.1f (floor %.1f, identity %.1f, ratio %.2f), transport cost "
                + "%.1f, conditional variance %.2f, fit %.0f s (selected f-step %d; final map %.1f; mean of the last %d checkpoints %.1f)", w2,
                floor, identity, w2 / floor, cost, spread, fitSeconds, selected, w2Final, last, lastMean));
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

    /** [−1, 1] → [0, 1] for display. */
    private static double[] unit(double[] pixels) {
        double[] out = new double[pixels.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (pixels[c] + 1) / 2;
        }
        return out;
    }
}
