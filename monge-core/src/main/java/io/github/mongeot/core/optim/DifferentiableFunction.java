package io.github.mongeot.core.optim;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** f: R^k → R with its gradient, on plain arrays (what {@link Lbfgs} minimises). */
@FunctionalInterface
public interface DifferentiableFunction {
    /** Returns f(x) and writes ∇f(x) into {@code gradient} (length k). */
    double evaluate(double[] x, double[] gradient);

    /**
     * Adapts a tensor function (a k-vector to a scalar tensor) by autograd; each evaluation runs in
     * its own PointerScope.
     */
    static DifferentiableFunction ofTensor(UnaryOperator<Tensor> f, DType dtype) {
        return (x, gradient) -> {
            try (PointerScope scope = new PointerScope()) {
                Tensor xt = Tensors.fromVector(x, dtype).requires_grad_(true);
                Tensor value = f.apply(xt);
                Tensor g = torch.grad(new TensorVector(value), new TensorVector(xt)).get(0);
                System.arraycopy(Tensors.toFlat(g), 0, gradient, 0, gradient.length);
                return value.item_double();
            }
        };
    }
}
