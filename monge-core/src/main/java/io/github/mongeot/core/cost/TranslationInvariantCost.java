package io.github.mongeot.core.cost;

import io.github.mongeot.core.engine.Ops;
import org.bytedeco.pytorch.Tensor;

/**
 * c(x, y) = h(x − y) with h strictly convex. Besides h it gives ∇h and (∇h)⁻¹ = ∇h*, which the
 * entropic map T(x) = x − (∇h)⁻¹(∇f_ε(x)) needs (Cuturi et al. 2023). Tensors hold points in their
 * last dimension.
 */
public interface TranslationInvariantCost extends Cost {
    /** h(z) for each row of z (last dimension dropped). */
    Tensor h(Tensor z);

    /** ∇h(z), same shape as z. */
    Tensor gradH(Tensor z);

    /** (∇h)⁻¹(w) = argmin_z h(z) − ⟨z, w⟩, same shape as w. */
    Tensor gradHInverse(Tensor w);

    @Override
    default Tensor matrix(Tensor x, Tensor y) {
        return h(Ops.pairwiseDifferences(x, y));
    }
}
