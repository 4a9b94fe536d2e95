package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;

/** One place where an activation is applied; holds the learned slope when it is a PReLU. */
record ActivationSite(Activation activation, Tensor slope) {
    Tensor apply(Tensor x) {
        return activation.apply(x, slope);
    }
}
