package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;

/**
 * The gated "modified MLP" of Wang, Teng, Perdikaris (2021), used by DPOT:
 * U = φ(W_U x + b_U), V = φ(W_V x + b_V), H₁ = φ(W₁ x + b₁), for k = 1..depth
 * Z_k = φ(W_k^z H_k + b_k^z), H_{k+1} = (1 − Z_k) ⊙ U + Z_k ⊙ V; output W H_{depth+1} + b.
 * With {@code residual} the map is x ↦ x + N(x); a condition is concatenated to x when conditionDim > 0.
 */
public record ModifiedMlpConfig(int inputDim, int width, int depth, int outputDim, Activation activation, boolean residual,
        int conditionDim, DType dtype) implements NetworkConfig {
    public static final String TYPE = "modified-mlp";

    public ModifiedMlpConfig {
        Checks.positive(inputDim, "modified-mlp inputDim");
        Checks.positive(width, "modified-mlp width");
        Checks.positive(depth, "modified-mlp depth");
        Checks.positive(outputDim, "modified-mlp outputDim");
        Checks.notNull(activation, "modified-mlp activation");
        Checks.nonNegative(conditionDim, "modified-mlp conditionDim");
        Checks.notNull(dtype, "modified-mlp dtype");
        if (residual && inputDim != outputDim) {
            throw new InvalidInputException("a residual modified-mlp needs outputDim = inputDim, got " + outputDim + " and " + inputDim);
        }
    }

    public static ModifiedMlpConfig of(int inputDim, int width, int depth, int outputDim, Activation activation) {
        return new ModifiedMlpConfig(inputDim, width, depth, outputDim, activation, false, 0, DType.FLOAT64);
    }

    public ModifiedMlpConfig withResidual(boolean value) {
        return new ModifiedMlpConfig(inputDim, width, depth, outputDim, activation, value, conditionDim, dtype);
    }

    public ModifiedMlpConfig withConditionDim(int value) {
        return new ModifiedMlpConfig(inputDim, width, depth, outputDim, activation, residual, value, dtype);
    }

    public ModifiedMlpConfig withDtype(DType value) {
        return new ModifiedMlpConfig(inputDim, width, depth, outputDim, activation, residual, conditionDim, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ModifiedMlp build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public ModifiedMlp build(long seed, String device) {
        return new ModifiedMlp(this, seed, device);
    }
}
