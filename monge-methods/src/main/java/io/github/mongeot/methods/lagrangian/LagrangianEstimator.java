package io.github.mongeot.methods.lagrangian;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import io.github.mongeot.core.engine.Engine;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.Mlp;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.path.SplineNetwork;
import io.github.mongeot.nn.path.SplinePaths;
import io.github.mongeot.nn.train.LearningRateSchedule;
import io.github.mongeot.nn.train.NonFiniteLossException;
import io.github.mongeot.nn.train.OptimizerConfig;
import io.github.mongeot.nn.train.TrainingOptimizer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Fits a Lagrangian OT map by Algorithm 1 of Pooladian, Domingo-Enrich, Chen &amp; Amos (2024):
 * per step, draw x ∼ μ and y ∼ ν; compute the c-transform ŷ(x) from the best of y_ζ(x), a grid and a few target
 * samples by per-row projected Newton (the paper fine-tunes y_ζ(x) by L-BFGS); update g_θ with
 * the Danskin gradient of the semi-dual E_x[c(x, ŷ) − g(ŷ)] + E_y[g(y)] (ŷ held fixed, so the loss is
 * E g(ŷ) − E g(y)); regress y_ζ(x) on ŷ; update φ_η on the action of the (x, ŷ) and (x, y) paths.
 * The potential's strength and sharpness are annealed over the first steps.
 */
public final class LagrangianEstimator {
    private static final double FINAL_LR_FACTOR = 0.1;
    /**
     * The c-transform predictor regresses a moving target: at g's rate it lagged ŷ by ~2 units on the
     * box problem and the short L-BFGS of the first version could not recover (measured); 10× keeps it within ~0.3.
     */
    static final double PREDICTOR_LR_FACTOR = 10;
    /** Target samples of the batch tried as c-transform starting points (besides y_ζ(x) and a grid). */
    static final int TARGET_CANDIDATES = 8;
    private final LagrangianOptions options;
    private final PrintStream log;
    private final long logEvery;
    private final StepCallback callback;
    private final long callbackEvery;
    private final Tuning tuning;

    /**
     * Settings of the semi-dual beyond {@link LagrangianOptions}, each defaulting to the behaviour without them: g_θ's
     * activation (the paper's leaky ReLU) and its Adam learning rate (NaN: the options' rate) with the cosine schedule's final
     * factor ({@value #FINAL_LR_FACTOR}); the c-transform's multistart: how many target samples of the batch are tried as
     * starting points in training ({@value #TARGET_CANDIDATES}) and the side of the grid of starts over the domain in training
     * and in the fitted model's map ({@value LagrangianDual#GRID_SIDE} both).
     */
    public record Tuning(Activation potentialActivation, double potentialLearningRate, double potentialFinalFactor, int targetCandidates,
            int gridSide, int modelGridSide) {
        public Tuning {
            Objects.requireNonNull(potentialActivation, "potentialActivation");
            if (potentialActivation == Activation.PRELU) {
                throw new InvalidInputException("g's activation must be a fixed function, got prelu");
            }
            if (!(potentialLearningRate > 0) && !Double.isNaN(potentialLearningRate)) {
                throw new InvalidInputException("g's learning rate must be > 0, got " + potentialLearningRate);
            }
            if (!(potentialFinalFactor > 0 && potentialFinalFactor <= 1)) {
                throw new InvalidInputException("g's final learning-rate factor must be in (0, 1], got " + potentialFinalFactor);
            }
            if (targetCandidates < 0) {
                throw new InvalidInputException("c-transform target candidates must be >= 0, got " + targetCandidates);
            }
            if (gridSide < 1 || modelGridSide < 1) {
                throw new InvalidInputException("c-transform grid side must be >= 1, got " + gridSide + " (training) and "
                        + modelGridSide + " (model)");
            }
        }

        /** The behaviour without settings. */
        public static Tuning defaults() {
            return new Tuning(Activation.LEAKY_RELU, Double.NaN, FINAL_LR_FACTOR, TARGET_CANDIDATES, LagrangianDual.GRID_SIDE,
                    LagrangianDual.GRID_SIDE);
        }

        public Tuning withPotentialActivation(Activation value) {
            return new Tuning(value, potentialLearningRate, potentialFinalFactor, targetCandidates, gridSide, modelGridSide);
        }

        public Tuning withPotentialLearningRate(double value, double finalFactor) {
            return new Tuning(potentialActivation, value, finalFactor, targetCandidates, gridSide, modelGridSide);
        }

        /** Target samples tried per step, the grid side in training and the grid side of the fitted model's map. */
        public Tuning withCTransformStarts(int candidates, int side, int modelSide) {
            return new Tuning(potentialActivation, potentialLearningRate, potentialFinalFactor, candidates, side, modelSide);
        }

        double potentialRate(LagrangianOptions options) {
            return Double.isNaN(potentialLearningRate) ? options.learningRate() : potentialLearningRate;
        }
    }

