package io.github.mongeot.nn.net;

import io.github.mongeot.core.engine.DType;

/**
 * The architecture of a network: everything needed to rebuild it (weights aside). Each network
 * type has one immutable config record; {@code io.github.mongeot.nn.io.NetworkJson} writes them
 * as JSON.
 */
public sealed interface NetworkConfig
        permits MlpConfig, IcnnConfig, SquareNetworkConfig, ResNetConfig, ModifiedMlpConfig, UNetConfig, ConvPotentialConfig {

    /** The type name used in files ("mlp", "icnn", ...). */
    String type();

    /** Width of the input x (without any condition vector). */
    int inputDim();

    /** Width of the output. */
    int outputDim();

    /** Precision of the parameters. */
    DType dtype();

    /** A freshly initialised network on the CPU. */
    default Network build(long seed) {
        return build(seed, Network.CPU);
    }

    /** A freshly initialised network on the given device ("cpu"). */
    Network build(long seed, String device);
}
