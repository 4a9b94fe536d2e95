package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;

/**
 * A residual network: h₀ = φ(W_in x + b_in), blocks h_{k+1} = φ(h_k + W_{k,2} φ(W_{k,1} h_k + b_{k,1}) + b_{k,2})
 * (He et al. 2016), output W_out h_K + b_out; PReLU is DPOT's choice. With {@code residual} the
 * whole map is x ↦ x + N(x); a condition vector is concatenated to x when conditionDim > 0.
 */
public record ResNetConfig(int inputDim, int width, int blocks, int outputDim, Activation activation, boolean residual,
        int conditionDim, DType dtype) implements NetworkConfig {
    public static final String TYPE = "resnet";

    public ResNetConfig {
        Checks.positive(inputDim, "resnet inputDim");
        Checks.positive(width, "resnet width");
        Checks.nonNegative(blocks, "resnet blocks");
        Checks.positive(outputDim, "resnet outputDim");
        Checks.notNull(activation, "resnet activation");
        Checks.nonNegative(conditionDim, "resnet conditionDim");
        Checks.notNull(dtype, "resnet dtype");
        if (residual && inputDim != outputDim) {
            throw new InvalidInputException("a residual resnet needs outputDim = inputDim, got " + outputDim + " and " + inputDim);
        }
    }

    public static ResNetConfig of(int inputDim, int width, int blocks, int outputDim, Activation activation) {
        return new ResNetConfig(inputDim, width, blocks, outputDim, activation, false, 0, DType.FLOAT64);
    }

    public ResNetConfig withResidual(boolean value) {
        return new ResNetConfig(inputDim, width, blocks, outputDim, activation, value, conditionDim, dtype);
    }

    public ResNetConfig withConditionDim(int value) {
        return new ResNetConfig(inputDim, width, blocks, outputDim, activation, residual, value, dtype);
    }

    public ResNetConfig withDtype(DType value) {
        return new ResNetConfig(inputDim, width, blocks, outputDim, activation, residual, conditionDim, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ResNet build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public ResNet build(long seed, String device) {
        return new ResNet(this, seed, device);
    }
}
