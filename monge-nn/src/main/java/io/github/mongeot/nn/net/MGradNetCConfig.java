package io.github.mongeot.nn.net;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;

/**
 * Cascaded monotone gradient network mGradNet-C (Chaudhari, Pranav, Moura, "Gradient Networks",
 * IEEE TSP 2025): the gradient of a convex function R^d → R for every parameter value.
 *
 * @param dim        d
 * @param width      h (rows of the shared W ∈ R^{h×d})
 * @param layers     L ≥ 1
 * @param activation a monotone elementwise σ (tanh, sigmoid, softplus, relu, leaky_relu, celu)
 * @param dtype      parameter precision
 */
public record MGradNetCConfig(int dim, int width, int layers, Activation activation, DType dtype) implements SquareNetworkConfig {
    public static final String TYPE = "mgradnet-c";

    public MGradNetCConfig {
        Checks.positive(dim, "mgradnet-c dim");
        Checks.positive(width, "mgradnet-c width");
        Checks.positive(layers, "mgradnet-c layers");
        Checks.notNull(activation, "mgradnet-c activation");
        Checks.notNull(dtype, "mgradnet-c dtype");
        if (!activation.isMonotone()) {
            throw new InvalidInputException("mgradnet-c activation must be monotone with a fixed shape, got " + activation.id());
        }
    }

    public static MGradNetCConfig of(int dim, int width, int layers, Activation activation) {
        return new MGradNetCConfig(dim, width, layers, activation, DType.FLOAT64);
    }

    public MGradNetCConfig withDtype(DType value) {
        return new MGradNetCConfig(dim, width, layers, activation, value);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public MGradNetC build(long seed) {
        return build(seed, Network.CPU);
    }

    @Override
    public MGradNetC build(long seed, String device) {
        return new MGradNetC(this, seed, device);
    }
}
