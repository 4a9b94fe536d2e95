package io.github.mongeot.core.entropic;

import io.github.mongeot.core.cost.TranslationInvariantCost;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The soft c-transform that extends a Sinkhorn dual vector to all of R^d (core-ot.md):
 * φ_ε(q) = −ε log Σ_j w_j exp((φ_j − c(q, s_j))/ε) over a support s with weights w, and its
 * gradient Σ_j p_j(q) ∇_q c(q, s_j) with p(q) = softmax_j((φ_j − c(q, s_j))/ε + log w_j).
 *
 * <p>{@link Side#SOURCE} evaluates c(q, s_j) = h(q − s_j) (the source potential f from the target
 * dual g); {@link Side#TARGET} evaluates c(s_i, q) = h(s_i − q) (the target potential from f).
 */
final class SoftCTransform {
    /** Which argument of the cost the query point takes. */
    enum Side { SOURCE, TARGET }

    private final TranslationInvariantCost cost;
    private final Side side;
    private final Tensor support;
    private final Tensor logWeights;
    private final Tensor dual;
    private final double epsilon;

    SoftCTransform(TranslationInvariantCost cost, Side side, Tensor support, Tensor weights, Tensor dual, double epsilon) {
        this.cost = cost;
        this.side = side;
        this.support = support;
        this.logWeights = weights.log();
        this.dual = dual;
        this.epsilon = epsilon;
    }

    /** Costs between queries (k × d) and the support: k × m. */
    private Tensor costs(Tensor queries) {
        return side == Side.SOURCE ? cost.matrix(queries, support) : cost.matrix(support, queries).t();
    }

    /** (φ_j − c)/ε + log w_j, k × m. */
    private Tensor logits(Tensor queries) {
        return dual.unsqueeze(0).sub(costs(queries)).div(Tensors.scalar(epsilon)).add(logWeights.unsqueeze(0));
    }

    /** φ_ε at each query row. */
    Tensor potential(Tensor queries) {
        return Ops.logsumexp(logits(queries), 1).mul(Tensors.scalar(-epsilon));
    }

    /** ∇φ_ε at each query row (k × d). */
    Tensor gradient(Tensor queries) {
        Tensor p = torch.softmax(logits(queries), 1);
        Tensor diffs = side == Side.SOURCE
                ? Ops.pairwiseDifferences(queries, support)
                : Ops.pairwiseDifferences(support, queries).transpose(0, 1);
        Tensor grads = cost.gradH(diffs);
        if (side == Side.TARGET) {
            grads = grads.neg();
        }
        return Ops.sum(p.unsqueeze(2).mul(grads), 1);
    }

    /** Σ_j p_j(q) s_j: the barycentric projection, exact for squared-Euclidean costs. */
    Tensor barycentre(Tensor queries) {
        return torch.softmax(logits(queries), 1).mm(support);
    }
}
