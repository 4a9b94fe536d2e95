package io.github.mongeot.methods.dpot;

import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * The DPOT loss of the seed (Section 3, the discrete form of J_λ(T) = W₂(T#μ, ν) + λ‖T − id‖_{L²(μ)}):
 *
 * <pre>
 *   L(θ; Γ) = sqrt(½ Σ_k w_k ‖T_θ(x_{r_k}) − y_{c_k}‖²) + λ · sqrt(½ Σ_i a_i ‖T_θ(x_i) − x_i‖²)
 * </pre>
 *
 * where (r_k, c_k, w_k) are the non-zero entries of the fixed plans Γ of all conditions in the
 * step, each scaled by 1/n_c (so the weights sum to 1: the average over conditions sits inside
 * the square roots), and a_i = 1/(n_c B_c) averages ‖T − id‖² over each condition's batch.
 */
final class DpotLoss {
    /** Floor under the square roots: keeps the gradient finite when a term is exactly zero. */
    private static final double FLOOR = 1e-30;

    private DpotLoss() {
    }

    /**
     * @param pushed      T(x) for the stacked batches (N × d), with its graph
     * @param source      x (N × d)
     * @param target      the stacked target batches (M × d)
     * @param rows        r_k as a long tensor (indices into pushed)
     * @param cols        c_k as a long tensor (indices into target)
     * @param planWeights w_k (same dtype as pushed)
     * @param rowWeights  a_i (N)
     * @param lambda      λ
     */
    static Tensor loss(Tensor pushed, Tensor source, Tensor target, Tensor rows, Tensor cols, Tensor planWeights,
            Tensor rowWeights, double lambda) {
        Tensor transport = transportTerm(pushed, target, rows, cols, planWeights);
        if (lambda == 0) {
            return transport;
        }
        Tensor displacement = Ops.sumLast(pushed.sub(source).square()).mul(rowWeights).sum();
        return transport.add(root(displacement).mul(Tensors.scalar(lambda)));
    }

    /** sqrt(½ Σ_k w_k ‖p_{r_k} − y_{c_k}‖²): W₂ of the pushed batch to the target under the fixed plan. */
    static Tensor transportTerm(Tensor pushed, Tensor target, Tensor rows, Tensor cols, Tensor planWeights) {
        Tensor gap = pushed.index_select(0, rows).sub(target.index_select(0, cols));
        return root(Ops.sumLast(gap.square()).mul(planWeights).sum());
    }

    /** sqrt(½ s). */
    private static Tensor root(Tensor s) {
        return s.mul(Tensors.scalar(0.5)).clamp_min(Tensors.scalar(FLOOR)).sqrt();
    }
}
