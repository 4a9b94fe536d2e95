package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * OT_ε(α, α) for a symmetric cost: the optimal potentials satisfy f = g = T(f) with
 * T(f)_i = −ε log Σ_j a_j exp((f_j − C_ij)/ε). The plain alternating iteration oscillates and converges
 * slowly on such problems; the averaged iteration f ← ½(f + T(f)) (Feydy et al. 2019, as OTT's and
 * GeomLoss's debiasing terms) converges in a few tens of steps. Log domain.
 */
final class SymmetricSinkhorn {
    private SymmetricSinkhorn() {
    }

    static SinkhornResult solve(Tensor costMatrix, double[] a, SinkhornOptions options, double eps) {
        long start = System.nanoTime();
        org.bytedeco.pytorch.Context.setFlushDenormal(true);
        try (PointerScope scope = new PointerScope()) {
            DType dtype = options.dtype();
            Tensor c = costMatrix.detach().to(dtype.scalarType()).contiguous();
            Tensor cs = c.div(Tensors.scalar(eps));
            Tensor ta = Tensors.fromVector(a, dtype);
            Tensor logA = ta.log();
            Tensor work = torch.empty_like(cs);
            Tensor fs = LogDomainIterations.negLogSumExp(work, cs, logA, 1);
            Scalar half = Tensors.scalar(0.5);
            Scalar one = Tensors.scalar(1.0);
            int it = 0;
            double error = Double.NaN;
            while (it < options.maxIterations()) {
                try (PointerScope iteration = new PointerScope()) {
                    Tensor t = LogDomainIterations.negLogSumExp(work, cs, fs.add(logA), 1);
                    if (it % options.checkEvery() == 0) {
                        // (P1)_i = a_i exp(fs_i − T(fs)_i) for P_ij = a_i a_j exp(fs_i + fs_j − C_ij/ε).
                        error = Tensors.item(ta.mul(fs.sub(t).exp().sub(one).abs()).sum());
                        if (!Double.isFinite(error)) {
                            throw SinkhornProblem.nonFinite("symmetric iteration " + it, eps);
                        }
                        if (error < options.threshold()) {
                            break;
                        }
                    }
                    fs.copy_(fs.add(t).mul(half));
                    it++;
                }
            }
            Tensor f = fs.mul(Tensors.scalar(eps));
            Tensor plan = SinkhornKernel.logPlan(c, f, f, logA, logA, eps).exp();
            Tensor rows = plan.sum(1);
            double cost = Tensors.item(plan.mul(c).sum());
            double primal = 2 * Tensors.item(f.dot(rows)) - eps * (Tensors.item(rows.sum()) - 1);
            double dual = 2 * Tensors.item(f.dot(ta));
            error = Tensors.item(rows.sub(ta).abs().sum());
            if (!Double.isFinite(cost) || !Double.isFinite(primal)) {
                throw SinkhornProblem.nonFinite("symmetric problem", eps);
            }
            double[] fArray = Tensors.toFlat(f);
            c.retainReference();
            return new SinkhornResult(fArray, fArray.clone(), a.clone(), a.clone(), eps, cost, primal, dual, error, it, it,
                    0, error < options.threshold(), SinkhornMode.LOG, (System.nanoTime() - start) / 1e9, c);
        } finally {
            org.bytedeco.pytorch.Context.setFlushDenormal(false);
        }
    }
}
