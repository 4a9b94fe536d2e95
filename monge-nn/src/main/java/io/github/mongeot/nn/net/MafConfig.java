package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.List;

/**
 * A masked autoregressive flow (Papamakarios, Pavlakou, Murray 2017): {@code layers} × [MADE
 * affine autoregressive transform + coordinate reversal] on R^d.
 *
 * @param dim        d
 * @param layers     number of MADE transforms (4 in the learned-cost paper)
 * @param hidden     hidden widths of each MADE ([64, 64] in the learned-cost paper)
 * @param activation MADE activation (not prelu)
 * @param dtype      parameter precision
 */
public record MafConfig(int dim, int layers, List<Integer> hidden, Activation activation, DType dtype) implements SquareNetworkConfig {
    public static final String TYPE = "maf";

    public MafConfig {
        hidden = List.copyOf(hidden);
        Checks.positive(dim, "maf dim");
        Checks.positive(layers, "maf layers");
        Checks.widths(hidden, "maf hidden");
        Checks.notNull(activation, "maf activation");
        Checks.notNull(dtype, "maf dtype");
        if (activation == Activation.PRELU) {
            throw new InvalidInputException("maf activation must not be prelu");
        }
    }

    /** The learned-cost paper's flow: 4 × [MADE(64, 64) + reversal], tanh, float64. */
    public static MafConfig of(int dim) {
        return new MafConfig(dim, 4, List.of(64, 64), Activation.TANH, DType.FLOAT64);
    }

    public static MafConfig of(int dim, int layers, List<Integer> hidden) {
        return new MafConfig(dim, layers, hidden, Activation.TANH, DType.FLOAT64);
    }

    public MafConfig withActivation(Activation value) {
        return new MafConfig(dim, layers, hidden, value, dtype);
    }

    public MafConfig withDtype(DType value) {
        return new MafConfig(dim, layers, hidden, activation, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public MaskedAutoregressiveFlow build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public MaskedAutoregressiveFlow build(long seed, String device) {
        return new MaskedAutoregressiveFlow(this, seed, device);
    }
}
