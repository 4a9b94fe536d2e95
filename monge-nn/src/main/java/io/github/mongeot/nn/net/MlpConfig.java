package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import java.util.List;

/**
 * A multilayer perceptron inputDim (+ conditionDim) → hidden… → outputDim with one activation
 * after every hidden layer. With {@code residual} the network is x ↦ x + N(x) (needs
 * outputDim = inputDim), the residual form DPOT uses for maps.
 */
public record MlpConfig(int inputDim, List<Integer> hidden, int outputDim, Activation activation, boolean residual,
        int conditionDim, DType dtype) implements NetworkConfig {
    public static final String TYPE = "mlp";

    public MlpConfig {
        hidden = List.copyOf(hidden);
        Checks.positive(inputDim, "mlp inputDim");
        Checks.positive(outputDim, "mlp outputDim");
        Checks.nonNegative(conditionDim, "mlp conditionDim");
        Checks.widths(hidden, "mlp hidden");
        Checks.notNull(activation, "mlp activation");
        Checks.notNull(dtype, "mlp dtype");
        if (residual && inputDim != outputDim) {
            throw new InvalidInputException("a residual mlp needs outputDim = inputDim, got " + outputDim + " and " + inputDim);
        }
    }

    /** A plain float64 MLP. */
    public static MlpConfig of(int inputDim, List<Integer> hidden, int outputDim, Activation activation) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, false, 0, DType.FLOAT64);
    }

    public MlpConfig withResidual(boolean value) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, value, conditionDim, dtype);
    }

    public MlpConfig withConditionDim(int value) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, residual, value, dtype);
    }

    public MlpConfig withDtype(DType value) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, residual, conditionDim, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Mlp build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public Mlp build(long seed, String device) {
        return new Mlp(this, seed, device);
    }
}