    /** Called during training with the number of steps done and a model sharing the current networks. */
    @FunctionalInterface
    public interface StepCallback {
        void afterSteps(long stepsDone, LagrangianModel current);
    }

    public LagrangianEstimator(LagrangianOptions options) {
        this(options, null, 0, null, 0, Tuning.defaults());
    }

    private LagrangianEstimator(LagrangianOptions options, PrintStream log, long logEvery, StepCallback callback, long callbackEvery,
            Tuning tuning) {
        this.options = Objects.requireNonNull(options, "options");
        this.log = log;
        this.logEvery = logEvery;
        this.callback = callback;
        this.callbackEvery = callbackEvery;
        this.tuning = Objects.requireNonNull(tuning, "tuning");
    }

    /** The semi-dual's further settings (see {@link Tuning}). */
    public LagrangianEstimator withTuning(Tuning value) {
        return new LagrangianEstimator(options, log, logEvery, callback, callbackEvery, value);
    }

    public Tuning tuning() {
        return tuning;
    }

    /** Prints a progress line (step, dual objective, path energy, seconds) every {@code every} steps. */
    public LagrangianEstimator withLog(PrintStream stream, long every) {
        return new LagrangianEstimator(options, stream, Math.max(1, every), callback, callbackEvery, tuning);
    }

    /**
     * Calls {@code callback} after every {@code every} steps (and never otherwise), e.g. to evaluate checkpoints as
     * the reference code does; the model it gets shares the live networks, so it must be used before returning.
     */
    public LagrangianEstimator withCallback(long every, StepCallback callback) {
        if (every < 1) {
            throw new InvalidInputException("callback interval must be >= 1, got " + every);
        }
        return new LagrangianEstimator(options, log, logEvery, Objects.requireNonNull(callback, "callback"), every, tuning);
    }

    public LagrangianOptions options() {
        return options;
    }

    /** Fresh networks for a problem in dimension d on the domain (the spline net starts at straight lines). */
    LagrangianDual initialDual(Lagrangian lagrangian, Domain domain, long seed) {
        return initialDual(lagrangian, domain, seed, domain.scale() * domain.scale());
    }

    /** As above with g's output scale κ. */
    LagrangianDual initialDual(Lagrangian lagrangian, Domain domain, long seed, double costScale) {
        int d = domain.dim();
        Mlp g = new Mlp(MlpConfig.of(d, options.potentialHidden(), 1, tuning.potentialActivation()).withDtype(options.dtype()), seed);
        Mlp y = new Mlp(MlpConfig.of(d, options.predictorHidden(), d, Activation.LEAKY_RELU).withDtype(options.dtype()), seed + 1);
        Mlp phi = new Mlp(MlpConfig.of(2 * d, options.splineHidden(), options.knots() * d, Activation.RELU).withDtype(options.dtype()),
                seed + 2);
        SplineNetwork spline = new SplineNetwork(phi, options.knots(), domain.scale());
        spline.zeroOutputLayer();
        zeroLast(y);
        SplinePaths paths = SplinePaths.uniform(options.knots(), options.times(), options.dtype());
        return new LagrangianDual(lagrangian, g, y, spline, paths, domain, costScale);
    }

    /** y_ζ starts at the identity map. */
    private static void zeroLast(Mlp net) {
        String last = null;
        for (String name : net.namedParameters().keySet()) {
            last = name.substring(0, name.lastIndexOf('.'));
        }
        try (org.bytedeco.pytorch.NoGradGuard noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
            net.namedParameters().get(last + ".weight").zero_();
            net.namedParameters().get(last + ".bias").zero_();
        }
    }

