package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** An affine layer x ↦ x Wᵀ + b with W stored out × in (PyTorch's layout). */
record Dense(Tensor weight, Tensor bias) {
    Tensor apply(Tensor x) {
        return torch.linear(x, weight, bias);
    }
}
