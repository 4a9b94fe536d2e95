package io.github.mongeot.core.autodiff;

import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Derivatives of row-wise functions by libtorch's reverse-mode autograd ({@code torch::autograd::grad}).
 *
 * <p>Conventions: {@code x} is an n × d tensor of points (one per row). A <em>scalar field</em> maps
 * it to n values (or one value per row in an n × 1 tensor); a <em>map</em> maps it to n × d_out. The
 * functions must act row by row (no coupling between rows, e.g. no batch normalisation), which is
 * what lets one backward pass of Σ_i f(x_i) give all n gradients at once.
 *
 * <p>If {@code x} does not require gradients, a detached leaf copy of it is differentiated; if it
 * does (it sits inside a larger graph), it is used as is so the result stays connected. With
 * {@code createGraph} the results are themselves differentiable (w.r.t. x and the parameters the
 * function closes over) — double backward. Results live in the caller's {@code PointerScope}.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /** {@code x} itself if it already requires gradients, else a detached leaf copy that does. */
    public static Tensor variable(Tensor x) {
        return x.requires_grad() ? x : x.detach().requires_grad_(true);
    }

    /** ∇f(x_i) for every row: n × d. */
    public static Tensor gradient(UnaryOperator<Tensor> field, Tensor x, boolean createGraph) {
        Tensor xv = variable(x);
        return gradientOf(field.apply(xv), xv, createGraph);
    }

    /**
     * The gradient of Σ (all entries of {@code output}) w.r.t. {@code input}; zeros where the output
     * does not depend on the input.
     */
    public static Tensor gradientOf(Tensor output, Tensor input, boolean createGraph) {
        if (!output.requires_grad()) {
            return torch.zeros_like(input);
        }
        TensorVector grads = torch.grad(new TensorVector(output.sum()), new TensorVector(input),
                new TensorVector(), new BoolOptional(true), createGraph, true);
        Tensor g = grads.get(0);
        return g.defined() ? g : torch.zeros_like(input);
    }

    /** The Jacobian of a row-wise map at every row: n × d_out × d_in, by d_out backward passes. */
    public static Tensor jacobian(UnaryOperator<Tensor> map, Tensor x, boolean createGraph) {
        Tensor xv = variable(x);
        return jacobianOf(map.apply(xv), xv, createGraph);
    }

    /** Row-wise Jacobian of an already computed n × d_out {@code output} w.r.t. the n × d_in {@code input}. */
    public static Tensor jacobianOf(Tensor output, Tensor input, boolean createGraph) {
        if (output.dim() != 2 || input.dim() != 2 || output.size(0) != input.size(0)) {
            throw new IllegalArgumentException("jacobian needs n x d_out outputs of n x d_in inputs, got "
                    + shape(output) + " and " + shape(input));
        }
        long dOut = output.size(1);
        TensorVector rows = new TensorVector();
        for (long k = 0; k < dOut; k++) {
            rows.push_back(gradientOf(output.select(1, k), input, createGraph).unsqueeze(1));
        }
        return torch.cat(rows, 1);
    }

    /** The Hessian of a scalar field at every row: n × d × d (double backward). */
    public static Tensor hessian(UnaryOperator<Tensor> field, Tensor x, boolean createGraph) {
        Tensor xv = variable(x);
        Tensor g = gradientOf(field.apply(xv), xv, true);
        return jacobianOf(g, xv, createGraph);
    }

    /** ∇²f(x_i) v_i for every row: n × d, by one double backward (no Hessian is formed). */
    public static Tensor hessianVectorProduct(UnaryOperator<Tensor> field, Tensor x, Tensor v, boolean createGraph) {
        Tensor xv = variable(x);
        Tensor g = gradientOf(field.apply(xv), xv, true);
        return gradientOf(g.mul(v), xv, createGraph);
    }

    /**
     * log |det J_T(x_i)| of a map T: R^d → R^d at every row (n values), by the Jacobian and a batched
     * slogdet. With {@code createGraph} it is differentiable w.r.t. the map's parameters, as the
     * Monge–Ampère loss of GradNetOT needs.
     */
    public static Tensor logAbsDetJacobian(UnaryOperator<Tensor> map, Tensor x, boolean createGraph) {
        Tensor j = jacobian(map, x, createGraph);
        if (j.size(1) != j.size(2)) {
            throw new IllegalArgumentException("log|det J| needs a map R^d -> R^d, got Jacobians of shape " + shape(j));
        }
        return torch.linalg_slogdet(j).get1();
    }

    private static String shape(Tensor t) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < t.dim(); i++) {
            s.append(i == 0 ? "" : " x ").append(t.size(i));
        }
        return s.append(']').toString();
    }
}
