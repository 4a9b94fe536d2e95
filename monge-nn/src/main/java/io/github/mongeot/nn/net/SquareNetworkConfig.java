package io.github.mongeot.nn.net;

/** Networks R^d → R^d (mGradNets, flows): input and output widths are both {@link #dim()}. */
public sealed interface SquareNetworkConfig extends NetworkConfig permits MGradNetCConfig, MGradNetMConfig, MafConfig {
    int dim();

    @Override
    default int inputDim() {
        return dim();
    }

    @Override
    default int outputDim() {
        return dim();
    }
}
