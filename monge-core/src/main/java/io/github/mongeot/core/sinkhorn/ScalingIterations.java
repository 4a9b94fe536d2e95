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
            int maxIterations, int checkEvery, boolean gUpdated, double absorbBound) {
        Tensor cs = p.costMatrix().div(Tensors.scalar(eps));
        Tensor kernel = kernel(fs, gs, cs);
        Tensor kernelT = kernel.t();
        Tensor u = torch.ones_like(fs);
        Tensor v = torch.ones_like(gs);
        Scalar one = Tensors.scalar(1.0);
        double expBound = Math.exp(absorbBound);
        int it = 0;
        int absorptions = 0;
        boolean measured = gUpdated;
        double error = Double.NaN;
        while (it < maxIterations) {
            try (PointerScope iteration = new PointerScope()) {
                Tensor kv = kernel.mv(p.b().mul(v));
                if (measured && it % checkEvery == 0) {
                    error = Tensors.item(p.a().mul(u.mul(kv).sub(one).abs()).sum());
                    if (!Double.isFinite(error)) {
                        absorb(fs, gs, u, v);
                        return new StageOutcome(it, error, false, true, absorptions);
                    }
                    if (error < threshold) {
                        absorb(fs, gs, u, v);
                        return new StageOutcome(it, error, true, false, absorptions);
                    }
                }
                Tensor uNew = kv.reciprocal();
                Tensor vNew = kernelT.mv(p.a().mul(uNew)).reciprocal();
                double[] range = Tensors.toFlat(torch.stack(new TensorVector(uNew.amax(), uNew.amin(),
                        vNew.amax(), vNew.amin())));
                if (!safe(range)) {
                    absorb(fs, gs, u, v);
                    return new StageOutcome(it, error, false, true, absorptions);
                }
                u.copy_(uNew);
                v.copy_(vNew);
                measured = true;
                it++;
                if (range[0] > expBound || range[2] > expBound || range[1] < 1 / expBound || range[3] < 1 / expBound) {
                    absorb(fs, gs, u, v);
                    kernel.copy_(kernel(fs, gs, cs));
                    absorptions++;
                }
            }
        }
        absorb(fs, gs, u, v);
        return new StageOutcome(it, error, false, false, absorptions);
    }

    private static Tensor kernel(Tensor fs, Tensor gs, Tensor cs) {
        return fs.unsqueeze(1).add(gs.unsqueeze(0)).sub(cs).exp_();
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
