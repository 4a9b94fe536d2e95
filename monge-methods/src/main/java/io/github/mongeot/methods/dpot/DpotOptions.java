package io.github.mongeot.methods.dpot;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.nn.net.Activation;
import io.github.mongeot.nn.net.MlpConfig;
import io.github.mongeot.nn.net.ModifiedMlpConfig;
import io.github.mongeot.nn.net.NetworkConfig;
import io.github.mongeot.nn.net.ResNetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a {@link DpotEstimator}.
 *
 * @param architecture      the map network: residual MLP, ResNet (PReLU blocks) or modified MLP
 * @param width             hidden width
 * @param depth             hidden layers (MLP, modified MLP) or residual blocks (ResNet)
 * @param activation        hidden activation
 * @param lambda            weight λ of ‖T − id‖ in J_λ(T) = W₂(T#μ, ν) + λ‖T − id‖ (the seed: 0 &lt; λ &lt; 1)
 * @param steps             Adam updates
 * @param batchSize         points per batch and condition, B
 * @param conditions        conditions per step n_c (conditional problems; capped by those available)
 * @param gammaEvery        n_Γ: recompute the exact plans every this many steps
 * @param batchEvery        n_batch: draw new batches every this many steps
 * @param learningRate      Adam's initial learning rate
 * @param decay             the learning rate is multiplied by {@code decay} every {@code decaySteps} steps (continuously)
 * @param decaySteps        see {@code decay}
 * @param inverse           also train the inverse map S: ν → μ with cycle residuals
 * @param cycleForward      weight of mean ‖S(T(x)) − x‖² (inverse only)
 * @param cycleInverse      weight of mean ‖T(S(y)) − y‖² (inverse only)
 * @param solver            how Γ is computed
 * @param seed              network initialisation, batches and conditions
 * @param dtype             precision of the networks
 */
public record DpotOptions(Architecture architecture, int width, int depth, Activation activation, double lambda, long steps,
        int batchSize, int conditions, int gammaEvery, int batchEvery, double learningRate, double decay, int decaySteps,
        boolean inverse, double cycleForward, double cycleInverse, GammaSolver solver, long seed, DType dtype) {

    /** The map network families the seed trains. */
    public enum Architecture {
        /** T(x) = x + N(x) with an MLP N. */
        MLP("mlp"),
        /** T(x) = x + N(x) with a ResNet N. */
        RESNET("resnet"),
        /** The modified MLP of Wang, Teng &amp; Perdikaris (2021), residual. */
        MODIFIED_MLP("modified-mlp");

        private final String id;

        Architecture(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Architecture parse(String name) {
            for (Architecture a : values()) {
                if (a.id.equals(name.toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new InvalidInputException("dpot architecture must be mlp, resnet or modified-mlp, got '" + name + "'");
        }
    }

    public DpotOptions {
        if (architecture == null || activation == null || solver == null || dtype == null) {
            throw new InvalidInputException("dpot: architecture, activation, solver and dtype are required");
        }
        positive(width, "width");
        positive(depth, "depth");
        positive(batchSize, "batch size");
        positive(conditions, "conditions per step");
        positive(gammaEvery, "gamma-every");
        positive(batchEvery, "batch-every");
        positive(decaySteps, "decay steps");
        if (steps < 1) {
            throw new InvalidInputException("dpot steps must be >= 1, got " + steps);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new InvalidInputException("dpot lambda must be >= 0, got " + lambda);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("dpot learning rate must be > 0, got " + learningRate);
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new InvalidInputException("dpot decay must be in (0, 1], got " + decay);
        }
        if (!(cycleForward >= 0) || !(cycleInverse >= 0) || !Double.isFinite(cycleForward + cycleInverse)) {
            throw new InvalidInputException("dpot cycle weights must be >= 0, got " + cycleForward + " and " + cycleInverse);
        }
    }

    /**
     * The reference settings of the seed's half-disk example where it gives them: λ = 0.3,
     * n_Γ = n_batch = 10, Adam 1e-3·0.9^{step/500}; a residual ReLU MLP 3×128, batch 1000, one
     * condition, 2000 steps, exact plans by {@link GammaSolver#AUTO}, float32.
     */
    public static DpotOptions defaults() {
        return new DpotOptions(Architecture.MLP, 128, 3, Activation.RELU, 0.3, 2000, 1000, 1, 10, 10, 1e-3, 0.9, 500, false,
                1.0, 1.0, GammaSolver.AUTO, 0L, DType.FLOAT32);
    }

    /** The map network for points of dimension {@code dim} with conditions of length {@code conditionDim}. */
    public NetworkConfig network(int dim, int conditionDim) {
        return switch (architecture) {
            case MLP -> {
                List<Integer> hidden = new ArrayList<>();
                for (int k = 0; k < depth; k++) {
                    hidden.add(width);
                }
                yield new MlpConfig(dim, hidden, dim, activation, true, conditionDim, dtype);
            }
            case RESNET -> new ResNetConfig(dim, width, depth, dim, activation, true, conditionDim, dtype);
            case MODIFIED_MLP -> new ModifiedMlpConfig(dim, width, depth, dim, activation, true, conditionDim, dtype);
        };
    }

    private static void positive(long value, String what) {
        if (value < 1) {
            throw new InvalidInputException("dpot " + what + " must be >= 1, got " + value);
        }
    }

    public DpotOptions withArchitecture(Architecture v) {
        return new DpotOptions(v, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withWidth(int v) {
        return new DpotOptions(architecture, v, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withDepth(int v) {
        return new DpotOptions(architecture, width, v, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withActivation(Activation v) {
        return new DpotOptions(architecture, width, depth, v, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withLambda(double v) {
        return new DpotOptions(architecture, width, depth, activation, v, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withSteps(long v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, v, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withBatchSize(int v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, v, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withConditions(int v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, v, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withGammaEvery(int v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, v, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withBatchEvery(int v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, v,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withLearningRate(double v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                v, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withDecay(double v, int everySteps) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, v, everySteps, inverse, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withInverse(boolean v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, v, cycleForward, cycleInverse, solver, seed, dtype);
    }

    public DpotOptions withCycleWeights(double forward, double backward) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, forward, backward, solver, seed, dtype);
    }

    public DpotOptions withSolver(GammaSolver v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, v, seed, dtype);
    }

    public DpotOptions withSeed(long v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, v, dtype);
    }

    public DpotOptions withDtype(DType v) {
        return new DpotOptions(architecture, width, depth, activation, lambda, steps, batchSize, conditions, gammaEvery, batchEvery,
                learningRate, decay, decaySteps, inverse, cycleForward, cycleInverse, solver, seed, v);
    }
}