    /** Trains the map from {@code source} to {@code target} under the Lagrangian, searching ŷ inside {@code domain}. */
    @SuppressWarnings("try")
    public LagrangianModel fit(PointCloud source, PointCloud target, Lagrangian lagrangian, Domain domain) {
        Validation.checkSameDimension(source, target);
        if (domain.dim() != source.dim()) {
            throw new InvalidInputException("domain has dimension " + domain.dim() + ", the clouds " + source.dim());
        }
        if (source.dim() != 2 && !(lagrangian.metric().name().equals("identity"))) {
            throw new InvalidInputException("the named metrics are two-dimensional; the clouds have dimension " + source.dim());
        }
        Engine.seed(options.seed());
        LagrangianDual dual = initialDual(lagrangian, domain, options.seed(), meanCost(lagrangian, source, target));
        dual.gridSide = tuning.gridSide();
        zeroLast(dual.potential);
        Trainer trainer = new Trainer(dual, options, tuning);
        long start = System.nanoTime();
        double[] last = {Double.NaN, Double.NaN};
        try (PointerScope data = new PointerScope()) {
            Tensor xs = source.pointsTensor(options.dtype());
            Tensor ys = target.pointsTensor(options.dtype());
            Tensor xw = source.weightsTensor(options.dtype());
            Tensor yw = target.weightsTensor(options.dtype());
            for (long step = 0; step < options.steps(); step++) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor x = minibatch(xs, xw, options.batchSize());
                    Tensor y = minibatch(ys, yw, options.batchSize());
                    last = trainer.step(step, x, y);
                }
                if (callback != null && (step + 1) % callbackEvery == 0) {
                    // the live model maps as the fitted one will: with the model's grid of starts
                    dual.gridSide = tuning.modelGridSide();
                    try {
                        callback.afterSteps(step + 1, new LagrangianModel(dual, options.newtonIterations(), null));
                    } finally {
                        dual.gridSide = tuning.gridSide();
                    }
                }
                if (log != null && (step + 1) % logEvery == 0) {
                    log.println(String.format(Locale.ROOT, "step %d/%d: dual %.5g, path energy %.5g, strength %.3f, %.1f s",
                            step + 1, options.steps(), last[0], last[1], options.strength(step),
                            (System.nanoTime() - start) / 1e9));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("method", "lagrangian");
        report.put("steps", options.steps());
        report.put("final_dual", last[0]);
        report.put("final_path_energy", last[1]);
        report.put("seconds", seconds);
        report.put("batch_size", options.batchSize());
        report.put("learning_rate", options.learningRate());
        report.put("potential_learning_rate", tuning.potentialRate(options));
        report.put("potential_final_lr_factor", tuning.potentialFinalFactor());
        report.put("potential_activation", tuning.potentialActivation().id());
        report.put("ctransform_target_candidates", tuning.targetCandidates());
        report.put("ctransform_grid_side", tuning.gridSide());
        report.put("model_grid_side", tuning.modelGridSide());
        report.put("spline_learning_rate", options.splineLearningRate());
        report.put("newton_iterations", options.newtonIterations());
        report.put("anneal_steps", options.annealSteps());
        report.put("knots", options.knots());
        report.put("times", options.times());
        options.potentialHidden().forEach(report.putArray("potential_hidden")::add);
        options.predictorHidden().forEach(report.putArray("predictor_hidden")::add);
        options.splineHidden().forEach(report.putArray("spline_hidden")::add);
        report.put("seed", options.seed());
        report.put("source_points", source.size());
        report.put("target_points", target.size());
        dual.gridSide = tuning.modelGridSide();
        return new LagrangianModel(dual, options.newtonIterations(), report);
    }

    /** Mean straight-line action (potential off) of up to 1024 random source–target pairs: the scale of c. */
    @SuppressWarnings("try")
    private double meanCost(Lagrangian lagrangian, PointCloud source, PointCloud target) {
        int n = Math.min(1024, Math.min(source.size(), target.size()));
        try (PointerScope scope = new PointerScope(); org.bytedeco.pytorch.NoGradGuard noGrad = new org.bytedeco.pytorch.NoGradGuard()) {
            Tensor x = Tensors.fromRows(java.util.Arrays.copyOf(source.points(), n), options.dtype());
            Tensor y = Tensors.fromRows(java.util.Arrays.copyOf(target.points(), n), options.dtype()).roll(new long[] {1}, new long[] {0});
            SplinePaths paths = SplinePaths.uniform(options.knots(), options.times(), options.dtype());
            Tensor line = paths.points(torch.zeros(new long[] {n, options.knots(), x.size(1)}, Tensors.options(options.dtype())), x, y);
            double mean = lagrangian.energy(line, 0.0, lagrangian.potential().sharpnessEnd()).mean().item_double();
            return mean > 0 && Double.isFinite(mean) ? mean : 1.0;
        }
    }

    /** {@code size} rows drawn with replacement in proportion to the weights. */
    static Tensor minibatch(Tensor points, Tensor weights, int size) {
        Tensor index = torch.multinomial(weights, size, true, new GeneratorOptional());
        return points.index_select(0, index);
    }

    /** One Algorithm 1 step on given batches; three Adam optimisers (g, y_ζ with cosine decay; φ_η constant). */
    static final class Trainer {
        private final LagrangianDual dual;
        private final LagrangianOptions options;
        private final TrainingOptimizer gOptimizer;
        private final TrainingOptimizer yOptimizer;
        private final TrainingOptimizer splineOptimizer;
        private final LearningRateSchedule schedule;
        private final LearningRateSchedule gSchedule;
        private final int targetCandidates;

        Trainer(LagrangianDual dual, LagrangianOptions options, Tuning tuning) {
            this.dual = dual;
            this.options = options;
            this.targetCandidates = tuning.targetCandidates();
            gOptimizer = OptimizerConfig.adam(tuning.potentialRate(options)).create(new ArrayList<>(dual.potential.namedParameters().values()));
            yOptimizer = OptimizerConfig.adam(options.learningRate() * PREDICTOR_LR_FACTOR)
                    .create(new ArrayList<>(dual.predictor.namedParameters().values()));
            splineOptimizer = OptimizerConfig.adam(options.splineLearningRate())
                    .create(new ArrayList<>(dual.spline.network().namedParameters().values()));
            schedule = LearningRateSchedule.cosine(Math.max(1, options.steps()), FINAL_LR_FACTOR);
            gSchedule = LearningRateSchedule.cosine(Math.max(1, options.steps()), tuning.potentialFinalFactor());
        }

        /** Returns {dual objective estimate, mean path energy of the (x, ŷ) pairs}. */
        double[] step(long step, Tensor x, Tensor y) {
            double strength = options.strength(step);
            double tau = options.sharpness(dual.lagrangian.potential(), step);
            double factor = schedule.factor(step);
            gOptimizer.setLearningRateFactor(gSchedule.factor(step));
            yOptimizer.setLearningRateFactor(factor);
            Tensor candidates = targetCandidates == 0 ? null : y.narrow(0, 0, Math.min(targetCandidates, y.size(0)));
            Tensor yHat = dual.cTransform(x, candidates, options.newtonIterations(), strength, tau, true);
            // θ: Danskin, ∇θ g^c(x) = −∇θ g(ŷ(x)) with ŷ fixed (eq. 15)
            gOptimizer.zeroGrad();
            Tensor gHat = dual.g(yHat);
            Tensor gY = dual.g(y);
            Tensor gLoss = gHat.mean().sub(gY.mean());
            gLoss.backward();
            gOptimizer.step();
            // ζ: regression of the amortised c-transform on the fine-tuned one
            yOptimizer.zeroGrad();
            Tensor yLoss = Ops.sumLast(dual.predict(x).sub(yHat).square()).mean();
            yLoss.backward();
            yOptimizer.step();
            // η: least action of the paths the solver needs (eq. 19): (x, ŷ) and random pairs (x, y)
            splineOptimizer.zeroGrad();
            Tensor ends = torch.cat(new TensorVector(yHat, y), 0);
            Tensor starts = torch.cat(new TensorVector(x, x), 0);
            Tensor energies = dual.cost(starts, ends, strength, tau);
            Tensor pathLoss = energies.mean();
            pathLoss.backward();
            splineOptimizer.step();
            double energy = Tensors.toFlat(energies.narrow(0, 0, x.size(0)).mean())[0];
            double dualValue = energy - gHat.mean().item_double() + gY.mean().item_double();
            if (!Double.isFinite(dualValue)) {
                throw new NonFiniteLossException("lagrangian dual objective", step, dualValue, step - 1);
            }
            return new double[] {dualValue, energy};
        }
    }
}
