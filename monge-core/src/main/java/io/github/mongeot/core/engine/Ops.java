package io.github.mongeot.core.engine;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** Short names for the tensor idioms the solvers use over and over. */
public final class Ops {
    private Ops() {
    }

    /** Sum over the last dimension (dropped). */
    public static Tensor sumLast(Tensor t) {
        return t.sum(new long[] {-1}, false, new ScalarTypeOptional());
    }

    /** Sum over dimension {@code dim} (dropped). */
    public static Tensor sum(Tensor t, long dim) {
        return t.sum(new long[] {dim}, false, new ScalarTypeOptional());
    }

    /** log Σ exp over dimension {@code dim} (dropped), numerically stable. */
    public static Tensor logsumexp(Tensor t, long dim) {
        return torch.logsumexp(t, new long[] {dim}, false);
    }

    /** Pairwise differences x_i − y_j as an n × m × d tensor. */
    public static Tensor pairwiseDifferences(Tensor x, Tensor y) {
        return x.unsqueeze(1).sub(y.unsqueeze(0));
    }

    /**
     * ‖x_i − y_j‖² for all pairs, by the expansion ‖x‖² + ‖y‖² − 2⟨x, y⟩ clamped at 0 (as POT's ot.dist).
     * One n × m allocation, then in-place updates: fresh large tensors cost page faults that
     * dominated this at n = 4000 (2 s with five temporaries).
     */
    public static Tensor squaredDistances(Tensor x, Tensor y) {
        Tensor xx = sumLast(x.mul(x)).unsqueeze(1);
        Tensor yy = sumLast(y.mul(y)).unsqueeze(0);
        return torch.addmm(xx, x, y.t(), Tensors.scalar(1.0), Tensors.scalar(-2.0))
                .add_(yy).clamp_min_(Tensors.scalar(0.0));
    }

    /**
     * ∂output/∂input through libtorch's autograd ({@code torch::autograd::grad}); with
     * {@code createGraph} the result is itself differentiable (double backward).
     */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        TensorVector grads = torch.grad(new TensorVector(output), new TensorVector(input),
                new TensorVector(), new org.bytedeco.pytorch.BoolOptional(true), createGraph, false);
        return grads.get(0);
    }
}
