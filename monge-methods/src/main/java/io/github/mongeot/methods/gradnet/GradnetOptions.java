package io.github.mongeot.methods.gradnet;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.MGradNetMConfig.ModuleActivation;
import io.github.mongeot.nn.train.LearningRateSchedule;
import io.github.mongeot.nn.train.OptimizerConfig;
import java.util.Locale;

/**
 * Settings of a {@link GradnetEstimator}.
 *
 * @param architecture   mGradNet-C, mGradNet-M or the unconstrained MLP baseline
 * @param width          h: rows of W (mGradNet-C), of each W_k (mGradNet-M), hidden width (MLP)
 * @param depth          L layers (mGradNet-C), K modules (mGradNet-M), hidden layers (MLP)
 * @param activation     σ of mGradNet-C and of the MLP (monotone for mGradNet-C)
 * @param moduleActivation σ_k of mGradNet-M
 * @param steps          optimiser updates, each on {@code batchSize} fresh source samples
 * @param batchSize      source samples per step
 * @param optimizer      Adam or AdamW
 * @param learningRate   base learning rate
 * @param weightDecay    weight decay (AdamW: decoupled; Adam: L2)
 * @param lrDecay        the learning rate is multiplied by lrDecay every lrDecayEvery steps (1 = constant)
 * @param lrDecayEvery   see lrDecay
 * @param cosineFloor    NaN: no cosine; else the rate also follows a cosine from 1 to this factor over the run
 *                       (Loshchilov &amp; Hutter 2017), multiplied with the step decay
 * @param clipNorm       global gradient-norm clip (0 = off)
 * @param loss           L1 (the reference code's) or squared residual
 * @param bandwidthStart image densities start at this kernel variance (NaN: leave them as given)
 * @param bandwidthEnd   … and reach this one at the last step, geometrically
 * @param seed           initial weights and libtorch's generator (the samples)
 * @param dtype          precision of the network and of training
 */
public record GradnetOptions(Architecture architecture, int width, int depth, Activation activation,
        ModuleActivation moduleActivation, long steps, int batchSize, OptimizerConfig.Kind optimizer, double learningRate,
        double weightDecay, double lrDecay, long lrDecayEvery, double cosineFloor, double clipNorm, Loss loss,
        double bandwidthStart, double bandwidthEnd, long seed, DType dtype) {

    /** The map's parameterisation. */
    public enum Architecture {
        MGRADNET_C, MGRADNET_M, MLP;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Architecture parse(String name) {
            for (Architecture a : values()) {
                if (a.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new InvalidInputException("unknown gradnet architecture '" + name + "' (expected mgradnet-c, mgradnet-m or mlp)");
        }
    }

    /** How the Monge–Ampère residual r = log det J_T(x) − log p(x) + log q(T(x)) is penalised. */
    public enum Loss {
        L1, SQUARED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Loss parse(String name) {
            for (Loss l : values()) {
                if (l.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return l;
                }
            }
            throw new InvalidInputException("unknown gradnet loss '" + name + "' (expected l1 or squared)");
        }
    }

    public GradnetOptions {
        require(architecture != null, "architecture must be given");
        require(width >= 1, "width must be >= 1, got " + width);
        require(depth >= 1, "depth (layers / modules) must be >= 1, got " + depth);
        require(activation != null && moduleActivation != null, "activations must be given");
        if (architecture == Architecture.MGRADNET_C && !activation.isMonotone()) {
            throw new InvalidInputException("gradnet: mgradnet-c needs a monotone activation, got " + activation.id());
        }
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(optimizer != null, "optimizer must be adam or adamw");
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay must be >= 0, got " + weightDecay);
        require(lrDecay > 0 && lrDecay <= 1, "lr decay must lie in (0, 1], got " + lrDecay);
        require(lrDecayEvery >= 1, "lr decay interval must be >= 1, got " + lrDecayEvery);
        require(Double.isNaN(cosineFloor) || (cosineFloor > 0 && cosineFloor <= 1), "cosine floor must lie in (0, 1], got " + cosineFloor);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm must be >= 0, got " + clipNorm);
        require(loss != null, "loss must be l1 or squared");
        boolean annealed = !Double.isNaN(bandwidthStart) || !Double.isNaN(bandwidthEnd);
        require(!annealed || (bandwidthStart > 0 && bandwidthEnd > 0 && Double.isFinite(bandwidthStart) && Double.isFinite(bandwidthEnd)),
                "bandwidths must both be > 0 (or both unset), got " + bandwidthStart + " and " + bandwidthEnd);
        require(dtype != null, "dtype must be float32 or float64");
    }

    /**
     * The paper's Gaussian setting for mGradNet-M (K = 4 modules of h = 32, softmax-type): Adam lr
     * 1e-2, 1000 steps of 1000 fresh samples, clip 2, L1 loss, float64, seed 0.
     */
    public static GradnetOptions defaults() {
        return new GradnetOptions(Architecture.MGRADNET_M, 32, 4, Activation.TANH, ModuleActivation.SOFTMAX, 1000, 1000,
                OptimizerConfig.Kind.ADAM, 1e-2, 0.0, 1.0, 1, Double.NaN, 2.0, Loss.L1, Double.NaN, Double.NaN, 0L, DType.FLOAT64);
    }

    /** Whether image densities have their bandwidth annealed. */
    public boolean annealsBandwidth() {
        return !Double.isNaN(bandwidthStart);
    }

    /** The kernel variance at a step: geometric from bandwidthStart to bandwidthEnd over the run. */
    public double bandwidthAt(long step) {
        double progress = steps == 1 ? 1.0 : (double) step / (steps - 1);
        return bandwidthStart * Math.pow(bandwidthEnd / bandwidthStart, progress);
    }

    public GradnetOptions withArchitecture(Architecture v) {
        return new GradnetOptions(v, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withShape(int w, int dep) {
        return new GradnetOptions(architecture, w, dep, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withActivations(Activation a, ModuleActivation m) {
        return new GradnetOptions(architecture, width, depth, a, m, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withSteps(long v) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, v, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withBatchSize(int v) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, v, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withOptimizer(OptimizerConfig.Kind kind, double lr, double wd) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, kind, lr, wd, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withLrDecay(double factor, long every) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, factor, every, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    /** Cosine annealing of the rate to lr · floor over the run (NaN: off). */
    public GradnetOptions withCosineFloor(double floor) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, floor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    /** The learning-rate factor of the run: step decay times the cosine, if any. */
    public LearningRateSchedule schedule() {
        LearningRateSchedule step = LearningRateSchedule.stepDecay(lrDecayEvery, lrDecay);
        if (Double.isNaN(cosineFloor)) {
            return step;
        }
        LearningRateSchedule cosine = LearningRateSchedule.cosine(Math.max(1, steps - 1), cosineFloor);
        return s -> step.factor(s) * cosine.factor(s);
    }

    public GradnetOptions withClipNorm(double v) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, v, loss, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withLoss(Loss v) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, v, bandwidthStart, bandwidthEnd, seed, dtype);
    }

    public GradnetOptions withBandwidths(double start, double end) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, start, end, seed, dtype);
    }

    public GradnetOptions withSeed(long v) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, v, dtype);
    }

    public GradnetOptions withDtype(DType v) {
        return new GradnetOptions(architecture, width, depth, activation, moduleActivation, steps, batchSize, optimizer, learningRate, weightDecay, lrDecay, lrDecayEvery, cosineFloor, clipNorm, loss, bandwidthStart, bandwidthEnd, seed, v);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException("gradnet: " + message);
        }
    }
}
