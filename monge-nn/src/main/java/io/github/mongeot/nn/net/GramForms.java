package io.github.mongeot.nn.net;

import org.bytedeco.pytorch.Tensor;

/** Batched matrices of the form Wᵀ diag(g) W used by the closed-form Jacobians. */
final class GramForms {
    private GramForms() {
    }

    /** Wᵀ diag(g_i) W for each row g_i of g (n × h), W h × d: n × d × d. */
    static Tensor weightedGram(Tensor w, Tensor g) {
        // (Wᵀ diag(g_i) W)_ab = Σ_j g_ij W_ja W_jb: one n × h by h × d² product, no n × h × d temporary
        long h = w.size(0);
        long d = w.size(1);
        Tensor pairs = w.unsqueeze(2).mul(w.unsqueeze(1)).reshape(new long[] {h, d * d});
        return g.mm(pairs).view(new long[] {g.size(0), d, d});
    }
}
