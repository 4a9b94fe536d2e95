package io.github.mongeot.nn.train;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** A plain MLP built from parameter tensors (tests only; the library's networks live in nn.net). */
final class TinyMlp {
    final List<Tensor> parameters = new ArrayList<>();

    /** Weights ~ N(0, 1/fan_in) from libtorch's generator (seed it first), biases 0. */
    TinyMlp(DType dtype, int... sizes) {
        for (int i = 0; i + 1 < sizes.length; i++) {
            Tensor w = torch.randn(new long[] {sizes[i], sizes[i + 1]}, Tensors.options(dtype))
                    .mul(Tensors.scalar(1 / Math.sqrt(sizes[i]))).requires_grad_(true);
            Tensor b = torch.zeros(new long[] {sizes[i + 1]}, Tensors.options(dtype)).requires_grad_(true);
            parameters.add(w);
            parameters.add(b);
        }
    }

    Tensor forward(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < parameters.size(); i += 2) {
            h = h.mm(parameters.get(i)).add(parameters.get(i + 1));
            if (i + 2 < parameters.size()) {
                h = torch.leaky_relu(h, Tensors.scalar(0.01));
            }
        }
        return h;
    }

    double[] flatParameters() {
        List<Double> all = new ArrayList<>();
        for (Tensor p : parameters) {
            for (double v : Tensors.toFlat(p)) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
