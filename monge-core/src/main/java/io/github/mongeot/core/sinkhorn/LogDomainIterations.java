package io.github.mongeot.core.sinkhorn;

import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Log-domain Sinkhorn at one ε on potentials scaled by 1/ε (fs = f/ε, gs = g/ε), updated in place:
 * fs_i ← −log Σ_j exp(gs_j + log b_j − C_ij/ε), gs_j ← −log Σ_i exp(fs_i + log a_i − C_ij/ε).
 * The row marginal comes for free from the f-update: (P1)_i = a_i exp(fs_i − fs_i^new).
 */
final class LogDomainIterations {
    private LogDomainIterations() {
    }

    /**
     * Runs up to {@code maxIterations} (f, g) updates; stops early (before the f-update, so that the
     * state is the one measured) once the error is below {@code threshold}. With over-relaxation the
     * columns are not exact after a g-update, so a stop also needs the column error below the threshold.
     *
     * @param gUpdated whether (fs, gs) already come from a g-update (so the first check is meaningful)
     */
    static StageOutcome run(SinkhornProblem p, Tensor fs, Tensor gs, double eps, double threshold,
            int maxIterations, int checkEvery, boolean gUpdated, Overrelaxation relaxation) {
        Tensor cs = p.costMatrix().div(Tensors.scalar(eps));
        Tensor work = torch.empty_like(cs);
        int it = 0;
        boolean measured = gUpdated;
        double error = Double.NaN;
        while (it < maxIterations) {
            try (PointerScope iteration = new PointerScope()) {
                Tensor fsNew = negLogSumExp(work, cs, gs.add(p.logB()), 1);
                if (measured && it % checkEvery == 0) {
                    error = marginalError(p.a(), fs, fsNew);
                    if (!Double.isFinite(error)) {
                        throw SinkhornProblem.nonFinite("log-domain iteration " + it, eps);
                    }
                    if (error < threshold && (!relaxation.relaxed()
                            || marginalError(p.b(), gs, negLogSumExp(work, cs, fs.add(p.logA()), 0)) < threshold)) {
                        return new StageOutcome(it, error, true, false, 0);
                    }
                    relaxation.observe(it, error);
                }
                relaxation.update(fs, fsNew);
                relaxation.update(gs, negLogSumExp(work, cs, fs.add(p.logA()), 0));
                measured = true;
                it++;
            }
        }
        return new StageOutcome(it, error, false, false, 0);
    }

    /** Σ_i a_i |exp(s_i − s_i^new) − 1|: the L1 marginal error of the side whose update is s^new. */
    static double marginalError(Tensor weights, Tensor s, Tensor sNew) {
        return Tensors.item(weights.mul(s.sub(sNew).exp().sub(Tensors.scalar(1.0)).abs()).sum());
    }

    /**
     * −log Σ exp(w − C/ε) along {@code dim} (w broadcast across it), computed in the preallocated
     * n × m buffer: libtorch's logsumexp allocates n × m temporaries, and each large allocation is
     * a fresh mmap whose page faults cost as much as the arithmetic.
     */
    static Tensor negLogSumExp(Tensor work, Tensor cs, Tensor w, long dim) {
        torch.sub_out(work, dim == 1 ? w.unsqueeze(0) : w.unsqueeze(1), cs);
        Tensor max = work.amax(new long[] {dim}, true);
        work.sub_(max).exp_();
        Tensor sum = work.sum(new long[] {dim}, false, new ScalarTypeOptional());
        return sum.log_().add_(max.squeeze(dim)).neg_();
    }
}
