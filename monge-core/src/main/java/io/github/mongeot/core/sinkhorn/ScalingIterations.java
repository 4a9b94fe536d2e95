package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Kernel Sinkhorn with absorption (Schmitzer 2019, "Stabilized sparse scaling algorithms for entropy
 * regularized transport problems", Alg. 2 without the sparsity): with absorbed potentials (fs, gs)
 * scaled by 1/ε, K_ij = exp(fs_i + gs_j − C_ij/ε), the plan is diag(a∘u) K diag(b∘v) and
 * u ← 1/(K(b∘v)), v ← 1/(Kᵀ(a∘u)): two BLAS matrix-vector products per iteration instead of the
 * several passes of a logsumexp. When max|log u| or max|log v| exceeds a bound the scalings are
 * absorbed (fs += log u, gs += log v, K recomputed, u = v = 1). Non-finite or zero scalings make the
 * stage stop as failed with the potentials at the last good state, for the caller to fall back.
 */
final class ScalingIterations {
    private ScalingIterations() {
    }

    static StageOutcome run(SinkhornProblem p, Tensor fs, Tensor gs, double eps, double threshold,
            int maxIterations, int checkEvery, boolean gUpdated, double absorbBound, Overrelaxation relaxation) {
        boolean single = fs.scalar_type() == org.bytedeco.pytorch.global.torch.ScalarType.Float;
        Tensor cs = p.costMatrix().div(Tensors.scalar(eps));
        Tensor kernel = torch.empty_like(cs);
        fillKernel(kernel, fs, gs, cs, single);
        Tensor kernelT = kernel.t();
        Tensor u = torch.ones_like(fs);
        Tensor v = torch.ones_like(gs);
        Tensor safeU = torch.ones_like(fs);
        Tensor safeV = torch.ones_like(gs);
        // Work vectors reused across iterations: the loop allocates nothing at n = 1000, where
        // per-iteration allocations were a visible share of the two matrix-vector products.
        Tensor bv = torch.empty_like(gs);
        Tensor kv = torch.empty_like(fs);
        Tensor au = torch.empty_like(fs);
        Tensor ktu = torch.empty_like(gs);
        Scalar one = Tensors.scalar(1.0);
        double expBound = Math.exp(absorbBound);
        int it = 0;
        int sinceKernel = 0;
        int absorptions = 0;
        boolean measured = gUpdated;
        double error = Double.NaN;
        while (it < maxIterations) {
            try (PointerScope iteration = new PointerScope()) {
                torch.mv_out(kv, kernel, torch.mul_out(bv, p.b(), v));
                if (measured && it % checkEvery == 0) {
                    error = Tensors.item(p.a().mul(u.mul(kv).sub(one).abs()).sum());
                    if (!Double.isFinite(error)) {
                        return fail(fs, gs, safeU, safeV, it, error, absorptions);
                    }
                    // Over-relaxed g-updates leave the columns inexact: then they must pass the check too.
                    if (error < threshold && (!relaxation.relaxed() || columnError(p, kernelT, u, v, au, ktu) < threshold)) {
                        absorb(fs, gs, u, v);
                        return new StageOutcome(it, error, true, false, absorptions);
                    }
                    relaxation.observe(it, error);
                }
                scale(u, kv, relaxation);
                scale(v, torch.mv_out(ktu, kernelT, torch.mul_out(au, p.a(), u)), relaxation);
                measured = true;
                it++;
                sinceKernel++;
                // Range check (one synchronisation): every iteration right after the kernel was built,
                // when scalings move fast, then every checkEvery iterations; a failure reverts to the
                // last checked state.
                if (sinceKernel <= checkEvery || it % checkEvery == 0 || it == maxIterations) {
                    double[] range = Tensors.toFlat(torch.stack(new TensorVector(u.amax(), u.amin(),
                            v.amax(), v.amin())));
                    if (!safe(range)) {
                        return fail(fs, gs, safeU, safeV, it, error, absorptions);
                    }
                    if (range[0] > expBound || range[2] > expBound || range[1] < 1 / expBound
                            || range[3] < 1 / expBound) {
                        absorb(fs, gs, u, v);
                        fillKernel(kernel, fs, gs, cs, single);
                        absorptions++;
                        sinceKernel = 0;
                    }
                    safeU.copy_(u);
                    safeV.copy_(v);
                }
            }
        }
        absorb(fs, gs, u, v);
        return new StageOutcome(it, error, false, false, absorptions);
    }

    /** Σ_j b_j |v_j (Kᵀ(a∘u))_j − 1|, using the work vectors au and ktu. */
    private static double columnError(SinkhornProblem p, Tensor kernelT, Tensor u, Tensor v, Tensor au, Tensor ktu) {
        torch.mv_out(ktu, kernelT, torch.mul_out(au, p.a(), u));
        return Tensors.item(p.b().mul(v.mul(ktu).sub(Tensors.scalar(1.0)).abs()).sum());
    }

    /** s ← 1/k, or over-relaxed in the log domain: log s ← (1 − ω) log s − ω log k. Overwrites k. */
    private static void scale(Tensor s, Tensor k, Overrelaxation relaxation) {
        if (relaxation.relaxed()) {
            double omega = relaxation.omega();
            s.pow_(Tensors.scalar(1.0 - omega)).mul_(k.pow_(Tensors.scalar(-omega)));
        } else {
            torch.reciprocal_out(s, k);
        }
    }

    private static StageOutcome fail(Tensor fs, Tensor gs, Tensor safeU, Tensor safeV, int it, double error,
            int absorptions) {
        absorb(fs, gs, safeU, safeV);
        return new StageOutcome(it, error, false, true, absorptions);
    }

    /**
     * K = exp(fs_i + gs_j − C_ij/ε), with exponents below −600 (−60 in float32) flushed to exact zeros
     * so that neither K nor the products K_ij b_j v_j (v ≥ e^−bound) are subnormal: subnormals make
     * BLAS products tens of times slower. Row sums are ≥ e^−bound, so the dropped mass is relatively
     * below e^−500.
     */
    private static void fillKernel(Tensor kernel, Tensor fs, Tensor gs, Tensor cs, boolean single) {
        try (PointerScope scope = new PointerScope()) {
            // In place: a fresh n × m allocation costs page faults comparable to the arithmetic.
            torch.sub_out(kernel, fs.unsqueeze(1), cs).add_(gs.unsqueeze(0));
            torch.threshold_(kernel, Tensors.scalar(single ? -60.0 : -600.0), Tensors.scalar(Double.NEGATIVE_INFINITY));
            kernel.exp_();
        }
    }

    /** fs += log u, gs += log v; u = v = 1. */
    private static void absorb(Tensor fs, Tensor gs, Tensor u, Tensor v) {
        try (PointerScope scope = new PointerScope()) {
            fs.add_(u.log());
            gs.add_(v.log());
            u.fill_(Tensors.scalar(1.0));
            v.fill_(Tensors.scalar(1.0));
        }
    }

    private static boolean safe(double[] range) {
        for (double r : range) {
            if (!Double.isFinite(r) || !(r > 0)) {
                return false;
            }
        }
        return true;
    }
}
