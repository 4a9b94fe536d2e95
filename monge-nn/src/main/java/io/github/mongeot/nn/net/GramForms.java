package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;

/** Batched matrices of the form Wᵀ diag(g) W used by the closed-form Jacobians. */
final class GramForms {
    private GramForms() {
    }

    /** Wᵀ diag(g_i) W for each row g_i of g (n × h), W h × d: n × d × d. */
    static Tensor weightedGram(Tensor w, Tensor g) {
        // (g_i ⊙ W) is h × d per point; Wᵀ (d × h) times it broadcasts over the batch
        return w.t().matmul(g.unsqueeze(2).mul(w.unsqueeze(0)));
    }

    /** Outer products v_i v_iᵀ for each row of v (n × d): n × d × d. */
    static Tensor outer(Tensor v) {
        return v.unsqueeze(2).mul(v.unsqueeze(1));
    }
}
