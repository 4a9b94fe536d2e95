package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * A 2-D convolution with weight out × in × k × k (PyTorch's layout), a bias, a stride and
 * "same"-style zero padding k / 2; or, with {@code transposed}, a transposed convolution with
 * weight in × out × k × k (stride k, no padding: an exact ×k up-sampling).
 */
record Conv2d(Tensor weight, Tensor bias, int stride, boolean transposed) {
    static {
        // NNPACK cannot initialise on most CPUs and then warns on every convolution; libtorch's
        // default kernels are used either way.
        torch.globalContext().setUserEnabledNNPACK(false);
    }

    Tensor apply(Tensor x) {
        long k = weight.size(2);
        if (transposed) {
            return torch.conv_transpose2d(x, weight, new TensorOptional(bias), new long[] {k, k}, new long[] {0, 0},
                    new long[] {0, 0}, 1, 1, 1);
        }
        long pad = k / 2;
        return torch.conv2d(x, weight, new TensorOptional(bias), new long[] {stride, stride}, new long[] {pad, pad},
                new long[] {1, 1}, 1);
    }

    /**
     * Registers "prefix.weight" and "prefix.bias" on {@code owner} with PyTorch's default Conv2d
     * initialisation U(±1/√fan_in) (fan_in = weight.size(1)·k², i.e. the output channels of a
     * transposed convolution) and returns the layer.
     */
    static Conv2d create(Network owner, String prefix, int in, int out, int kernel, int stride, boolean transposed,
            Initializers init) {
        int fanIn = (transposed ? out : in) * kernel * kernel;
        double bound = 1 / Math.sqrt(fanIn);
        long[] shape = transposed ? new long[] {in, out, kernel, kernel} : new long[] {out, in, kernel, kernel};
        Tensor w = owner.parameter(prefix + ".weight", init.uniform(in * out * kernel * kernel, -bound, bound), shape);
        Tensor b = owner.parameter(prefix + ".bias", init.uniform(out, -bound, bound), out);
        return new Conv2d(w, b, stride, transposed);
    }

    /** Output side of a (non-transposed) convolution on an input of side {@code side}. */
    static int outputSide(int side, int kernel, int stride) {
        return (side + 2 * (kernel / 2) - kernel) / stride + 1;
    }
}
