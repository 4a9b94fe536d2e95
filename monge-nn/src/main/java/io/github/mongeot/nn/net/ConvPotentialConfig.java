package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;

/**
 * A small CNN potential f: height × width grey images (flat rows, inputDim = height·width) → one
 * value: three 3 × 3 convolutions of stride 2 with {@code channels}, 2·channels and 4·channels
 * feature maps, each followed by the activation, then an affine layer of the flattened features
 * to one output (n × 1), the discriminator-like potential of neural OT's image experiments.
 */
public record ConvPotentialConfig(int height, int width, int channels, Activation activation, DType dtype)
        implements NetworkConfig {
    public static final String TYPE = "conv-potential";

    public ConvPotentialConfig {
        Checks.positive(height, "conv-potential height");
        Checks.positive(width, "conv-potential width");
        Checks.positive(channels, "conv-potential channels");
        Checks.notNull(activation, "conv-potential activation");
        Checks.notNull(dtype, "conv-potential dtype");
        if (activation == Activation.PRELU) {
            throw new InvalidInputException("conv-potential activation: prelu is not supported, use a fixed activation");
        }
    }

    /** A float32 leaky-ReLU CNN potential. */
    public static ConvPotentialConfig of(int height, int width, int channels) {
        return new ConvPotentialConfig(height, width, channels, Activation.LEAKY_RELU, DType.FLOAT32);
    }

    public ConvPotentialConfig withDtype(DType value) {
        return new ConvPotentialConfig(height, width, channels, activation, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int inputDim() {
        return height * width;
    }

    @Override
    public int outputDim() {
        return 1;
    }

    @Override
    public ConvPotential build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public ConvPotential build(long seed, String device) {
        return new ConvPotential(this, seed, device);
    }
}
