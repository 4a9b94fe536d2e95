package io.github.mongeot.core.optim;

import io.github.mongeot.core.autodiff.Autodiff;
import org.bytedeco.pytorch.Tensor;

/**
 * A batch of independent objectives z_i ↦ φ(z_i; w_i), one per row of an n × d tensor z. The
 * parameters (θ, and the per-row data w_i) are whatever tensors the implementation closes over;
 * they may require gradients, which {@link BatchedNewton#attachImplicitGradient} then carries.
 */
@FunctionalInterface
public interface BatchedObjective {
    /** φ(z_i) for every row: a tensor of n values. Must act row by row. */
    Tensor value(Tensor z);

    /**
     * ∇_z φ(z_i) for every row (n × d); {@code z} requires gradients. The default differentiates
     * {@link #value} by autograd; override it with a closed form when one is known. The result must
     * stay differentiable w.r.t. z (the Hessian is its Jacobian) when {@code createGraph} is set.
     */
    default Tensor gradient(Tensor z, boolean createGraph) {
        return Autodiff.gradientOf(value(z), z, createGraph);
    }
}
