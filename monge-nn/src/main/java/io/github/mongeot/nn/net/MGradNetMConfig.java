package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.Locale;

/**
 * Modular monotone gradient network mGradNet-M (Chaudhari, Pranav, Moura, "Gradient Networks",
 * IEEE TSP 2025): T(x) = Σ_k s⁺(α_k) W_kᵀ σ_k(s⁺(β_k)(W_k x + b_k)) + b, each σ_k the gradient of
 * a convex function.
 *
 * @param dim     d
 * @param modules K ≥ 1
 * @param width   h (rows of each W_k)
 * @param kind    the module activation σ_k
 * @param dtype   parameter precision
 */
public record MGradNetMConfig(int dim, int modules, int width, ModuleActivation kind, DType dtype) implements SquareNetworkConfig {
    public static final String TYPE = "mgradnet-m";

    /** The module activations of the paper, each the gradient of a convex Φ. */
    public enum ModuleActivation {
        /** σ(u) = s⁺(a) tanh(u) + s⁺(b)(u − tanh u), elementwise; Φ = s⁺(a) log cosh u + s⁺(b)(u²/2 − log cosh u). */
        WEIGHTED_TANH,
        /** σ(u) = s⁺(a) softmax(u) − s⁺(b) softmax(−u); Φ = s⁺(a) logsumexp(u) + s⁺(b) logsumexp(−u). */
        SOFTMAX;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static ModuleActivation parse(String name) {
            String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (ModuleActivation m : values()) {
                if (m.id().equals(key)) {
                    return m;
                }
            }
            throw new InvalidInputException("unknown mgradnet-m activation '" + name + "' (expected weighted-tanh or softmax)");
        }
    }

    public MGradNetMConfig {
        Checks.positive(dim, "mgradnet-m dim");
        Checks.positive(modules, "mgradnet-m modules");
        Checks.positive(width, "mgradnet-m width");
        Checks.notNull(kind, "mgradnet-m activation");
        Checks.notNull(dtype, "mgradnet-m dtype");
    }

    public static MGradNetMConfig of(int dim, int modules, int width, ModuleActivation kind) {
        return new MGradNetMConfig(dim, modules, width, kind, DType.FLOAT64);
    }

    public MGradNetMConfig withDtype(DType value) {
        return new MGradNetMConfig(dim, modules, width, kind, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public MGradNetM build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public MGradNetM build(long seed, String device) {
        return new MGradNetM(this, seed, device);
    }
}
