package io.github.mongeot.methods.costlearning;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import io.github.mongeot.core.sinkhorn.Sinkhorn;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import io.github.mongeot.core.sinkhorn.SinkhornResult;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Entropic duals at small ε, fast: a short warm-started Sinkhorn run, then damped Newton steps on the
 * concave dual D(f, g) = ⟨f, a⟩ + ⟨g, b⟩ − ε Σ_ij P_ij, P_ij = a_i b_j e^{(f_i + g_j − C_ij)/ε}
 * (Cuturi &amp; Peyré, Computational OT §4.1; Brauer et al. 2017). Its Hessian −H/ε,
 * H = [[diag P1, P], [Pᵀ, diag Pᵀ1]], is the matrix the implicit Sinkhorn gradient solves with anyway;
 * near the optimum Newton converges quadratically where Sinkhorn's rate 1 − O(e^{−‖C‖/ε}) takes
 * thousands of sweeps. Each Newton step is followed by an exact g-update (column marginals exact, as
 * after a Sinkhorn sweep), so the error is Sinkhorn's own ‖P1 − a‖₁. Used between training steps only:
 * the result is a warm start, and {@code DifferentiableSinkhorn} checks (and if needed finishes) it.
 */
final class DualNewton {
    /** Sinkhorn sweeps before Newton takes over (enough when ε is not small). */
    static final int SINKHORN_SWEEPS = 300;
    private static final int MAX_NEWTON_STEPS = 30;

    private DualNewton() {
    }

    /** (f, g) with ‖P1 − a‖₁ below {@code options.threshold()} where Newton gets there; else the best found. */
    static double[][] solve(Tensor costMatrix, double[] a, double[] b, SinkhornOptions options) {
        SinkhornOptions sweeps = options.withMaxIterations(Math.min(options.maxIterations(), SINKHORN_SWEEPS));
        SinkhornResult start = Sinkhorn.solve(costMatrix, a, b, sweeps);
        if (start.converged()) {
            return new double[][] {start.f(), start.g()};
        }
        double eps = start.epsilon();
        try (PointerScope scope = new PointerScope()) {
            Tensor c = costMatrix.detach().to(torch.ScalarType.Double);
            int n = a.length;
            int m = b.length;
            Tensor logA = Tensors.fromVector(a, DType.FLOAT64).log();
            Tensor logB = Tensors.fromVector(b, DType.FLOAT64).log();
            Tensor aT = Tensors.fromVector(a, DType.FLOAT64);
            Tensor bT = Tensors.fromVector(b, DType.FLOAT64);
            Tensor f = Tensors.fromVector(start.f(), DType.FLOAT64);
            Tensor g = columnUpdate(c, f, logA, eps);
            Tensor cT = c.t().contiguous();
            Tensor e = torch.cat(new TensorVector(torch.ones(new long[] {n}, c.options()), torch.ones(new long[] {m}, c.options()).neg()));
            double[][] best = {Tensors.toFlat(f), Tensors.toFlat(g)};
            double damping = 1e-2; // Levenberg–Marquardt on the scaled Hessian: shrinks after good steps
            for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
                Tensor plan = plan(c, f, g, logA, logB, eps);
                Tensor rows = plan.sum(1);
                double error = Tensors.item(rows.sub(aT).abs().sum());
                best = new double[][] {Tensors.toFlat(f), Tensors.toFlat(g)};
                if (error < options.threshold() || !Double.isFinite(error)) {
                    break;
                }
                Tensor cols = plan.sum(0);
                // H = [[diag P1, P], [Pᵀ, diag Pᵀ1]] scaled symmetrically by its diagonal (rows with almost no
                // mass make H nearly singular), plus the gauge direction D^½e, e = (1, −1), made definite
                Tensor diagonal = torch.cat(new TensorVector(rows, cols)).clamp_min(Tensors.scalar(1e-300));
                Tensor s = diagonal.rsqrt();
                Tensor h = torch.cat(new TensorVector(
                        torch.cat(new TensorVector(torch.diag(rows), plan), 1),
                        torch.cat(new TensorVector(plan.t(), torch.diag(cols)), 1))).mul(s.unsqueeze(1)).mul(s.unsqueeze(0));
                Tensor u = e.mul(diagonal.sqrt());
                u = u.div(u.norm());
                h = h.add(u.unsqueeze(1).mul(u.unsqueeze(0))).add(torch.eye(n + m, c.options()).mul(Tensors.scalar(damping)));
                Tensor gradient = torch.cat(new TensorVector(aT.sub(rows), bT.sub(cols)));
                Tensor direction = torch.linalg_solve(h, gradient.mul(s)).mul(s).mul(Tensors.scalar(eps));
                // a trust region in log-mass: no potential moves by more than 20ε in one step
                double largest = Tensors.item(direction.abs().max()) / eps;
                if (largest > 20) {
                    direction = direction.mul(Tensors.scalar(20 / largest));
                }
                double d0 = dual(c, f, g, aT, bT, logA, logB, eps);
                double slope = Tensors.item(gradient.dot(direction));
                double t = 1;
                Tensor fNext = null;
                for (int k = 0; k < 30; k++, t /= 2) {
                    Tensor fTry = f.add(direction.narrow(0, 0, n).mul(Tensors.scalar(t)));
                    Tensor gTry = g.add(direction.narrow(0, n, m).mul(Tensors.scalar(t)));
                    double dt = dual(c, fTry, gTry, aT, bT, logA, logB, eps);
                    if (Double.isFinite(dt) && dt >= d0 + 1e-4 * t * slope - 1e-13 * Math.abs(d0)) {
                        fNext = fTry;
                        break;
                    }
                }
                if (fNext == null || !(slope > 0)) {
                    if (damping >= 1) {
                        break;
                    }
                    damping *= 100;
                    continue;
                }
                damping = Math.max(1e-12, damping * (t == 1 ? 0.01 : 0.3));
                // then one Sinkhorn sweep: it fixes the rows that had (almost) no mass, which Newton cannot
                f = columnUpdate(cT, columnUpdate(c, fNext, logA, eps), logB, eps);
                g = columnUpdate(c, f, logA, eps);
            }
            return best;
        }
    }

    private static Tensor plan(Tensor c, Tensor f, Tensor g, Tensor logA, Tensor logB, double eps) {
        return f.unsqueeze(1).add(g.unsqueeze(0)).sub(c).div(Tensors.scalar(eps)).add(logA.unsqueeze(1)).add(logB.unsqueeze(0)).exp();
    }

    /** g_j = −ε log Σ_i a_i e^{(f_i − C_ij)/ε}: column marginals exact. */
    private static Tensor columnUpdate(Tensor c, Tensor f, Tensor logA, double eps) {
        Tensor logits = f.unsqueeze(1).sub(c).div(Tensors.scalar(eps)).add(logA.unsqueeze(1));
        return torch.logsumexp(logits, new long[] {0}, false).mul(Tensors.scalar(-eps));
    }

    private static double dual(Tensor c, Tensor f, Tensor g, Tensor a, Tensor b, Tensor logA, Tensor logB, double eps) {
        return Tensors.item(f.dot(a).add(g.dot(b)).sub(plan(c, f, g, logA, logB, eps).sum().mul(Tensors.scalar(eps))));
    }
}
