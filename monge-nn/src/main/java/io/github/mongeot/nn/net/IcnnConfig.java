package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.List;
import java.util.Locale;

/**
 * An input-convex neural network f: R^d → R (Amos, Xu, Kolter 2017), convex in x for every
 * parameter value.
 *
 * @param inputDim        d
 * @param hidden          hidden widths (may be empty: f is then its convex quadratic pass-through)
 * @param activation      convex and non-decreasing (relu, leaky_relu, softplus, celu)
 * @param passThrough     how x enters every layer: affine, or convex quadratic per unit
 * @param quadraticRank   rank r of the low-rank factor of each unit's quadratic (quadratic pass-through)
 * @param strongConvexity α ≥ 0: adds α/2 ‖x‖²
 * @param symmetric       f(x) = ½ I(x) + ½ I(−x) (+ α/2 ‖x‖²), the form of the learned-cost papers
 * @param dtype           parameter precision
 */
public record IcnnConfig(int inputDim, List<Integer> hidden, Activation activation, PassThrough passThrough,
        int quadraticRank, double strongConvexity, boolean symmetric, DType dtype) implements NetworkConfig {
    public static final String TYPE = "icnn";

    /** How the input enters each layer. */
    public enum PassThrough {
        /** Q(x) = A x + b per layer. */
        AFFINE,
        /** Q_j(x) = ½ xᵀ(F_j F_jᵀ + diag(relu(D_j)))x + a_jᵀx + b_j per unit j (Howard et al. 2024). */
        QUADRATIC;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static PassThrough parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown icnn pass-through '" + name + "' (expected affine or quadratic)");
            }
        }
    }

    public IcnnConfig {
        hidden = List.copyOf(hidden);
        Checks.positive(inputDim, "icnn inputDim");
        Checks.widths(hidden, "icnn hidden");
        Checks.notNull(activation, "icnn activation");
        Checks.notNull(passThrough, "icnn passThrough");
        Checks.positive(quadraticRank, "icnn quadraticRank");
        Checks.nonNegative(strongConvexity, "icnn strongConvexity");
        Checks.notNull(dtype, "icnn dtype");
        if (!activation.isConvexNonDecreasing()) {
            throw new InvalidInputException("icnn activation must be convex and non-decreasing (relu, leaky_relu, softplus, celu), got "
                    + activation.id());
        }
    }

    /** Quadratic pass-through of rank d, softplus, not symmetric, no extra strong convexity, float64. */
    public static IcnnConfig of(int inputDim, List<Integer> hidden) {
        return new IcnnConfig(inputDim, hidden, Activation.SOFTPLUS, PassThrough.QUADRATIC, inputDim, 0.0, false, DType.FLOAT64);
    }

    /** The symmetric, α-strongly convex h of the learned-cost method: ½I(z) + ½I(−z) + α/2‖z‖², CELU. */
    public static IcnnConfig symmetricCost(int inputDim, List<Integer> hidden, double alpha) {
        return new IcnnConfig(inputDim, hidden, Activation.CELU, PassThrough.QUADRATIC, inputDim, alpha, true, DType.FLOAT64);
    }

    public IcnnConfig withActivation(Activation value) {
        return new IcnnConfig(inputDim, hidden, value, passThrough, quadraticRank, strongConvexity, symmetric, dtype);
    }

    public IcnnConfig withPassThrough(PassThrough value) {
        return new IcnnConfig(inputDim, hidden, activation, value, quadraticRank, strongConvexity, symmetric, dtype);
    }

    public IcnnConfig withStrongConvexity(double value) {
        return new IcnnConfig(inputDim, hidden, activation, passThrough, quadraticRank, value, symmetric, dtype);
    }

    public IcnnConfig withSymmetric(boolean value) {
        return new IcnnConfig(inputDim, hidden, activation, passThrough, quadraticRank, strongConvexity, value, dtype);
    }

    public IcnnConfig withDtype(DType value) {
        return new IcnnConfig(inputDim, hidden, activation, passThrough, quadraticRank, strongConvexity, symmetric, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Icnn build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public Icnn build(long seed, String device) {
        return new Icnn(this, seed, device);
    }

    /** An ICNN outputs one value per point (the convex potential). */
    @Override
    public int outputDim() {
        return 1;
    }
}
